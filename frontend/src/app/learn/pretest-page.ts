import { httpResource } from '@angular/common/http';
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
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { ChoiceQuestion, Choice, applyChoice, choiceInputId } from './choice-question';
import { InteractiveApi, Pretest, pretestUrl } from './blocks/interactive-api';
import { Answers, QuizQuestion } from './module-content';

/**
 * The optional pre-test at the start of a module: what the learner knows before reading. Taken once,
 * before the quiz; its score counts for nothing but the organisation's knowledge-gain figures.
 */
@Component({
  selector: 'aman-pretest-page',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, ChoiceQuestion],
  templateUrl: './pretest-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PretestPage {
  private readonly api = inject(InteractiveApi);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  readonly slug = input.required<string>();

  protected readonly pretest = httpResource<Pretest>(() => ({
    url: pretestUrl(this.slug()),
    params: { lang: this.language.lang() },
  }));
  protected readonly loadProblem = computed(() => {
    const error = this.pretest.error();
    return error ? toApiProblem(error) : null;
  });
  protected readonly answers = signal<Answers>({});
  protected readonly unanswered = signal<ReadonlySet<string>>(new Set());
  protected readonly score = signal<number | null>(null);
  protected readonly sending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  private readonly resultHeading =
    viewChild<ElementRef<HTMLElement>>('resultHeading');

  protected readerLink(): string[] {
    return ['/learn/modules', this.slug()];
  }

  protected choose(question: QuizQuestion, choice: Choice): void {
    this.answers.update((all) => ({
      ...all,
      [question.id]: applyChoice(all[question.id] ?? [], question.multiple, choice),
    }));
    this.unanswered.update((set) => {
      const next = new Set(set);
      next.delete(question.id);
      return next;
    });
  }

  protected async submit(event: Event, questions: QuizQuestion[]): Promise<void> {
    event.preventDefault();
    if (this.sending()) return;
    const missing = questions.filter((q) => !this.answers()[q.id]?.length);
    if (missing.length) {
      this.unanswered.set(new Set(missing.map((q) => q.id)));
      afterNextRender(
        () =>
          document
            .getElementById(
              choiceInputId('pretest', missing[0].id, missing[0].options[0].id),
            )
            ?.focus(),
        { injector: this.injector },
      );
      return;
    }
    this.sending.set(true);
    this.problem.set(null);
    try {
      const { score } = await this.api.submitPretest(this.slug(), this.answers());
      this.score.set(score);
      afterNextRender(() => this.resultHeading()?.nativeElement.focus(), {
        injector: this.injector,
      });
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.sending.set(false);
    }
  }
}
