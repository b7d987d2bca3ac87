import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { statusOf } from '../core/http/api-problem';

/**
 * Asks for a one-time link. The answer never says whether the address has an account: the server
 * answers 202 either way, and this page shows the same confirmation for every answer it gives.
 */
@Component({
  selector: 'aman-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe],
  templateUrl: './forgot-password-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly http = inject(HttpClient);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly sent = signal(false);
  protected readonly errorKey = signal<string | null>(null);

  protected invalid(): boolean {
    return this.submitted() && this.form.controls.email.invalid;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.errorKey.set(null);
    try {
      await firstValueFrom(
        this.http.post('/api/auth/password-reset', {
          email: this.form.getRawValue().email.trim(),
        }),
      );
      this.sent.set(true);
    } catch (error) {
      const status = statusOf(error) ?? 0;
      // Only "the server could not be reached / failed" is worth telling: anything else would hint
      // at whether the account exists.
      if (status === 0 || status >= 500)
        this.errorKey.set(status === 0 ? 'errors.network' : 'errors.server');
      else this.sent.set(true);
    } finally {
      this.pending.set(false);
    }
  }
}
