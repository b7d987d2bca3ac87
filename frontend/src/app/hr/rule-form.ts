import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  toApiProblem,
} from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { HrApi } from './hr-api';
import {
  EMPLOYMENT_TYPES,
  EmploymentType,
  UnitOption,
  indentedName,
} from './hr-models';
import {
  AUDIENCES,
  AssignmentRule,
  AssignmentRuleChange,
  Audience,
  CatalogModule,
  DEFAULT_WINDOW_DAYS,
  DUE_FROM,
  DueFrom,
  NewAssignmentRule,
  Recurrence,
} from './rule-models';

type Field =
  | 'moduleSlug'
  | 'audience'
  | 'unitId'
  | 'employmentType'
  | 'dueWithinDays'
  | 'dueFrom'
  | 'recurrenceEnabled'
  | 'windowDays'
  | 'hiredAfter';

const API_FIELD: Record<Field, string> = {
  moduleSlug: 'moduleSlug',
  audience: 'audience',
  unitId: 'unitId',
  employmentType: 'employmentType',
  dueWithinDays: 'dueWithinDays',
  dueFrom: 'dueFrom',
  recurrenceEnabled: 'recurrence.enabled',
  windowDays: 'recurrence.windowDays',
  hiredAfter: 'hiredAfter',
};

export const MIN_DAYS = 1;
export const MAX_DAYS = 365;

/** A whole number of days between 1 and 365 (the server's rule for both day counts). */
function dayCount(
  control: AbstractControl<number | null>,
): ValidationErrors | null {
  const value = control.value;
  if (value === null) return null;
  return Number.isInteger(value) && value >= MIN_DAYS && value <= MAX_DAYS
    ? null
    : { dayCount: true };
}

/** Creates a rule, or changes one (its module stays: a rule for another module is a new rule). */
@Component({
  selector: 'aman-rule-form',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorAlert],
  templateUrl: './rule-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RuleForm {
  private readonly api = inject(HrApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  readonly modules = input.required<CatalogModule[]>();
  readonly units = input.required<UnitOption[]>();
  /** The rule being changed; null to create one. */
  readonly rule = input<AssignmentRule | null>(null);
  readonly saved = output<AssignmentRuleChange>();
  readonly cancelled = output<void>();

  protected readonly audiences = AUDIENCES;
  protected readonly dueFroms = DUE_FROM;
  protected readonly employmentTypes = EMPLOYMENT_TYPES;
  protected readonly minDays = MIN_DAYS;
  protected readonly maxDays = MAX_DAYS;
  protected readonly indented = indentedName;

  protected readonly form = inject(NonNullableFormBuilder).group({
    moduleSlug: ['', Validators.required],
    audience: ['everyone' as Audience],
    unitId: [''],
    employmentType: ['' as EmploymentType | ''],
    dueWithinDays: this.numberControl(30),
    dueFrom: ['rule_start' as DueFrom],
    recurrenceEnabled: [false],
    windowDays: this.numberControl(DEFAULT_WINDOW_DAYS),
    hiredAfter: [''],
  });
  private readonly formValue = toSignal(this.form.valueChanges, {
    initialValue: null,
  });
  /** The reach of the rule as the form stood when it was previewed. */
  private readonly preview = signal<{ body: string; count: number } | null>(
    null,
  );
  /** Shown only while the form still says what was previewed. */
  protected readonly previewCount = computed(() => {
    this.formValue();
    const preview = this.preview();
    return preview && preview.body === JSON.stringify(this.newRule())
      ? preview.count
      : null;
  });
  protected readonly previewing = signal(false);
  protected readonly recurring = toSignal(
    this.form.controls.recurrenceEnabled.valueChanges,
    { initialValue: false },
  );
  private readonly moduleSlug = toSignal(
    this.form.controls.moduleSlug.valueChanges,
    { initialValue: '' },
  );
  protected readonly chosenModule = computed(() => {
    const slug = this.rule()?.moduleSlug ?? this.moduleSlug();
    return this.modules().find((m) => m.slug === slug) ?? null;
  });

  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly serverFields = signal<FieldError[]>([]);

  constructor() {
    effect(() => {
      const rule = this.rule();
      untracked(() => this.fill(rule));
    });
  }

  protected error(name: Field): ValidationMessage | null {
    const control = this.form.controls[name];
    if (this.submitted()) {
      if (control.hasError('dayCount'))
        return {
          key: 'hr.rules.form.dayCount',
          params: { min: MIN_DAYS, max: MAX_DAYS },
        };
      const message = validationMessage(control);
      if (message) return message;
    }
    const server = this.serverFields().find((f) => f.field === API_FIELD[name]);
    return server
      ? { key: 'validation.rejected', params: { message: server.message } }
      : null;
  }

  protected describedBy(name: Field, hint = false): string | null {
    const ids = [
      hint ? `rule-${name}-hint` : null,
      this.error(name) ? `rule-${name}-error` : null,
      this.problem() ? 'rule-form-error' : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }

  /** The create body the form stands for. */
  private newRule(): NewAssignmentRule {
    const v = this.form.getRawValue();
    const recurrence: Recurrence = v.recurrenceEnabled
      ? { enabled: true, windowDays: v.windowDays ?? DEFAULT_WINDOW_DAYS }
      : { enabled: false };
    return {
      moduleSlug: v.moduleSlug,
      audience: v.audience,
      ...(v.unitId ? { unitId: v.unitId } : {}),
      ...(v.employmentType ? { employmentType: v.employmentType } : {}),
      dueWithinDays: v.dueWithinDays as number,
      dueFrom: v.dueFrom,
      recurrence,
      ...(v.hiredAfter ? { hiredAfter: v.hiredAfter } : {}),
    };
  }

  /**
   * Asks the server how many people the rule would reach before it is saved. A rule being changed
   * is previewed with its module and the edited terms: the count is the assignments saving would
   * open at once, as for a new rule (people already assigned the module are not counted again).
   */
  protected async previewReach(): Promise<void> {
    this.submitted.set(true);
    if (
      this.form.controls.moduleSlug.invalid ||
      this.form.controls.dueWithinDays.invalid
    )
      return;
    this.previewing.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    const body = this.newRule();
    try {
      const count = await this.api.previewRule(body);
      this.preview.set({ body: JSON.stringify(body), count });
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.previewing.set(false);
    }
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    const windowInvalid =
      this.form.controls.recurrenceEnabled.value &&
      this.form.controls.windowDays.invalid;
    const invalid =
      this.form.controls.moduleSlug.invalid ||
      this.form.controls.dueWithinDays.invalid ||
      windowInvalid;
    if (invalid) {
      afterNextRender(
        () =>
          this.document
            .querySelector<HTMLElement>('#rule-form [aria-invalid="true"]')
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
    const recurrence: Recurrence = v.recurrenceEnabled
      ? { enabled: true, windowDays: v.windowDays ?? DEFAULT_WINDOW_DAYS }
      : { enabled: false };
    const rule = this.rule();
    try {
      const result = rule
        ? await this.api.updateRule(rule.id, {
            audience: v.audience,
            unitId: v.unitId || null,
            employmentType: v.employmentType || null,
            dueWithinDays: v.dueWithinDays as number,
            dueFrom: v.dueFrom,
            recurrence,
            hiredAfter: v.hiredAfter || null,
          })
        : await this.api.createRule(this.newRule());
      this.submitted.set(false);
      if (!rule) this.fill(null);
      this.saved.emit(result);
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }

  private fill(rule: AssignmentRule | null): void {
    this.form.reset({
      moduleSlug: rule?.moduleSlug ?? '',
      audience: rule?.audience ?? 'everyone',
      unitId: rule?.unitId ?? '',
      employmentType: rule?.employmentType ?? '',
      dueWithinDays: rule?.dueWithinDays ?? 30,
      dueFrom: rule?.dueFrom ?? 'rule_start',
      recurrenceEnabled: rule?.recurrence.enabled ?? false,
      windowDays: rule?.recurrence.windowDays ?? DEFAULT_WINDOW_DAYS,
      hiredAfter: rule?.hiredAfter ?? '',
    });
    this.preview.set(null);
    if (rule) this.form.controls.moduleSlug.disable();
    else this.form.controls.moduleSlug.enable();
    this.submitted.set(false);
    this.problem.set(null);
    this.serverFields.set([]);
  }

  private numberControl(value: number) {
    return inject(NonNullableFormBuilder).control<number | null>(value, [
      Validators.required,
      dayCount,
    ]);
  }
}
