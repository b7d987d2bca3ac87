import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  problemOf,
  statusOf,
  toApiProblem,
} from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { HrApi } from './hr-api';
import {
  EMPLOYMENT_TYPES,
  EmploymentType,
  GENDERS,
  Gender,
  PERSON_LOCALES,
  PersonDetail,
  PersonInput,
  PersonLocale,
  Unit,
  indentedName,
  unitOptions,
} from './hr-models';
import { PersonAssignments } from './person-assignments';
import { PersonHrRole } from './person-hr-role';

type Field =
  | 'name'
  | 'email'
  | 'employeeNumber'
  | 'unitId'
  | 'isLeader'
  | 'gender'
  | 'employmentType'
  | 'hireDate'
  | 'locale';

/** The API's names that belong to each form field, to match the `fields` of a 400 or 409. */
const API_FIELDS: Record<Field, string[]> = {
  name: ['name'],
  email: ['email'],
  employeeNumber: ['employeeNumber'],
  unitId: ['unitId', 'unitCode'],
  isLeader: ['isLeader'],
  gender: ['gender'],
  employmentType: ['employmentType'],
  hireDate: ['hireDate'],
  locale: ['locale'],
};

/** One person: added at `hr/people/new`, edited at `hr/people/:id` with their assignments. */
@Component({
  selector: 'aman-person-page',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    PersonAssignments,
    PersonHrRole,
  ],
  templateUrl: './person-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonPage {
  private readonly api = inject(HrApi);
  private readonly router = inject(Router);
  private readonly session = inject(SessionStore);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  /** The route's `:id`; none when adding someone. */
  readonly id = input<string>();

  protected readonly genders = GENDERS;
  protected readonly employmentTypes = EMPLOYMENT_TYPES;
  protected readonly locales = PERSON_LOCALES;
  protected readonly indented = indentedName;

  protected readonly person = httpResource<PersonDetail>(() => {
    const id = this.id();
    return id ? `/api/users/${encodeURIComponent(id)}` : undefined;
  });
  protected readonly loaded = computed(() =>
    this.person.hasValue() ? this.person.value() : null,
  );
  protected readonly notFound = computed(
    () => statusOf(this.person.error()) === 404,
  );
  protected readonly loadProblem = computed(() => {
    const error = this.person.error();
    return error && !this.notFound() ? toApiProblem(error) : null;
  });
  protected readonly isSelf = computed(
    () => !!this.id() && this.id() === this.session.user()?.id,
  );

  protected readonly units = httpResource<Unit[]>(() => '/api/units');
  protected readonly unitChoices = computed(() =>
    this.units.hasValue() ? unitOptions(this.units.value()) : [],
  );
  /** The person's unit when it is no longer offered (archived): still shown, not chosen again. */
  protected readonly archivedUnit = computed(() => {
    const person = this.loaded();
    if (!person?.unitId || !this.units.hasValue()) return null;
    return this.units.value().some((u) => u.id === person.unitId)
      ? null
      : { id: person.unitId, name: person.unitName ?? person.unitCode ?? '' };
  });
  protected readonly unitsProblem = problemOf(this.units);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', Validators.required],
    email: ['', Validators.email],
    employeeNumber: [''],
    unitId: ['', Validators.required],
    isLeader: [false],
    gender: ['not_stated' as Gender],
    employmentType: ['permanent' as EmploymentType],
    hireDate: [''],
    locale: ['id' as PersonLocale],
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly serverFields = signal<FieldError[]>([]);
  /** What was just done, to say so: a new person (after the move to their page) or saved changes. */
  protected readonly notice = signal<'created' | 'saved' | null>(
    this.router.currentNavigation()?.extras.state?.['created']
      ? 'created'
      : null,
  );

  protected readonly statusPending = signal(false);
  /** A refused reactivation (e.g. their unit was archived). */
  protected readonly statusProblem = signal<ApiProblem | null>(null);
  /** A refused deactivation, shown in the dialog that asked for it. */
  protected readonly deactivateProblem = signal<ApiProblem | null>(null);
  protected readonly statusChanged = signal<
    'deactivated' | 'reactivated' | null
  >(null);
  private readonly confirmDialog =
    viewChild<ElementRef<HTMLDialogElement>>('confirmDialog');

  constructor() {
    effect(() => {
      const person = this.loaded();
      if (person) untracked(() => this.fill(person));
    });
  }

  protected error(name: Field): ValidationMessage | null {
    if (this.submitted()) {
      const message = validationMessage(this.form.controls[name]);
      if (message) return message;
    }
    const server = this.serverFields().find((f) =>
      API_FIELDS[name].includes(f.field),
    );
    return server
      ? { key: 'validation.rejected', params: { message: server.message } }
      : null;
  }

  protected describedBy(name: Field, hint = false): string | null {
    const ids = [
      hint ? `person-${name}-hint` : null,
      this.error(name) ? `person-${name}-error` : null,
      this.problem() ? 'person-form-error' : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.notice.set(null);
    if (this.form.invalid) {
      afterNextRender(
        () =>
          this.document
            .querySelector<HTMLElement>('#person-form [aria-invalid="true"]')
            ?.focus(),
        { injector: this.injector },
      );
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    const id = this.id();
    try {
      if (id) {
        const saved = await this.api.updatePerson(id, this.body());
        this.person.set(saved);
        this.submitted.set(false);
        this.notice.set('saved');
      } else {
        const created = await this.api.createPerson(this.body());
        await this.router.navigate(['/hr/people', created.id], {
          state: { created: true },
        });
      }
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }

  protected askDeactivate(): void {
    this.deactivateProblem.set(null);
    this.confirmDialog()?.nativeElement.showModal();
  }

  protected closeDialog(): void {
    this.confirmDialog()?.nativeElement.close();
  }

  protected async setActive(active: boolean): Promise<void> {
    const id = this.id();
    if (!id || this.statusPending()) return;
    this.statusPending.set(true);
    this.statusProblem.set(null);
    this.deactivateProblem.set(null);
    this.statusChanged.set(null);
    try {
      const person = await this.api.setPersonActive(id, active);
      this.person.set(person);
      this.statusChanged.set(active ? 'reactivated' : 'deactivated');
      this.closeDialog();
      afterNextRender(
        () => this.document.getElementById('person-status-changed')?.focus(),
        { injector: this.injector },
      );
    } catch (error) {
      (active ? this.statusProblem : this.deactivateProblem).set(
        toApiProblem(error),
      );
    } finally {
      this.statusPending.set(false);
    }
  }

  /**
   * The API's body: blanks become null (cleared). On a change the unit is only sent when it changes,
   * so that someone in an archived unit can still be edited.
   */
  private body(): PersonInput {
    const v = this.form.getRawValue();
    const current = this.loaded();
    const unitChanged = !current || current.unitId !== v.unitId;
    return {
      email: v.email.trim() || null,
      name: v.name.trim(),
      employeeNumber: v.employeeNumber.trim() || null,
      ...(unitChanged ? { unitId: v.unitId } : {}),
      isLeader: v.isLeader,
      gender: v.gender,
      employmentType: v.employmentType,
      hireDate: v.hireDate || null,
      locale: v.locale,
    };
  }

  private fill(person: PersonDetail): void {
    this.form.setValue({
      name: person.name,
      email: person.email ?? '',
      employeeNumber: person.employeeNumber ?? '',
      unitId: person.unitId ?? '',
      isLeader: person.isLeader,
      gender: person.gender,
      employmentType: person.employmentType,
      hireDate: person.hireDate ?? '',
      locale: person.locale,
    });
    this.serverFields.set([]);
  }
}
