import { HttpClient, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { fieldErrorsOf, toApiProblem } from '../core/http/api-problem';
import { SessionStore } from '../core/session/session-store';

export interface TotpStatus {
  enabled: boolean;
  allowed: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

/** Set up (QR + confirmation code, then recovery codes shown once) or turn off the TOTP second factor. */
@Component({
  selector: 'aman-totp-settings',
  imports: [ReactiveFormsModule, TranslocoPipe],
  templateUrl: './totp-settings.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TotpSettings {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly status = httpResource<TotpStatus>(() => '/api/me/totp');
  protected readonly current = computed(() =>
    this.status.hasValue() ? this.status.value() : null,
  );
  protected readonly setup = signal<TotpSetup | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);

  protected readonly codeForm = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(/^\d{6}$/)]],
  });
  protected readonly disableForm = this.fb.group({
    currentPassword: ['', Validators.required],
  });

  protected async start(): Promise<void> {
    await this.run(async () => {
      this.setup.set(
        await firstValueFrom(
          this.http.post<TotpSetup>('/api/me/totp/setup', {}),
        ),
      );
    });
  }

  protected async confirm(): Promise<void> {
    if (this.codeForm.invalid) {
      this.errorKey.set('totp.setup.codeFormat');
      return;
    }
    await this.run(async () => {
      const { recoveryCodes } = await firstValueFrom(
        this.http.post<{ recoveryCodes: string[] }>('/api/me/totp/enable', {
          code: this.codeForm.getRawValue().code,
        }),
      );
      this.recoveryCodes.set(recoveryCodes);
      this.setup.set(null);
      this.codeForm.reset();
      this.message.set('totp.setup.done');
      this.status.reload();
      // The organisation's rule is met now: the rest of the app opens.
      await this.session.refresh();
    });
  }

  protected async turnOff(): Promise<void> {
    if (this.disableForm.invalid) {
      this.errorKey.set('validation.required');
      return;
    }
    await this.run(async () => {
      await firstValueFrom(
        this.http.post('/api/me/totp/disable', this.disableForm.getRawValue()),
      );
      this.disableForm.reset();
      this.recoveryCodes.set(null);
      this.message.set('totp.disabled');
      this.status.reload();
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    this.errorKey.set(null);
    this.message.set(null);
    try {
      await action();
    } catch (error) {
      const problem = toApiProblem(error);
      const fields = fieldErrorsOf(error).map((f) => f.field);
      if (fields.includes('code')) this.errorKey.set('totp.setup.wrongCode');
      else if (fields.includes('currentPassword'))
        this.errorKey.set('account.password.currentWrong');
      else if (problem.status === 409) this.errorKey.set('totp.conflict');
      else if (problem.status === 429) this.errorKey.set('errors.tooMany');
      else
        this.errorKey.set(
          problem.status === 0 ? 'errors.network' : 'errors.generic',
        );
    } finally {
      this.pending.set(false);
    }
  }
}
