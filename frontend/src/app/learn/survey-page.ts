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
import { ChoiceQuestion, choiceInputId } from './choice-question';
import { MY_SURVEYS_URL, MySurvey, SurveyApi, SurveyQuestion } from './survey-api';

/**
 * Answering a climate survey once. The content note and the support contacts come first; every
 * closed question can be answered "prefer not to say" where the questionnaire offers it.
 */
@Component({
  selector: 'aman-survey-page',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, ChoiceQuestion],
  templateUrl: './survey-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SurveyPage {
  private readonly api = inject(SurveyApi);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  readonly waveId = input.required<string>();

  protected readonly surveys = httpResource<MySurvey[]>(() => ({
    url: MY_SURVEYS_URL,
    params: { lang: this.language.lang() },
  }));
  protected readonly survey = computed<MySurvey | null>(() =>
    this.surveys.hasValue() ? (this.surveys.value().find((s) => s.id === this.waveId()) ?? null) : null,
  );
  protected readonly loadProblem = computed(() => {
    const error = this.surveys.error();
    return error ? toApiProblem(error) : null;
  });
  protected readonly answers = signal<Record<string, string>>({});
  protected readonly unanswered = signal<ReadonlySet<string>>(new Set());
  protected readonly sent = signal(false);
  protected readonly sending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  private readonly doneHeading = viewChild<ElementRef<HTMLElement>>('doneHeading');

  protected choose(question: SurveyQuestion, value: string): void {
    this.answers.update((all) => ({ ...all, [question.id]: value }));
    this.unanswered.update((set) => {
      const next = new Set(set);
      next.delete(question.id);
      return next;
    });
  }

  protected textOf(event: Event): string {
    return (event.target as HTMLTextAreaElement).value;
  }

  protected async submit(event: Event, survey: MySurvey): Promise<void> {
    event.preventDefault();
    if (this.sending()) return;
    const missing = survey.questions.filter((q) => !q.optional && !this.answers()[q.id]);
    if (missing.length) {
      this.unanswered.set(new Set(missing.map((q) => q.id)));
      afterNextRender(() => document.getElementById(choiceInputId('survey', missing[0].id, missing[0].options[0].id))?.focus(), { injector: this.injector });
      return;
    }
    this.sending.set(true);
    this.problem.set(null);
    try {
      const answers = Object.fromEntries(Object.entries(this.answers()).filter(([, v]) => v.trim() !== ''));
      await this.api.respond(survey.id, answers);
      this.sent.set(true);
      afterNextRender(() => this.doneHeading()?.nativeElement.focus(), { injector: this.injector });
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.sending.set(false);
    }
  }
}
