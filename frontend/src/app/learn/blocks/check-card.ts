import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../../core/http/api-problem';
import { LanguageStore } from '../../core/session/language-store';
import { ErrorAlert } from '../../shared/error-alert';
import { CheckBlock, CheckResult } from '../module-content';
import { InteractiveApi } from './interactive-api';

/**
 * An in-lesson knowledge check: ungraded. "Check" asks the server, which records that it was
 * answered and returns every option's feedback; the result is announced through a live region.
 */
@Component({
  selector: 'aman-check-card',
  imports: [TranslocoPipe, ErrorAlert],
  templateUrl: './check-card.html',
  styles: `
    /* Not .actions: the reader's own buttons (Mark as read) live there. */
    .block-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
    .block { margin: 1.5rem 0; padding: 1rem; border: 1px solid var(--border, #c9ced6); border-radius: 0.5rem; }
    .feedback-list { padding-inline-start: 1.25rem; }
    .option-right label::after { content: ' ✓'; }
    .option-wrong label::after { content: ' ✗'; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckCard {
  private readonly api = inject(InteractiveApi);
  private readonly language = inject(LanguageStore);

  readonly slug = input.required<string>();
  readonly lessonId = input.required<string>();
  readonly block = input.required<CheckBlock>();

  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly result = signal<CheckResult | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly feedbackOf = computed(
    () =>
      new Map(
        (this.result()?.feedback ?? []).map((f) => [f.optionId, f] as const),
      ),
  );

  protected inputId(optionId: string): string {
    return `check-${this.block().id}-${optionId}`;
  }

  protected choose(optionId: string, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.result.set(null);
    this.chosen.update((set) => {
      if (!this.block().multiple) return new Set(on ? [optionId] : []);
      const next = new Set(set);
      if (on) next.add(optionId);
      else next.delete(optionId);
      return next;
    });
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.chosen().size === 0 || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const block = this.block();
      // Options in the order shown, whatever order they were ticked in.
      const optionIds = block.options
        .map((o) => o.id)
        .filter((id) => this.chosen().has(id));
      this.result.set(
        await this.api.check(
          this.slug(),
          this.lessonId(),
          block.id,
          optionIds,
          this.language.lang(),
        ),
      );
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
