import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ScenarioBlock, ScenarioNode } from '../module-content';

/**
 * A branching scenario, one situation at a time: a choice shows its consequence, "Continue" moves
 * to the next situation (focus goes to its heading, so a screen reader reads on from there), an
 * ending shows the debrief and offers to start again. Nothing is sent to the server.
 */
@Component({
  selector: 'aman-scenario-player',
  imports: [TranslocoPipe],
  templateUrl: './scenario-player.html',
  styles: `
    /* Not .actions: the reader's own buttons (Mark as read) live there. */
    .block-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
    .block { margin: 1.5rem 0; padding: 1rem; border: 1px solid var(--border, #c9ced6); border-radius: 0.5rem; }
    .scenario-choices { list-style: none; padding: 0; margin: 0.5rem 0; display: grid; gap: 0.5rem; }
    /* Long choices wrap at 360 px instead of overflowing. */
    .scenario-choices .button { width: 100%; text-align: start; white-space: normal; height: auto; }
    .scenario-consequence { border-inline-start: 4px solid currentColor; padding-inline-start: 0.75rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScenarioPlayer {
  private readonly injector = inject(Injector);

  readonly block = input.required<ScenarioBlock>();

  /** Null until the learner starts (the intro is shown). */
  protected readonly nodeId = signal<string | null>(null);
  /** The consequence of the choice just made, shown before "Continue". */
  protected readonly consequence = signal<{
    choice: string;
    text: string;
    next: string;
  } | null>(null);
  protected readonly step = signal(1);

  protected readonly node = computed<ScenarioNode | null>(() => {
    const id = this.nodeId();
    return this.block().nodes.find((n) => n.id === id) ?? null;
  });

  private readonly stepHeading =
    viewChild<ElementRef<HTMLElement>>('stepHeading');
  private readonly consequenceHeading =
    viewChild<ElementRef<HTMLElement>>('consequenceHeading');

  protected headingId(): string {
    return `scenario-${this.block().id}-title`;
  }

  protected start(): void {
    this.consequence.set(null);
    this.step.set(1);
    this.nodeId.set(this.block().start);
    this.focus(() => this.stepHeading());
  }

  protected choose(choice: ScenarioNode['choices'][number]): void {
    this.consequence.set({
      choice: choice.text,
      text: choice.consequence,
      next: choice.next,
    });
    // The choice buttons are gone: focus goes where the story continues.
    this.focus(() => this.consequenceHeading());
  }

  protected continue(): void {
    const next = this.consequence()?.next;
    if (!next) return;
    this.consequence.set(null);
    this.step.update((n) => n + 1);
    this.nodeId.set(next);
    this.focus(() => this.stepHeading());
  }

  private focus(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }
}
