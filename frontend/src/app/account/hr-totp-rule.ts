import { HttpClient, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { toApiProblem } from '../core/http/api-problem';

interface Security {
  requireHrTotp: boolean;
}

/** HR's switch for the organisation's rule: every HR admin signs in with a second factor. */
@Component({
  selector: 'aman-hr-totp-rule',
  imports: [TranslocoPipe],
  templateUrl: './hr-totp-rule.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HrTotpRule {
  private readonly http = inject(HttpClient);
  readonly organizationId = input.required<string>();

  protected readonly security = httpResource<Security>(
    () =>
      `/api/organizations/${encodeURIComponent(this.organizationId())}/security`,
  );
  protected readonly required = computed(() =>
    this.security.hasValue() ? this.security.value().requireHrTotp : false,
  );
  protected readonly pending = signal(false);
  protected readonly saved = signal<boolean | null>(null);
  protected readonly errorKey = signal<string | null>(null);

  protected async toggle(event: Event): Promise<void> {
    const requireHrTotp = (event.target as HTMLInputElement).checked;
    this.pending.set(true);
    this.saved.set(null);
    this.errorKey.set(null);
    try {
      const answer = await firstValueFrom(
        this.http.put<Security>(
          `/api/organizations/${encodeURIComponent(this.organizationId())}/security`,
          { requireHrTotp },
        ),
      );
      this.security.set(answer);
      this.saved.set(answer.requireHrTotp);
    } catch (error) {
      const status = toApiProblem(error).status;
      this.errorKey.set(status === 0 ? 'errors.network' : 'errors.generic');
      this.security.reload();
    } finally {
      this.pending.set(false);
    }
  }
}
