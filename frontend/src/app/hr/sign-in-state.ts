import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageStore } from '../core/session/language-store';
import { FormatDatePipe } from '../shared/format-date-pipe';

/** What the people list says about a person's account: signed in, invited, or not yet invited. */
@Component({
  selector: 'aman-sign-in-state',
  imports: [TranslocoPipe, FormatDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (lastSignInAt(); as at) {
      {{
        'onboarding.account.signedIn'
          | transloco: { date: (at | amanDate: language.lang()) }
      }}
    } @else if (invitedAt(); as at) {
      {{
        'onboarding.account.invited'
          | transloco: { date: (at | amanDate: language.lang()) }
      }}
    } @else if (hasEmail()) {
      {{ 'onboarding.account.notInvited' | transloco }}
    } @else {
      {{ 'onboarding.account.noEmail' | transloco }}
    }
  `,
})
export class SignInState {
  protected readonly language = inject(LanguageStore);
  readonly invitedAt = input<string | null | undefined>(null);
  readonly lastSignInAt = input<string | null | undefined>(null);
  readonly hasEmail = input(true);
}
