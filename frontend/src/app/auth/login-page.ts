import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { statusOf } from '../core/http/api-problem';
import { CurrentUser } from '../core/session/current-user';
import { landingPathFor } from '../core/session/landing-path';
import { SessionStore } from '../core/session/session-store';

@Component({
  selector: 'aman-login-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe],
  templateUrl: './login-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  /** Where to go after signing in (from the guard or the 401 interceptor). */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  /** The second step, when the account has TOTP on. */
  protected readonly challenge = signal<string | null>(null);
  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', Validators.required],
  });
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly errorKey = signal<string | null>(null);

  protected invalid(name: 'email' | 'password'): boolean {
    return this.submitted() && this.form.controls[name].invalid;
  }

  protected describedBy(name: 'email' | 'password'): string | null {
    const ids = [
      this.invalid(name) ? `login-${name}-error` : null,
      this.errorKey() ? 'login-error' : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.errorKey.set(null);
    const { email, password } = this.form.getRawValue();
    try {
      const answer = await this.session.login(email.trim(), password);
      if ('totpRequired' in answer) {
        this.challenge.set(answer.challenge);
        this.submitted.set(false);
        return;
      }
      await this.enter(answer);
    } catch (error) {
      this.errorKey.set(loginErrorKey(statusOf(error)));
      this.form.controls.password.reset();
    } finally {
      this.pending.set(false);
    }
  }

  protected async submitCode(): Promise<void> {
    this.submitted.set(true);
    const challenge = this.challenge();
    if (this.codeForm.invalid || this.pending() || !challenge) return;
    this.pending.set(true);
    this.errorKey.set(null);
    try {
      const user = await this.session.loginWithTotp(
        challenge,
        this.codeForm.getRawValue().code.trim(),
      );
      await this.enter(user);
    } catch (error) {
      const status = statusOf(error);
      this.errorKey.set(
        status === 401 ? 'totp.login.wrongCode' : loginErrorKey(status),
      );
      this.codeForm.reset();
    } finally {
      this.pending.set(false);
    }
  }

  /** Back to the password step (e.g. the challenge expired). */
  protected restart(): void {
    this.challenge.set(null);
    this.errorKey.set(null);
    this.submitted.set(false);
    this.form.controls.password.reset();
  }

  private async enter(user: CurrentUser): Promise<void> {
    // Required but not set up: the server refuses everything else until it is.
    if (user.totpEnrollmentRequired) {
      await this.router.navigateByUrl('/account');
      return;
    }
    await this.router.navigateByUrl(
      safeReturnUrl(this.returnUrl()) ?? landingPathFor(user.roles),
    );
  }
}

function loginErrorKey(status: number | null): string {
  switch (status) {
    case 401:
      return 'auth.login.wrongCredentials';
    case 429:
      return 'auth.login.tooManyAttempts';
    case 0:
      return 'errors.network';
    default:
      return 'errors.generic';
  }
}

/** Only paths inside this app: never an absolute or protocol-relative URL (open redirect). */
function safeReturnUrl(url: string | undefined): string | null {
  if (
    !url ||
    !url.startsWith('/') ||
    url.startsWith('//') ||
    url.startsWith('/\\')
  )
    return null;
  if (url.startsWith('/login')) return null;
  return url;
}
