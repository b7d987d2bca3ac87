import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { HrApi, InvitePeopleResult } from './hr-api';

/**
 * "Invite everyone not yet invited": imports send no mail, so HR sends the set-password links
 * when the organisation is ready. The outcome is announced in a status region.
 */
@Component({
  selector: 'aman-invite-people',
  imports: [TranslocoPipe, ErrorAlert, FormatNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="actions">
      <button
        type="button"
        class="button"
        [class.button-secondary]="secondary()"
        [disabled]="busy()"
        (click)="inviteAll()"
      >
        {{ 'onboarding.invite.all' | transloco }}
      </button>
    </div>
    <div role="status">
      @if (busy()) {
        <p>{{ 'onboarding.invite.sending' | transloco }}</p>
      } @else if (result(); as r) {
        <p>
          {{
            'onboarding.invite.done'
              | transloco
                : { invited: (r.invited | amanNumber: language.lang()) }
          }}
          @if (r.withoutEmail > 0) {
            {{
              'onboarding.invite.withoutEmail'
                | transloco
                  : { count: (r.withoutEmail | amanNumber: language.lang()) }
            }}
          }
        </p>
      }
    </div>
    <aman-error-alert [problem]="problem()" />
  `,
})
export class InvitePeople {
  private readonly api = inject(HrApi);
  protected readonly language = inject(LanguageStore);

  /** Shown as a secondary action where it is not the page's main one. */
  readonly secondary = input(false);
  readonly invited = output<InvitePeopleResult>();

  protected readonly busy = signal(false);
  protected readonly result = signal<InvitePeopleResult | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected async inviteAll(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const result = await this.api.invitePeople();
      this.result.set(result);
      this.invited.emit(result);
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
