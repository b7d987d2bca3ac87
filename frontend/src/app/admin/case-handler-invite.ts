import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  toApiProblem,
} from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { AdminApi, CaseHandlerInvitation } from './admin-api';
import { Partner } from './admin-models';

type Field = 'partnerId' | 'email' | 'name';

/**
 * The platform admin invites a partner's case handler. The first one is confirmed at once; any later
 * one waits for an existing handler of that partner to confirm them (the server decides and says so).
 */
@Component({
  selector: 'aman-case-handler-invite',
  imports: [TranslocoPipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="handler-form-heading">
      <h2 id="handler-form-heading">{{ 'admin.caseHandlers.heading' | transloco }}</h2>
      <p>{{ 'admin.caseHandlers.intro' | transloco }}</p>
      <form class="form card" novalidate (submit)="submit($event)">
        <div class="field">
          <label for="handler-partnerId">{{ 'admin.auditors.fields.partner' | transloco }}</label>
          <select id="handler-partnerId" (change)="set('partnerId', $event)" [attr.aria-invalid]="!!error('partnerId')"
            [attr.aria-describedby]="error('partnerId') ? 'handler-partnerId-error' : null">
            <option value="" [selected]="partnerId() === ''">{{ 'admin.caseHandlers.choosePartner' | transloco }}</option>
            @for (p of partners(); track p.id) {
              <option [value]="p.id" [selected]="partnerId() === p.id">{{ p.name }}</option>
            }
          </select>
          @if (error('partnerId'); as message) {
            <p id="handler-partnerId-error" class="field-error">{{ message.key ? (message.key | transloco) : message.text }}</p>
          }
        </div>
        <div class="field">
          <label for="handler-email">{{ 'admin.caseHandlers.email' | transloco }}</label>
          <input id="handler-email" type="email" autocomplete="off" [value]="email()" (input)="set('email', $event)"
            [attr.aria-invalid]="!!error('email')" [attr.aria-describedby]="error('email') ? 'handler-email-error' : null" />
          @if (error('email'); as message) {
            <p id="handler-email-error" class="field-error">{{ message.key ? (message.key | transloco) : message.text }}</p>
          }
        </div>
        <div class="field">
          <label for="handler-name">{{ 'admin.caseHandlers.name' | transloco }}</label>
          <input id="handler-name" type="text" autocomplete="off" [value]="name()" (input)="set('name', $event)"
            [attr.aria-invalid]="!!error('name')" [attr.aria-describedby]="error('name') ? 'handler-name-error' : null" />
          @if (error('name'); as message) {
            <p id="handler-name-error" class="field-error">{{ message.key ? (message.key | transloco) : message.text }}</p>
          }
        </div>
        <aman-error-alert [problem]="problem()" />
        <div role="status">
          @if (invited(); as result) {
            <p class="alert alert-success">
              {{ (result.confirmed ? 'admin.caseHandlers.invitedConfirmed' : 'admin.caseHandlers.invitedPending') | transloco: { email: result.email } }}
            </p>
          }
        </div>
        <button type="submit" class="button" [disabled]="pending()">{{ 'admin.caseHandlers.submit' | transloco }}</button>
      </form>
    </section>
  `,
})
export class CaseHandlerInvite {
  private readonly api = inject(AdminApi);
  readonly partners = input<readonly Partner[]>([]);

  protected readonly partnerId = signal('');
  protected readonly email = signal('');
  protected readonly name = signal('');
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  private readonly serverFields = signal<FieldError[]>([]);
  protected readonly invited = signal<CaseHandlerInvitation | null>(null);

  /** A translation key for what this form can tell, else the server's message (shown as is). */
  protected error(field: Field): { key?: string; text?: string } | null {
    if (this.submitted() && !this[field]().trim()) return { key: 'validation.required' };
    const text = this.serverFields().find((f) => f.field === field)?.message;
    return text ? { text } : null;
  }

  protected set(field: Field, event: Event): void {
    this[field].set((event.target as HTMLInputElement | HTMLSelectElement).value);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    this.invited.set(null);
    this.serverFields.set([]);
    this.problem.set(null);
    const partnerId = this.partnerId();
    if (!partnerId || !this.email().trim() || !this.name().trim() || this.pending()) return;
    this.pending.set(true);
    try {
      const result = await this.api.inviteCaseHandler(partnerId, {
        email: this.email().trim(),
        name: this.name().trim(),
      });
      this.invited.set(result);
      this.email.set('');
      this.name.set('');
      this.submitted.set(false);
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }
}
