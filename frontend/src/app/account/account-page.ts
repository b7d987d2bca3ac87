import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../core/session/session-store';
import { ChangePasswordForm } from './change-password-form';
import { HrTotpRule } from './hr-totp-rule';
import { TotpSettings } from './totp-settings';

/** The signed-in person's own account: password, and a second factor where the role allows one. */
@Component({
  selector: 'aman-account-page',
  imports: [TranslocoPipe, ChangePasswordForm, TotpSettings, HrTotpRule],
  templateUrl: './account-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  protected readonly session = inject(SessionStore);
}
