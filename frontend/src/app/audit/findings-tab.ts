import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
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
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { AuditApi, orgPath } from '../core/audit/audit-api';
import {
  AuditReport,
  Finding,
  SEVERITIES,
  Severity,
  isOverdue,
} from '../core/audit/audit-models';

type FormField = 'reportId' | 'severity' | 'text' | 'dueOn';
const FORM_FIELDS: readonly FormField[] = [
  'reportId',
  'severity',
  'text',
  'dueOn',
];

/**
 * The auditor's findings on the organisation's reports, recording a new one, and closing or
 * reopening one once HR has responded (only auditors of the partner that raised it may: the server
 * answers 403 to others, shown on the row).
 */
@Component({
  selector: 'aman-findings-tab',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
  ],
  templateUrl: './findings-tab.html',
  styleUrl: '../core/audit/audit.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FindingsTab {
  private readonly api = inject(AuditApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);
  readonly orgId = input.required<string>();

  protected readonly severities = SEVERITIES;
  protected readonly findings = httpResource<Finding[]>(
    () => `${orgPath(this.orgId())}/findings`,
  );
  protected readonly rows = computed(() =>
    this.findings.hasValue() ? this.findings.value() : [],
  );
  protected readonly loadProblem = problemOf(this.findings);
  private readonly reports = httpResource<AuditReport[]>(
    () => `${orgPath(this.orgId())}/audit-reports`,
  );
  /** Findings are recorded on finished reports only. */
  protected readonly doneReports = computed(() =>
    this.reports.hasValue()
      ? this.reports.value().filter((r) => r.status === 'done')
      : [],
  );
  private readonly reportsById = computed(
    () =>
      new Map(
        (this.reports.hasValue() ? this.reports.value() : []).map((r) => [
          r.id,
          r,
        ]),
      ),
  );

  protected readonly form = this.fb.group({
    reportId: ['', Validators.required],
    severity: ['' as Severity | '', Validators.required],
    text: ['', [Validators.required, Validators.maxLength(4000)]],
    dueOn: ['', Validators.required],
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly recorded = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly serverFields = signal<FieldError[]>([]);

  /** What the last close or reopen did, for the status line. */
  protected readonly changed = signal<string | null>(null);
  protected readonly actionPending = signal<string | null>(null);
  private readonly actionFailure = signal<{
    id: string;
    problem: ApiProblem;
  } | null>(null);

  protected canClose(finding: Finding): boolean {
    return finding.status === 'closure_proposed';
  }

  protected canReopen(finding: Finding): boolean {
    return finding.status !== 'open';
  }

  protected actionProblemFor(finding: Finding): ApiProblem | null {
    const failure = this.actionFailure();
    return failure?.id === finding.id ? failure.problem : null;
  }

  protected async act(
    finding: Finding,
    action: 'close' | 'reopen',
  ): Promise<void> {
    if (this.actionPending()) return;
    this.actionPending.set(finding.id);
    this.actionFailure.set(null);
    this.changed.set(null);
    try {
      if (action === 'close')
        await this.api.closeFinding(this.orgId(), finding.id);
      else await this.api.reopenFinding(this.orgId(), finding.id);
      this.changed.set(
        action === 'close'
          ? 'audit.findings.closed'
          : 'audit.findings.reopened',
      );
      this.findings.reload();
      // The row's buttons change with its status: reading continues at the outcome.
      afterNextRender(
        () => this.document.getElementById('findings-changed')?.focus(),
        { injector: this.injector },
      );
    } catch (error) {
      this.actionFailure.set({ id: finding.id, problem: toApiProblem(error) });
    } finally {
      this.actionPending.set(null);
    }
  }

  protected reportOf(finding: Finding): AuditReport | null {
    return this.reportsById().get(finding.reportId) ?? null;
  }

  protected overdue(finding: Finding): boolean {
    return isOverdue(finding);
  }

  protected error(field: FormField): ValidationMessage | null {
    if (this.submitted()) {
      const message = validationMessage(this.form.controls[field]);
      if (message) return message;
    }
    const server = this.serverFields().find((f) => f.field === field);
    return server
      ? { key: 'validation.rejected', params: { message: server.message } }
      : null;
  }

  protected describedBy(field: FormField, hint?: string): string | null {
    const ids = [
      hint ?? null,
      this.error(field) ? `finding-${field}-error` : null,
    ];
    if (this.problem()) ids.push('finding-form-error');
    const present = ids.filter((id) => id !== null);
    return present.length ? present.join(' ') : null;
  }

  protected async record(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    this.recorded.set(false);
    this.serverFields.set([]);
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    if (this.pending()) return;
    const { reportId, severity, text, dueOn } = this.form.getRawValue();
    if (!severity) return;
    this.pending.set(true);
    this.problem.set(null);
    try {
      await this.api.recordFinding(this.orgId(), reportId, {
        severity,
        text: text.trim(),
        dueOn,
      });
      this.form.reset();
      this.submitted.set(false);
      this.recorded.set(true);
      this.findings.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
      this.focusFirstInvalid();
    } finally {
      this.pending.set(false);
    }
  }

  private focusFirstInvalid(): void {
    const first = FORM_FIELDS.find((f) => this.error(f));
    if (!first) return;
    afterNextRender(
      () => this.document.getElementById(`finding-${first}`)?.focus(),
      { injector: this.injector },
    );
  }
}
