import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
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
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { POLICY_KINDS, PolicyKind } from '../shared/policy-kinds';
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { HrApi } from './hr-api';
import {
  Bilingual,
  PolicyTemplate,
  PolicyVersion,
  PublishPreview,
} from './hr-models';

type Field = 'kind' | 'titleId' | 'titleEn' | 'bodyId' | 'bodyEn';

/** The API's name of each form field, to match the `fields` of a 400. */
const API_FIELD: Record<Field, string> = {
  kind: 'kind',
  titleId: 'title.id',
  titleEn: 'title.en',
  bodyId: 'body.id',
  bodyEn: 'body.en',
};

/** The policy and the commitment declaration: versions, who signed them, and a new version. */
@Component({
  selector: 'aman-policies-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
  ],
  templateUrl: './policies-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PoliciesPage {
  private readonly api = inject(HrApi);
  protected readonly language = inject(LanguageStore);

  protected readonly kinds = POLICY_KINDS;
  protected readonly policies = httpResource<PolicyVersion[]>(
    () => '/api/policies',
  );
  protected readonly rows = computed(() =>
    this.policies.hasValue() ? this.policies.value() : [],
  );
  protected readonly loadProblem = problemOf(this.policies);

  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: ['policy' as PolicyKind, Validators.required],
    titleId: ['', Validators.required],
    titleEn: ['', Validators.required],
    bodyId: ['', Validators.required],
    bodyEn: ['', Validators.required],
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly serverFields = signal<FieldError[]>([]);
  protected readonly published = signal<string | null>(null);
  /** Shown before publishing: nothing is published until HR confirms it. */
  protected readonly preview = signal<PublishPreview | null>(null);
  protected readonly templates = httpResource<PolicyTemplate[]>(
    () => '/api/policies/templates',
  );

  /** Fills the form with the starting text of the chosen kind; HR edits the [bracketed] facts. */
  protected useTemplate(): void {
    const kind = this.form.controls.kind.value;
    const template = this.templates.hasValue()
      ? this.templates.value().find((t) => t.kind === kind)
      : undefined;
    if (!template) return;
    this.preview.set(null);
    this.form.patchValue({
      titleId: template.title.id,
      titleEn: template.title.en,
      bodyId: template.body.id,
      bodyEn: template.body.en,
    });
  }

  private payload() {
    const value = this.form.getRawValue();
    return {
      kind: value.kind,
      title: { id: value.titleId.trim(), en: value.titleEn.trim() },
      body: { id: value.bodyId, en: value.bodyEn },
    };
  }

  /** The first step of publishing: the server renders the text and counts who will sign. */
  protected async review(): Promise<void> {
    this.submitted.set(true);
    this.published.set(null);
    this.preview.set(null);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    try {
      this.preview.set(await this.api.previewPolicy(this.payload()));
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }

  protected titleOf(text: Bilingual): string {
    return text[this.language.lang()] || text.id || text.en;
  }

  protected error(name: Field): ValidationMessage | null {
    if (this.submitted()) {
      const message = validationMessage(this.form.controls[name]);
      if (message) return message;
    }
    const server = this.serverFields().find((f) => f.field === API_FIELD[name]);
    return server
      ? { key: 'validation.rejected', params: { message: server.message } }
      : null;
  }

  protected describedBy(name: Field, hint = false): string | null {
    const ids = [
      hint ? 'policy-markdown-hint' : null,
      this.error(name) ? `policy-${name}-error` : null,
      this.problem() ? 'policy-form-error' : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }

  protected async publish(): Promise<void> {
    this.submitted.set(true);
    this.published.set(null);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    const value = this.form.getRawValue();
    try {
      await this.api.publishPolicy(this.payload());
      this.preview.set(null);
      this.published.set(
        this.language.lang() === 'en' ? value.titleEn : value.titleId,
      );
      this.form.reset();
      this.submitted.set(false);
      this.policies.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }
}
