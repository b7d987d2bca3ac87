import { DOCUMENT } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  fieldErrorsOf,
  toApiProblem,
} from '../core/http/api-problem';
import { newIdempotencyKey } from '../core/http/idempotency-key';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { AttemptStore } from './attempt-store';
import {
  Choice,
  ChoiceQuestion,
  applyChoice,
  choiceInputId,
} from './choice-question';
import { LearnApi } from './learn-api';
import {
  Answers,
  ModuleContent,
  QuizQuestion,
  moduleUrl,
} from './module-content';

@Component({
  selector: 'aman-quiz-page',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, ChoiceQuestion],
  templateUrl: './quiz-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuizPage {
  private readonly api = inject(LearnApi);
  private readonly store = inject(AttemptStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly language = inject(LanguageStore);

  readonly slug = input.required<string>();

  /**
   * One key for everything sent from this view: a double click, or a retry after a lost answer,
   * is the same attempt to the server and returns the same result.
   */
  private readonly idempotencyKey = newIdempotencyKey();

  protected readonly module = httpResource<ModuleContent>(() => ({
    url: moduleUrl(this.slug()),
    params: { lang: this.language.lang() },
  }));
  /** While the module loads again in another language, the one on screen stays (and keeps focus). */
  protected readonly content = linkedSignal<
    { loaded: ModuleContent | null; loading: boolean; slug: string },
    ModuleContent | null
  >({
    source: () => ({
      loaded: this.module.hasValue() ? this.module.value() : null,
      loading: this.module.isLoading(),
      slug: this.slug(),
    }),
    computation: ({ loaded, loading, slug }, previous) =>
      loaded ??
      (loading && previous?.value?.slug === slug ? previous.value : null),
  });
  protected readonly loadProblem = computed(() => {
    const error = this.module.error();
    return error ? toApiProblem(error) : null;
  });
  protected readonly questions = computed<QuizQuestion[]>(
    () => this.content()?.quiz.questions ?? [],
  );

  protected readonly answers = signal<Answers>({});
  protected readonly unanswered = computed(() =>
    this.questions().filter((q) => !this.answers()[q.id]?.length),
  );
  /** True after the learner tried to submit: unanswered questions are then marked. */
  protected readonly tried = signal(false);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly problemTitle = signal<string | null>(null);
  /** Questions the server refused (400), by id. */
  protected readonly rejected = signal<ReadonlySet<string>>(new Set());

  protected number(question: QuizQuestion): number {
    return this.questions().indexOf(question) + 1;
  }

  protected questionError(question: QuizQuestion): string | null {
    if (this.rejected().has(question.id)) return 'learn.quiz.answerRejected';
    if (this.tried() && !this.answers()[question.id]?.length)
      return 'learn.quiz.notAnswered';
    return null;
  }

  protected choose(question: QuizQuestion, choice: Choice): void {
    this.answers.update((answers) => ({
      ...answers,
      [question.id]: applyChoice(
        answers[question.id] ?? [],
        question.multiple,
        choice,
      ),
    }));
    if (this.rejected().has(question.id)) {
      this.rejected.update((ids) => {
        const left = new Set(ids);
        left.delete(question.id);
        return left;
      });
    }
  }

  /** Moves to a question from the summary of unanswered ones. */
  protected focusQuestion(question: QuizQuestion): void {
    const first = question.options[0];
    if (!first) return;
    this.document
      .getElementById(choiceInputId('quiz', question.id, first.id))
      ?.focus();
  }

  protected async submit(event?: Event): Promise<void> {
    event?.preventDefault();
    this.tried.set(true);
    const module = this.content();
    if (!module || this.pending()) return;
    if (this.unanswered().length) {
      this.focusAfterRender('quiz-unanswered');
      return;
    }
    this.pending.set(true);
    this.problem.set(null);
    this.rejected.set(new Set());
    const answers = this.answersBody();
    try {
      const result = await this.api.submitAttempt(
        module.slug,
        answers,
        this.idempotencyKey,
        this.language.lang(),
      );
      this.store.record({
        slug: module.slug,
        moduleTitle: module.title,
        questions: this.questions(),
        answers,
        result,
      });
      await this.router.navigate(['/learn/modules', module.slug, 'result']);
    } catch (error) {
      this.showError(error);
    } finally {
      this.pending.set(false);
    }
  }

  /** Every question in the module's order, options in the order they are shown. */
  private answersBody(): Answers {
    const chosen = this.answers();
    return Object.fromEntries(
      this.questions().map((q) => [
        q.id,
        q.options.map((o) => o.id).filter((id) => chosen[q.id]?.includes(id)),
      ]),
    );
  }

  private showError(error: unknown): void {
    const problem = toApiProblem(error);
    this.problem.set(problem);
    this.problemTitle.set(errorTitle(problem.status));
    if (problem.status === 400) {
      const ids = fieldErrorsOf(error)
        .map((f) => /^answers\.(.+)$/.exec(f.field)?.[1])
        .filter((id): id is string => !!id);
      this.rejected.set(new Set(ids));
    }
  }

  private focusAfterRender(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), {
      injector: this.injector,
    });
  }
}

function errorTitle(status: number): string | null {
  switch (status) {
    case 400:
      return 'learn.quiz.errors.invalid';
    case 409:
      return 'learn.quiz.errors.conflict';
    case 429:
      return 'learn.quiz.errors.limit';
    default:
      return null;
  }
}
