import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  problemOf,
  toApiProblem,
} from '../core/http/api-problem';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { TIME_ZONES } from '../shared/time-zones';
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { HrApi } from './hr-api';
import { OrganizationSettings } from './hr-models';

type Text = FormControl<string>;
type MemberForm = FormGroup<{
  name: Text;
  roleId: Text;
  roleEn: Text;
  contact: Text;
}>;
type ChannelForm = FormGroup<{
  nameId: Text;
  nameEn: Text;
  contact: Text;
  independent: FormControl<boolean>;
}>;
type StepsLang = 'id' | 'en';

/** The server's limits (`ArrayMaxSize`). */
export const MAX_SOP_STEPS = 30;
export const MAX_TASK_FORCE = 30;
export const MAX_CHANNELS = 20;

/**
 * The organisation's facts that lessons are filled in with: SOP steps, the task force (Satgas) and
 * the reporting channels, each in both languages.
 */
@Component({
  selector: 'aman-settings-page',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
  ],
  templateUrl: './settings-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {
  private readonly api = inject(HrApi);
  private readonly session = inject(SessionStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected readonly timeZones = TIME_ZONES;
  protected readonly stepLanguages = [
    { lang: 'id', name: 'Bahasa Indonesia' },
    { lang: 'en', name: 'English' },
  ] as const;
  protected readonly maxSteps = MAX_SOP_STEPS;
  protected readonly maxMembers = MAX_TASK_FORCE;
  protected readonly maxChannels = MAX_CHANNELS;

  private readonly organizationId = computed(
    () => this.session.user()?.organizationId ?? null,
  );
  protected readonly settings = httpResource<
    OrganizationSettings & { name: string }
  >(() => {
    const id = this.organizationId();
    return id
      ? `/api/organizations/${encodeURIComponent(id)}/settings`
      : undefined;
  });
  protected readonly organizationName = computed(() =>
    this.settings.hasValue() ? this.settings.value().name : '',
  );
  protected readonly loadProblem = problemOf(this.settings);

  protected readonly form = this.fb.group({
    timeZone: ['Asia/Jakarta', Validators.required],
    sopSteps: this.fb.group({
      id: this.fb.array<Text>([]),
      en: this.fb.array<Text>([]),
    }),
    taskForce: this.fb.array<MemberForm>([]),
    channels: this.fb.array<ChannelForm>([]),
    // All empty: no signatory. A name needs its title in both languages (the server says so too).
    signatory: this.fb.group({ name: [''], titleId: [''], titleEn: [''] }),
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

  protected steps(lang: StepsLang): FormArray<Text> {
    return this.form.controls.sopSteps.controls[lang];
  }

  protected get members(): FormArray<MemberForm> {
    return this.form.controls.taskForce;
  }

  protected get channels(): FormArray<ChannelForm> {
    return this.form.controls.channels;
  }

  /** DOM id of the control at an API path, e.g. `taskForce.0.role.id` → `settings-taskForce-0-role-id`. */
  protected idFor(path: string): string {
    return `settings-${path.replace(/\./g, '-')}`;
  }

  /** The client's objection first, else the server's (400 `fields`) for this API path. */
  protected error(path: string): ValidationMessage | null {
    const control = this.controlAt(path);
    if (this.submitted() && control) {
      const message = validationMessage(control);
      if (message) return message;
    }
    const server = this.serverFields().find((f) => f.field === path);
    return server
      ? { key: 'validation.rejected', params: { message: server.message } }
      : null;
  }

  protected describedBy(path: string, hint?: string): string | null {
    const ids = [
      hint ?? null,
      this.error(path) ? `${this.idFor(path)}-error` : null,
    ];
    if (this.problem()) ids.push('settings-form-error');
    const present = ids.filter((id) => id !== null);
    return present.length ? present.join(' ') : null;
  }

  protected addStep(lang: StepsLang): void {
    const steps = this.steps(lang);
    if (steps.length >= MAX_SOP_STEPS) return;
    steps.push(this.fb.control('', Validators.required));
    this.changedRows(this.idFor(`sopSteps.${lang}.${steps.length - 1}`));
  }

  protected removeStep(lang: StepsLang, index: number): void {
    this.steps(lang).removeAt(index);
    this.changedRows(`settings-sopSteps-${lang}-add`);
  }

  protected addMember(): void {
    if (this.members.length >= MAX_TASK_FORCE) return;
    this.members.push(this.member());
    this.changedRows(this.idFor(`taskForce.${this.members.length - 1}.name`));
  }

  protected removeMember(index: number): void {
    this.members.removeAt(index);
    this.changedRows('settings-taskForce-add');
  }

  protected addChannel(): void {
    if (this.channels.length >= MAX_CHANNELS) return;
    this.channels.push(this.channel());
    this.changedRows(
      this.idFor(`channels.${this.channels.length - 1}.name.id`),
    );
  }

  protected removeChannel(index: number): void {
    this.channels.removeAt(index);
    this.changedRows('settings-channels-add');
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.saved.set(false);
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    const organizationId = this.organizationId();
    if (!organizationId || this.pending()) return;
    this.pending.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    try {
      const saved = (await this.api.saveSettings(
        organizationId,
        this.value(),
      )) as OrganizationSettings;
      this.fill(saved);
      this.submitted.set(false);
      this.saved.set(true);
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }

  /** Exactly the shape the API takes, texts trimmed. */
  private value(): OrganizationSettings {
    const v = this.form.getRawValue();
    return {
      timeZone: v.timeZone,
      sopSteps: {
        id: v.sopSteps.id.map((s) => s.trim()),
        en: v.sopSteps.en.map((s) => s.trim()),
      },
      taskForce: v.taskForce.map((m) => ({
        name: m.name.trim(),
        role: { id: m.roleId.trim(), en: m.roleEn.trim() },
        contact: m.contact.trim(),
      })),
      channels: v.channels.map((c) => ({
        name: { id: c.nameId.trim(), en: c.nameEn.trim() },
        contact: c.contact.trim(),
        independent: c.independent,
      })),
      certificateSignatory: v.signatory.name.trim()
        ? {
            name: v.signatory.name.trim(),
            title: {
              id: v.signatory.titleId.trim(),
              en: v.signatory.titleEn.trim(),
            },
          }
        : null,
    };
  }

  /** Keeps the rows (and their focus) that already exist; adds or drops rows to match. */
  private fill(settings: OrganizationSettings): void {
    const steps = settings.sopSteps ?? { id: [], en: [] };
    const members = settings.taskForce ?? [];
    const channels = settings.channels ?? [];
    const step = () => this.fb.control('', Validators.required);
    resize(this.steps('id'), steps.id.length, step);
    resize(this.steps('en'), steps.en.length, step);
    resize(this.members, members.length, () => this.member());
    resize(this.channels, channels.length, () => this.channel());
    this.form.setValue({
      timeZone: settings.timeZone,
      sopSteps: { id: steps.id, en: steps.en },
      taskForce: members.map((m) => ({
        name: m.name,
        roleId: m.role?.id ?? '',
        roleEn: m.role?.en ?? '',
        contact: m.contact,
      })),
      channels: channels.map((c) => ({
        nameId: c.name?.id ?? '',
        nameEn: c.name?.en ?? '',
        contact: c.contact,
        independent: !!c.independent,
      })),
      signatory: {
        name: settings.certificateSignatory?.name ?? '',
        titleId: settings.certificateSignatory?.title?.id ?? '',
        titleEn: settings.certificateSignatory?.title?.en ?? '',
      },
    });
    this.serverFields.set([]);
  }

  private member(): MemberForm {
    return this.fb.group({
      name: ['', Validators.required],
      roleId: ['', Validators.required],
      roleEn: ['', Validators.required],
      contact: ['', Validators.required],
    });
  }

  private channel(): ChannelForm {
    return this.fb.group({
      nameId: ['', Validators.required],
      nameEn: ['', Validators.required],
      contact: ['', Validators.required],
      independent: [false],
    });
  }

  /** The form control at an API path such as `channels.1.name.en` (undefined for list-level paths). */
  private controlAt(path: string): FormControl | undefined {
    const parts = path.split('.');
    const [head, second, third, fourth] = parts;
    if (head === 'timeZone') return this.form.controls.timeZone;
    if (head === 'certificateSignatory') {
      const signatory = this.form.controls.signatory.controls;
      if (second === 'name') return signatory.name;
      if (second === 'title')
        return third === 'en' ? signatory.titleEn : signatory.titleId;
      return undefined;
    }
    if (head === 'sopSteps' && (second === 'id' || second === 'en') && third)
      return this.steps(second).at(Number(third)) as FormControl | undefined;
    const index = Number(second);
    if (head === 'taskForce') {
      const row = this.members.at(index)?.controls;
      if (!row) return undefined;
      if (third === 'role') return fourth === 'en' ? row.roleEn : row.roleId;
      return third === 'name' || third === 'contact' ? row[third] : undefined;
    }
    if (head === 'channels') {
      const row = this.channels.at(index)?.controls;
      if (!row) return undefined;
      if (third === 'name') return fourth === 'en' ? row.nameEn : row.nameId;
      if (third === 'contact') return row.contact;
      return third === 'independent'
        ? (row.independent as unknown as FormControl)
        : undefined;
    }
    return undefined;
  }

  /** After adding or removing a row: server errors no longer match their rows; focus moves on. */
  private changedRows(focusId: string): void {
    this.serverFields.set([]);
    this.saved.set(false);
    afterNextRender(() => this.document.getElementById(focusId)?.focus(), {
      injector: this.injector,
    });
  }

  private focusFirstInvalid(): void {
    afterNextRender(
      () =>
        this.document
          .querySelector<HTMLElement>('#settings-form [aria-invalid="true"]')
          ?.focus(),
      { injector: this.injector },
    );
  }
}

function resize<C extends AbstractControl>(
  array: FormArray<C>,
  length: number,
  create: () => C,
): void {
  while (array.length > length) array.removeAt(array.length - 1);
  while (array.length < length) array.push(create());
}
