import { HttpErrorResponse, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Assignment, NextStep, nextStepFor } from './assignment';
import { MyPolicy, certificatePdfUrl } from './module-content';
import { StatusBadge } from './status-badge';
import { SurveyList } from './survey-list';

@Component({
  selector: 'aman-learn-home',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, FormatDatePipe, StatusBadge, SurveyList],
  templateUrl: './learn-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LearnHome {
  protected readonly session = inject(SessionStore);
  protected readonly language = inject(LanguageStore);

  // Titles come in the chosen language, so both lists follow the language switch.
  protected readonly assignments = httpResource<Assignment[]>(() => ({
    url: '/api/my/assignments',
    params: { lang: this.language.lang() },
  }));
  protected readonly policies = httpResource<MyPolicy[]>(() => ({
    url: '/api/my/policies',
    params: { lang: this.language.lang() },
  }));

  /** No assignments yet reads as 404 on some set-ups: that is an empty list, not an error. */
  private readonly notAssigned = computed(() => {
    const error = this.assignments.error();
    return error instanceof HttpErrorResponse && error.status === 404;
  });
  protected readonly items = computed<Assignment[]>(() =>
    this.assignments.hasValue() ? this.assignments.value() : [],
  );
  protected readonly overdue = computed(() =>
    this.items().filter((a) => a.status === 'overdue'),
  );
  protected readonly problem = computed(() => {
    const error = this.assignments.error();
    return error && !this.notAssigned() ? toApiProblem(error) : null;
  });
  protected readonly empty = computed(
    () =>
      !this.assignments.isLoading() &&
      (this.notAssigned() ||
        (this.assignments.hasValue() && this.items().length === 0)),
  );

  protected readonly documents = computed<MyPolicy[]>(() =>
    this.policies.hasValue() ? this.policies.value() : [],
  );
  protected readonly toSign = computed(
    () => this.documents().filter((d) => !d.signedAt).length,
  );
  protected readonly policiesProblem = computed(() => {
    const error = this.policies.error();
    return error ? toApiProblem(error) : null;
  });

  protected nextStep(assignment: Assignment): NextStep {
    return nextStepFor(assignment);
  }

  protected nextLink(assignment: Assignment): string[] {
    const base = ['/learn/modules', assignment.module.slug];
    return this.nextStep(assignment) === 'quiz' ? [...base, 'quiz'] : base;
  }

  protected certificateUrl(serial: string): string {
    return certificatePdfUrl(serial);
  }
}
