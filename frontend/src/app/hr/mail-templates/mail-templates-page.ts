import { DOCUMENT } from '@angular/common';
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
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, map } from 'rxjs';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  problemOf,
  toApiProblem,
} from '../../core/http/api-problem';
import { LanguageStore } from '../../core/session/language-store';
import { SessionStore } from '../../core/session/session-store';
import { ErrorAlert } from '../../shared/error-alert';
import { FormatDatePipe } from '../../shared/format-date-pipe';
import { ValidationMessage } from '../../shared/validation-message';
import { HrApi, mailTemplateUrl } from '../hr-api';
import {
  LINK_MARKER,
  MAIL_TEMPLATE_KINDS,
  MailPreview,
  MailTemplate,
  MailTemplateDraft,
  MailTemplateKind,
  MailTemplateLang,
  placeholderToken,
} from './mail-template-models';

type Field = 'subject' | 'body';

/** The server's limits. */
export const SUBJECT_MAX = 200;
export const BODY_MAX = 4000;
/** How long typing pauses before the preview is asked for. */
export const PREVIEW_DEBOUNCE_MS = 400;

/**
 * The organisation's own wording of the mails Aman sends for it (reminders, escalations,
 * invitations), one kind and language at a time, with a preview the server renders as it would
 * send it. The link is no text to edit: the body keeps a `{{link}}` line where the server puts it.
 */
@Component({
  selector: 'aman-mail-templates-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
  ],
  templateUrl: './mail-templates-page.html',
  styleUrl: './mail-templates-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailTemplatesPage {
  private readonly api = inject(HrApi);
  private readonly session = inject(SessionStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  protected readonly kinds = MAIL_TEMPLATE_KINDS;
  protected readonly langs = [
    { lang: 'id', name: 'Bahasa Indonesia' },
    { lang: 'en', name: 'English' },
  ] as const;
  protected readonly linkMarker = LINK_MARKER;
  protected readonly token = placeholderToken;
  protected readonly subjectMax = SUBJECT_MAX;
  protected readonly bodyMax = BODY_MAX;

  private readonly organizationId = computed(
    () => this.session.user()?.organizationId ?? null,
  );
  protected readonly templates = httpResource<MailTemplate[]>(() => {
    const id = this.organizationId();
    return id
      ? `/api/organizations/${encodeURIComponent(id)}/mail-templates`
      : undefined;
  });
  protected readonly loadProblem = problemOf(this.templates);

  protected readonly kind = signal<MailTemplateKind>('reminder');
  protected readonly lang = signal<MailTemplateLang>('id');
  protected readonly current = computed(() =>
    this.templates.hasValue()
      ? (this.templates
          .value()
          .find((t) => t.kind === this.kind() && t.lang === this.lang()) ??
        null)
      : null,
  );

  protected readonly form = this.fb.group({
    subject: ['', Validators.required],
    body: ['', Validators.required],
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly saved = signal<'saved' | 'reset' | null>(null);
  protected readonly confirmingReset = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly serverFields = signal<FieldError[]>([]);

  /**
   * What is typed, once typing pauses, with the kind and language it was typed for (so a switch
   * never previews one kind's text as another's): the preview follows it.
   */
  private readonly draft = toSignal(
    this.form.valueChanges.pipe(
      map((value) => ({ ...value, kind: this.kind(), lang: this.lang() })),
      debounceTime(PREVIEW_DEBOUNCE_MS),
    ),
  );
  protected readonly preview = httpResource<MailPreview>(() => {
    const id = this.organizationId();
    const draft = this.draft();
    if (!id || !draft?.subject?.trim() || !draft.body?.trim()) return undefined;
    return {
      url: `${mailTemplateUrl(id, draft.kind, draft.lang)}/preview`,
      method: 'POST',
      body: { subject: draft.subject, body: draft.body },
    };
  });
  /** A draft the server refuses (400) shows its field errors at once, before saving. */
  private readonly previewFields = computed(() =>
    fieldErrorsOf(this.preview.error()),
  );
  protected readonly previewProblem = computed(() => {
    const error = this.preview.error();
    return error && !fieldErrorsOf(error).length ? toApiProblem(error) : null;
  });

  constructor() {
    effect(() => {
      const template = this.current();
      if (template) untracked(() => this.fill(template));
    });
  }

  protected choose(kind: string, lang: string): void {
    this.kind.set(kind as MailTemplateKind);
    this.lang.set(lang as MailTemplateLang);
    this.saved.set(null);
    this.confirmingReset.set(false);
    this.problem.set(null);
  }

  /**
   * The client's objection, else the server's. The server's message is shown as text after a
   * translated prefix, not as a translation parameter: Transloco would read its `{{link}}` as one.
   */
  protected error(
    field: Field,
  ): (ValidationMessage & { text?: string }) | null {
    const control = this.form.controls[field];
    if (this.submitted() && control.hasError('required'))
      return { key: 'validation.required', params: {} };
    const server = [...this.serverFields(), ...this.previewFields()].find(
      (f) => f.field === field,
    );
    return server
      ? {
          key: 'hr.mailTemplates.notAccepted',
          params: {},
          text: server.message,
        }
      : null;
  }

  protected describedBy(field: Field, hint: boolean): string | null {
    const ids = [
      hint ? `mail-template-${field}-hint` : null,
      this.error(field) ? `mail-template-${field}-error` : null,
      this.problem() ? 'mail-template-form-error' : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.saved.set(null);
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    const organizationId = this.organizationId();
    if (!organizationId || this.pending()) return;
    await this.write(
      () =>
        this.api.saveMailTemplate(
          organizationId,
          this.kind(),
          this.lang(),
          this.form.getRawValue() as MailTemplateDraft,
        ),
      'saved',
    );
    if (this.serverFields().length) this.focusFirstInvalid();
  }

  protected async reset(): Promise<void> {
    const organizationId = this.organizationId();
    if (!organizationId || this.pending()) return;
    this.confirmingReset.set(false);
    await this.write(
      () =>
        this.api.resetMailTemplate(organizationId, this.kind(), this.lang()),
      'reset',
    );
  }

  private async write(
    call: () => Promise<MailTemplate>,
    done: 'saved' | 'reset',
  ): Promise<void> {
    this.pending.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    try {
      const written = await call();
      // The list holds the server's version (normalised line ends), which fills the form again.
      this.templates.update((list) =>
        (list ?? []).map((t) =>
          t.kind === written.kind && t.lang === written.lang ? written : t,
        ),
      );
      this.submitted.set(false);
      this.saved.set(done);
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }

  private fill(template: MailTemplate): void {
    this.form.setValue({ subject: template.subject, body: template.body });
    this.serverFields.set([]);
  }

  private focusFirstInvalid(): void {
    afterNextRender(
      () =>
        this.document
          .querySelector<HTMLElement>(
            '#mail-template-form [aria-invalid="true"]',
          )
          ?.focus(),
      { injector: this.injector },
    );
  }
}
