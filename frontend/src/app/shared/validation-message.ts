import { AbstractControl } from '@angular/forms';

/** A translation key (and its parameters) describing why a form control is invalid. */
export interface ValidationMessage {
  key: string;
  params: Record<string, unknown>;
}

export function validationMessage(
  control: AbstractControl,
): ValidationMessage | null {
  if (control.hasError('required'))
    return { key: 'validation.required', params: {} };
  if (control.hasError('email')) return { key: 'validation.email', params: {} };
  const minLength = control.getError('minlength') as {
    requiredLength: number;
  } | null;
  if (minLength)
    return {
      key: 'validation.minLength',
      params: { min: minLength.requiredLength },
    };
  return null;
}
