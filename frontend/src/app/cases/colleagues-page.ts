import { HttpClient, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  toApiProblem,
} from '../core/http/api-problem';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { CaseHandler } from './case-models';
import { RetentionSettings } from './retention-settings';

/**
 * A partner's case handlers. A new one receives no report until an existing handler confirms them
 * here, so nobody (not even the platform admin) can plant a reader alone.
 */
@Component({
  selector: 'aman-case-colleagues',
  imports: [TranslocoPipe, RouterLink, ErrorAlert, RetentionSettings],
  templateUrl: './colleagues-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ColleaguesPage {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  protected readonly partnerId = computed(() => this.session.user()?.partnerId ?? null);

  protected readonly handlers = httpResource<CaseHandler[]>(() => {
    const partnerId = this.partnerId();
    return partnerId ? this.base(partnerId) : undefined;
  });
  protected readonly rows = computed(() =>
    this.handlers.hasValue() ? this.handlers.value() : [],
  );
  protected readonly me = computed(() => this.session.user()?.id ?? null);

  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly confirmedName = signal<string | null>(null);

  protected readonly name = signal('');
  protected readonly email = signal('');
  protected readonly inviteFields = signal<FieldError[]>([]);
  protected readonly inviteProblem = signal<ApiProblem | null>(null);
  protected readonly invited = signal<string | null>(null);
  protected readonly inviting = signal(false);

  protected fieldError(field: 'name' | 'email'): string | null {
    return this.inviteFields().find((f) => f.field === field)?.message ?? null;
  }

  protected set(target: 'name' | 'email', event: Event): void {
    this[target].set((event.target as HTMLInputElement).value);
  }

  protected async confirm(handler: CaseHandler): Promise<void> {
    const partnerId = this.partnerId();
    if (!partnerId) return;
    this.problem.set(null);
    this.confirmedName.set(null);
    try {
      await firstValueFrom(
        this.http.post(
          `${this.base(partnerId)}/${encodeURIComponent(handler.id)}/confirm`,
          {},
        ),
      );
      this.confirmedName.set(handler.name);
      this.handlers.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    }
  }

  protected async invite(event: Event): Promise<void> {
    event.preventDefault();
    const partnerId = this.partnerId();
    if (!partnerId || this.inviting()) return;
    this.inviting.set(true);
    this.inviteProblem.set(null);
    this.inviteFields.set([]);
    this.invited.set(null);
    try {
      await firstValueFrom(
        this.http.post(this.base(partnerId), {
          name: this.name().trim(),
          email: this.email().trim(),
        }),
      );
      this.invited.set(this.email().trim());
      this.name.set('');
      this.email.set('');
      this.handlers.reload();
    } catch (error) {
      this.inviteProblem.set(toApiProblem(error));
      this.inviteFields.set(fieldErrorsOf(error));
    } finally {
      this.inviting.set(false);
    }
  }

  private base(partnerId: string): string {
    return `/api/partners/${encodeURIComponent(partnerId)}/case-handlers`;
  }
}
