import { httpResource } from '@angular/common/http';
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
import { categoryKey } from '../shared/report-channel';
import { CaseSummary } from './case-models';

/** A recipient's cases: newest first as the server sends them, unread ones marked in words. */
@Component({
  selector: 'aman-cases-inbox',
  imports: [TranslocoPipe, RouterLink, ErrorAlert, FormatDatePipe],
  templateUrl: './inbox-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InboxPage {
  protected readonly language = inject(LanguageStore);
  protected readonly categoryKey = categoryKey;
  private readonly session = inject(SessionStore);
  protected readonly isHandler = computed(
    () =>
      this.session.roles().includes('case_handler') &&
      !!this.session.user()?.partnerId,
  );
  protected readonly cases = httpResource<CaseSummary[]>(() => '/api/cases');
  /**
   * Answered once, in the session whose sign-in made this person's key pair (404 otherwise): the
   * only moment the recovery key can be shown, so it is shown here, where a recipient lands.
   */
  protected readonly recovery = httpResource<{ recoveryKey: string }>(
    () => '/api/me/recovery-key',
  );
  protected readonly recoveryKey = computed(() =>
    this.recovery.hasValue() ? this.recovery.value().recoveryKey : null,
  );
  protected readonly rows = computed(() =>
    this.cases.hasValue() ? this.cases.value() : [],
  );
  protected readonly unreadCount = computed(
    () => this.rows().filter((c) => c.unread).length,
  );
  protected readonly problem = computed(() => {
    const error = this.cases.error();
    return error ? toApiProblem(error) : null;
  });
}
