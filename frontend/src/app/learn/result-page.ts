import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AttemptStore } from './attempt-store';
import { QuizOption, QuizQuestion, certificatePdfUrl } from './module-content';

interface FeedbackRow {
  number: number;
  question: QuizQuestion;
  chosen: QuizOption[];
  correct: boolean;
  explanation: string;
  /** A multiple-choice answer not right: how many options it left out and chose wrongly. */
  partial: { missed: number; wronglyChosen: number } | null;
  /** Only after a pass; null when the server did not send them. */
  correctOptions: QuizOption[] | null;
}

@Component({
  selector: 'aman-result-page',
  imports: [RouterLink, TranslocoPipe],
  templateUrl: './result-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultPage {
  private readonly store = inject(AttemptStore);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  readonly slug = input.required<string>();

  protected readonly attempt = computed(() => this.store.for(this.slug()));
  protected readonly result = computed(() => this.attempt()?.result ?? null);
  protected readonly rows = computed<FeedbackRow[]>(() => {
    const attempt = this.attempt();
    if (!attempt) return [];
    return attempt.questions.map((question, index) => {
      const feedback = attempt.result.feedback.find(
        (f) => f.questionId === question.id,
      );
      const chosenIds = attempt.answers[question.id] ?? [];
      const correctIds = feedback?.correctOptionIds;
      return {
        number: index + 1,
        question,
        chosen: question.options.filter((o) => chosenIds.includes(o.id)),
        correct: feedback?.correct ?? false,
        explanation: feedback?.explanation ?? '',
        partial:
          feedback && !feedback.correct && feedback.missed !== undefined
            ? {
                missed: feedback.missed,
                wronglyChosen: feedback.wronglyChosen ?? 0,
              }
            : null,
        correctOptions: correctIds
          ? question.options.filter((o) => correctIds.includes(o.id))
          : null,
      };
    });
  });
  protected readonly pdfUrl = computed(() => {
    const serial = this.result()?.certificateSerial;
    return serial ? certificatePdfUrl(serial) : null;
  });
  protected readonly shareUrl = computed(() => {
    const serial = this.result()?.certificateSerial;
    return serial
      ? `${this.document.location.origin}/verify/${encodeURIComponent(serial)}`
      : null;
  });

  /** Filled after the first render, so that screen readers announce the outcome. */
  protected readonly announced = signal(false);
  protected readonly copyState = signal<'copied' | 'manual' | null>(null);

  private readonly heading =
    viewChild<ElementRef<HTMLElement>>('resultHeading');
  private readonly shareInput =
    viewChild<ElementRef<HTMLInputElement>>('shareInput');

  constructor() {
    // Registered while the page first renders, i.e. after the shell's own "focus <main>" for this
    // navigation: the result heading is where reading continues.
    effect(() => {
      if (!this.attempt()) return;
      afterNextRender(
        () => {
          this.heading()?.nativeElement.focus();
          this.announced.set(true);
        },
        { injector: this.injector },
      );
    });
  }

  protected async copyShareUrl(): Promise<void> {
    const url = this.shareUrl();
    if (!url) return;
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(url);
      this.copyState.set('copied');
    } catch {
      // No clipboard access (older browser, or permission refused): select it for Ctrl+C.
      this.shareInput()?.nativeElement.select();
      this.copyState.set('manual');
    }
  }
}
