import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../../core/http/api-problem';
import { ErrorAlert } from '../../shared/error-alert';
import { ReflectionBlock } from '../module-content';
import { InteractiveApi } from './interactive-api';

export const REFLECTION_MAX = 4000;

/** The module's reflection prompt: free text the learner keeps; nobody else (HR included) sees it. */
@Component({
  selector: 'aman-reflection-box',
  imports: [TranslocoPipe, ErrorAlert],
  templateUrl: './reflection-box.html',
  styles: `
    /* Not .actions: the reader's own buttons (Mark as read) live there. */
    .block-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
    .block { margin: 1.5rem 0; padding: 1rem; border: 1px solid var(--border, #c9ced6); border-radius: 0.5rem; }
    textarea { display: block; width: 100%; box-sizing: border-box; max-width: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReflectionBox {
  private readonly api = inject(InteractiveApi);

  readonly slug = input.required<string>();
  readonly block = input.required<ReflectionBlock>();

  protected readonly max = REFLECTION_MAX;
  protected readonly text = linkedSignal(() => this.block().text ?? '');
  protected readonly state = signal<'idle' | 'saving' | 'saved' | 'removed'>(
    'idle',
  );
  protected readonly problem = signal<ApiProblem | null>(null);

  protected inputId(): string {
    return `reflection-${this.block().id}`;
  }

  protected edit(event: Event): void {
    this.text.set((event.target as HTMLTextAreaElement).value);
    this.state.set('idle');
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    if (this.state() === 'saving') return;
    this.state.set('saving');
    this.problem.set(null);
    try {
      const text = this.text();
      await this.api.saveReflection(this.slug(), this.block().id, text);
      this.state.set(text.trim() === '' ? 'removed' : 'saved');
    } catch (error) {
      this.state.set('idle');
      this.problem.set(toApiProblem(error));
    }
  }
}
