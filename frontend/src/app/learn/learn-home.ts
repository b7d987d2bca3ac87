import { HttpErrorResponse, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Assignment } from './assignment';
import { StatusBadge } from './status-badge';

@Component({
  selector: 'aman-learn-home',
  imports: [TranslocoPipe, ErrorAlert, FormatDatePipe, StatusBadge],
  templateUrl: './learn-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LearnHome {
  protected readonly session = inject(SessionStore);
  protected readonly language = inject(LanguageStore);

  protected readonly assignments = httpResource<Assignment[]>(
    () => '/api/my/assignments',
  );

  /** No assignments yet reads as 404 on some set-ups: that is an empty list, not an error. */
  private readonly notAssigned = computed(() => {
    const error = this.assignments.error();
    return error instanceof HttpErrorResponse && error.status === 404;
  });
  protected readonly items = computed<Assignment[]>(() =>
    this.assignments.hasValue() ? this.assignments.value() : [],
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

  protected certificateUrl(serial: string): string {
    return `/api/certificates/${encodeURIComponent(serial)}/pdf`;
  }
}
