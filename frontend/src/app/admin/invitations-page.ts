import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { AdminApi } from './admin-api';
import { Invitation } from './admin-models';

/** Badge classes reuse the mail colours: pending waits, used is done, expired needs action. */
const BADGE: Record<Invitation['state'], string> = {
  pending: 'badge badge-mail-pending',
  used: 'badge badge-mail-sent',
  expired: 'badge badge-expired',
};

/**
 * The people a platform admin invited (first HR admins, auditors): whether each invitation was used,
 * and a new link for those that were not. The link itself only ever goes to the person's mail.
 */
@Component({
  selector: 'aman-invitations-page',
  imports: [TranslocoPipe, ErrorAlert, FormatDatePipe],
  templateUrl: './invitations-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationsPage {
  private readonly api = inject(AdminApi);
  protected readonly language = inject(LanguageStore);

  protected readonly invitations = httpResource<Invitation[]>(
    () => '/api/invitations',
  );
  protected readonly rows = computed(() =>
    this.invitations.hasValue() ? this.invitations.value() : [],
  );
  protected readonly loadProblem = problemOf(this.invitations);
  /** The user id whose invitation is being resent. */
  protected readonly resending = signal<string | null>(null);
  protected readonly resent = signal<string | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected badge(state: Invitation['state']): string {
    return BADGE[state];
  }

  protected roleKey(invitation: Invitation): string {
    return invitation.roles.includes('auditor')
      ? 'roles.auditor'
      : 'roles.hr_admin';
  }

  protected async resend(invitation: Invitation): Promise<void> {
    if (this.resending()) return;
    this.resending.set(invitation.userId);
    this.resent.set(null);
    this.problem.set(null);
    try {
      await this.api.resendInvitation(invitation.userId);
      this.resent.set(invitation.email);
      this.invitations.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.resending.set(null);
    }
  }
}
