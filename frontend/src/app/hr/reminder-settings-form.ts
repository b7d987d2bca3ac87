import { DOCUMENT } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
} from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  problemOf,
  toApiProblem,
} from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { ValidationMessage } from '../shared/validation-message';
import { HrApi } from './hr-api';
import { ReminderSettings, parseDayList } from './rule-models';

type Field =
  | 'reminderHour'
  | 'remindDaysBefore'
  | 'escalateAfterDays'
  | 'overdueEveryDays';

/** The server's ranges for each number. */
const RANGES: Record<Exclude<Field, 'remindDaysBefore'>, [number, number]> = {
  reminderHour: [0, 23],
  escalateAfterDays: [1, 365],
  overdueEveryDays: [1, 60],
};

function wholeIn(min: number, max: number) {
  return (control: AbstractControl<number | null>): ValidationErrors | null => {
    const value = control.value;
    if (value === null) return { required: true };
    return Number.isInteger(value) && value >= min && value <= max
      ? null
      : { range: { min, max } };
  };
}

function dayList(control: AbstractControl<string>): ValidationErrors | null {
  return parseDayList(control.value) ? null : { dayList: true };
}

/** When reminders go out and when a unit's leaders hear about overdue training. */
@Component({
  selector: 'aman-reminder-settings-form',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorAlert],
  templateUrl: './reminder-settings-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReminderSettingsForm {
  private readonly api = inject(HrApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly hours = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    label: `${String(hour).padStart(2, '0')}.00`,
  }));

  protected readonly settings = httpResource<ReminderSettings>(
    () => '/api/assignment-rules/settings',
  );
  protected readonly loadProblem = problemOf(this.settings);

  protected readonly form = this.fb.group({
    reminderHour: this.fb.control<number | null>(8, wholeIn(0, 23)),
    remindDaysBefore: ['7, 1', dayList],
    escalateAfterDays: this.fb.control<number | null>(7, wholeIn(1, 365)),
    overdueEveryDays: this.fb.control<number | null>(7, wholeIn(1, 60)),
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly serverFields = signal<FieldError[]>([]);

  constructor() {
    effect(() => {
      if (!this.settings.hasValue()) return;
      const settings = this.settings.value();
      untracked(() => this.fill(settings));
    });
  }

  protected error(name: Field): ValidationMessage | null {
    const control = this.form.controls[name];
    if (this.submitted() && control.invalid) {
      if (control.hasError('required'))
        return { key: 'validation.required', params: {} };
      if (name === 'remindDaysBefore')
        return { key: 'hr.rules.reminders.dayListInvalid', params: {} };
      const [min, max] = RANGES[name];
      return { key: 'hr.rules.reminders.range', params: { min, max } };
    }
    const server = this.serverFields().find((f) => f.field === name);
    return server
      ? { key: 'validation.rejected', params: { message: server.message } }
      : null;
  }

  protected describedBy(name: Field, hint = false): string | null {
    const ids = [
      hint ? `reminders-${name}-hint` : null,
      this.error(name) ? `reminders-${name}-error` : null,
      this.problem() ? 'reminders-form-error' : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.saved.set(false);
    if (this.form.invalid) {
      afterNextRender(
        () =>
          this.document
            .querySelector<HTMLElement>('#reminders-form [aria-invalid="true"]')
            ?.focus(),
        { injector: this.injector },
      );
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    const v = this.form.getRawValue();
    try {
      const saved = await this.api.saveReminderSettings({
        reminderHour: Number(v.reminderHour),
        remindDaysBefore: parseDayList(v.remindDaysBefore) ?? [],
        escalateAfterDays: v.escalateAfterDays as number,
        overdueEveryDays: v.overdueEveryDays as number,
      });
      this.settings.set(saved);
      this.submitted.set(false);
      this.saved.set(true);
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }

  private fill(settings: ReminderSettings): void {
    this.form.setValue({
      reminderHour: settings.reminderHour,
      remindDaysBefore: settings.remindDaysBefore.join(', '),
      escalateAfterDays: settings.escalateAfterDays,
      overdueEveryDays: settings.overdueEveryDays,
    });
    this.serverFields.set([]);
  }
}
