import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../core/session/session-store';
import { ChangePasswordForm } from './change-password-form';

/** The signed-in person's own account: password, and a second factor where the role allows one. */
@Component({
  selector: 'aman-account-page',
  imports: [TranslocoPipe, ChangePasswordForm],
  templateUrl: './account-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  protected readonly session = inject(SessionStore);
}
