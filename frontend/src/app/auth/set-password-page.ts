import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { toApiProblem } from '../core/http/api-problem';
import {
  NewPasswordFields,
  newPasswordGroup,
} from '../shared/new-password-fields';

/** Sets a password from a one-time link (`/set-password?token=...`): invitations and resets. */
@Component({
  selector: 'aman-set-password-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, NewPasswordFields],
  templateUrl: './set-password-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetPasswordPage {
  private readonly http = inject(HttpClient);

  readonly token = input<string>();

  protected readonly form = newPasswordGroup();
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly done = signal(false);
  protected readonly linkInvalid = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly serverMessages = signal<string[]>([]);
  protected readonly hasToken = computed(() => !!this.token());

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.errorKey.set(null);
    this.serverMessages.set([]);
    try {
      await firstValueFrom(
        this.http.post('/api/auth/password', {
          token: this.token(),
          password: this.form.getRawValue().password,
        }),
      );
      this.done.set(true);
    } catch (error) {
      this.showError(error);
    } finally {
      this.pending.set(false);
    }
  }

  private showError(error: unknown): void {
    const problem = toApiProblem(error);
    const aboutPassword = problem.messages.some((m) => /password/i.test(m));
    if (problem.status === 400 && aboutPassword) {
      // The link is fine but the server rejects the password itself: say why.
      this.errorKey.set('auth.setPassword.rejected');
      this.serverMessages.set(problem.messages);
    } else if (problem.status === 400 || problem.status === 404) {
      this.linkInvalid.set(true);
    } else if (problem.status === 429) {
      this.errorKey.set('errors.tooMany');
    } else {
      this.errorKey.set(
        problem.status === 0 ? 'errors.network' : 'errors.generic',
      );
    }
  }
}
