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
      const user = await this.session.login(email.trim(), password);
      await this.router.navigateByUrl(
        safeReturnUrl(this.returnUrl()) ?? landingPathFor(user.roles),
      );
    } catch (error) {
      this.errorKey.set(loginErrorKey(statusOf(error)));
      this.form.controls.password.reset();
    } finally {
      this.pending.set(false);
    }
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
