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
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { fieldErrorsOf, toApiProblem } from '../core/http/api-problem';
import {
  NewPasswordFields,
  newPasswordGroup,
} from '../shared/new-password-fields';

/** `POST /api/me/password`: the signed-in person changes their password with the current one. */
@Component({
  selector: 'aman-change-password-form',
  imports: [ReactiveFormsModule, TranslocoPipe, NewPasswordFields],
  templateUrl: './change-password-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordForm {
  private readonly http = inject(HttpClient);

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: newPasswordGroup(),
  });
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly done = signal(false);
  /** The server said the current password is wrong. */
  protected readonly currentWrong = signal(false);
  protected readonly errorKey = signal<string | null>(null);

  /** The current password's problem (the new one's are shown by NewPasswordFields). */
  protected currentError(): string | null {
    if (this.currentWrong()) return 'account.password.currentWrong';
    return this.submitted() &&
      this.form.controls.currentPassword.hasError('required')
      ? 'validation.required'
      : null;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.currentWrong.set(false);
    this.done.set(false);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.errorKey.set(null);
    const {
      currentPassword,
      newPassword: { password },
    } = this.form.getRawValue();
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
