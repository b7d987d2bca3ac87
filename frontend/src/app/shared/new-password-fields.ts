import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { MIN_PASSWORD_LENGTH } from './password-policy';

export type NewPasswordGroup = FormGroup<{
  password: FormControl<string>;
  confirm: FormControl<string>;
}>;

/** A new password typed twice: long enough, and the same both times. */
export function newPasswordGroup(): NewPasswordGroup {
  return new FormGroup(
    {
      password: new FormControl('', {
        nonNullable: true,
        validators: [
          Validators.required,
          Validators.minLength(MIN_PASSWORD_LENGTH),
        ],
      }),
      confirm: new FormControl('', {
        nonNullable: true,
        validators: Validators.required,
      }),
    },
    { validators: passwordsMatch },
  );
}

function passwordsMatch(group: AbstractControl): ValidationErrors | null {
  const password = group.get('password')?.value as string;
  const confirm = group.get('confirm')?.value as string;
  return confirm && password !== confirm ? { mismatch: true } : null;
}

type Field = 'password' | 'confirm';

/**
 * The new-password and repeat fields that setting a password from a link and changing it from the
 * account page share, with their hint and errors. Field ids are `<idPrefix>-password`,
 * `<idPrefix>-confirm`, their errors `…-error`, and the hint `<idPrefix>-password-hint`.
 */
@Component({
  selector: 'aman-new-password-fields',
  imports: [ReactiveFormsModule, TranslocoPipe],
  template: `
    <div class="field">
      <label [for]="idPrefix() + '-password'">{{
        'auth.setPassword.newPassword' | transloco
      }}</label>
      <p [id]="idPrefix() + '-password-hint'" class="hint">
        {{ 'auth.setPassword.hint' | transloco: { min: minLength } }}
      </p>
      <input
        [id]="idPrefix() + '-password'"
        type="password"
        [formControl]="group().controls.password"
        autocomplete="new-password"
        required
        [attr.minlength]="minLength"
        [attr.aria-invalid]="!!error('password')"
        [attr.aria-describedby]="describedBy('password')"
      />
      @if (error('password'); as key) {
        <p [id]="idPrefix() + '-password-error'" class="field-error">
          {{ key | transloco: { min: minLength } }}
        </p>
      }
    </div>
    <div class="field">
      <label [for]="idPrefix() + '-confirm'">{{
        'auth.setPassword.confirm' | transloco
      }}</label>
      <input
        [id]="idPrefix() + '-confirm'"
        type="password"
        [formControl]="group().controls.confirm"
        autocomplete="new-password"
        required
        [attr.aria-invalid]="!!error('confirm')"
        [attr.aria-describedby]="describedBy('confirm')"
      />
      @if (error('confirm'); as key) {
        <p [id]="idPrefix() + '-confirm-error'" class="field-error">
          {{ key | transloco }}
        </p>
      }
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewPasswordFields {
  readonly group = input.required<NewPasswordGroup>();
  /** Errors show only once the person has tried to submit. */
  readonly submitted = input(false);
  readonly idPrefix = input.required<string>();
  /** The id of a form-wide error region the fields should also point to, when it shows something. */
  readonly describedByAlso = input<string | null>(null);

  protected readonly minLength = MIN_PASSWORD_LENGTH;

  protected error(name: Field): string | null {
    if (!this.submitted()) return null;
    const group = this.group();
    const control = group.controls[name];
    if (control.hasError('required')) return 'validation.required';
    if (control.hasError('minlength')) return 'auth.setPassword.tooShort';
    if (name === 'confirm' && group.hasError('mismatch'))
      return 'auth.setPassword.mismatch';
    return null;
  }

  protected describedBy(name: Field): string | null {
    const prefix = this.idPrefix();
    const ids = [
      name === 'password' ? `${prefix}-password-hint` : null,
      this.error(name) ? `${prefix}-${name}-error` : null,
      this.describedByAlso(),
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }
}
