import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { fieldErrorsOf, toApiProblem } from '../core/http/api-problem';
import { MIN_PASSWORD_LENGTH } from '../shared/password-policy';

type Field = 'currentPassword' | 'password' | 'confirm';

/** `POST /api/me/password`: the signed-in person changes their password with the current one. */
@Component({
  selector: 'aman-change-password-form',
  imports: [ReactiveFormsModule, TranslocoPipe],
  templateUrl: './change-password-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordForm {
  private readonly http = inject(HttpClient);

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      password: [
        '',
        [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)],
      ],
      confirm: ['', Validators.required],
    },
    { validators: passwordsMatch },
  );
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly done = signal(false);
  /** The server said the current password is wrong. */
  protected readonly currentWrong = signal(false);
  protected readonly errorKey = signal<string | null>(null);

  protected fieldError(name: Field): string | null {
    if (name === 'currentPassword' && this.currentWrong())
      return 'account.password.currentWrong';
    if (!this.submitted()) return null;
    const control = this.form.controls[name];
    if (control.hasError('required')) return 'validation.required';
    if (control.hasError('minlength')) return 'auth.setPassword.tooShort';
    if (name === 'confirm' && this.form.hasError('mismatch'))
      return 'auth.setPassword.mismatch';
    return null;
  }

  protected describedBy(name: Field): string | null {
    const ids = [name === 'password' ? 'account-password-hint' : null];
    if (this.fieldError(name)) ids.push(`account-${name}-error`);
    const present = ids.filter((id) => id !== null);
    return present.length ? present.join(' ') : null;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.currentWrong.set(false);
    this.done.set(false);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.errorKey.set(null);
    const { currentPassword, password } = this.form.getRawValue();
    try {
      await firstValueFrom(
        this.http.post('/api/me/password', { currentPassword, password }),
      );
      this.form.reset();
      this.submitted.set(false);
      this.done.set(true);
    } catch (error) {
      const problem = toApiProblem(error);
      const fields = fieldErrorsOf(error).map((f) => f.field);
      if (problem.status === 400 && fields.includes('currentPassword')) {
        this.currentWrong.set(true);
      } else if (problem.status === 400) {
        this.errorKey.set('auth.setPassword.rejected');
      } else if (problem.status === 429) {
        this.errorKey.set('errors.tooMany');
      } else {
        this.errorKey.set(
          problem.status === 0 ? 'errors.network' : 'errors.generic',
        );
      }
    } finally {
      this.pending.set(false);
    }
  }
}

function passwordsMatch(group: AbstractControl): ValidationErrors | null {
  const password = group.get('password')?.value as string;
  const confirm = group.get('confirm')?.value as string;
  return confirm && password !== confirm ? { mismatch: true } : null;
}
