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
  input,
  signal,
} from '@angular/core';
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
  problemOf,
  statusOf,
  toApiProblem,
} from '../http/api-problem';
import { ROLES } from '../session/current-user';
import { LanguageStore } from '../session/language-store';
import { ErrorAlert } from '../../shared/error-alert';
import { FormatDatePipe } from '../../shared/format-date-pipe';
import {
  ValidationMessage,
  validationMessage,
} from '../../shared/validation-message';
import { AuditApi, orgPath } from './audit-api';
import {
  AuditReport,
  ReportCheck,
  ReportDownload,
  ReportLanguage,
  SigningKey,
  isInProgress,
} from './audit-models';

/** How often the archive is read again while a report is being generated. */
export const POLL_INTERVAL_MS = 3000;

type FormField = 'periodStart' | 'periodEnd' | 'lang';

/** End on or after start; checked here as well so that the mistake shows before sending. */
function periodInOrder(group: AbstractControl): ValidationErrors | null {
  const { periodStart, periodEnd } = group.value as Record<string, string>;
  return periodStart && periodEnd && periodEnd < periodStart
    ? { periodOrder: true }
    : null;
}

/**
 * An organisation's signed audit reports: generating one, following it until it is done, then
 * downloading it, checking its signature (with the way to do it offline) and seeing who downloaded it.
 * Used by auditors and by HR; the host gives the section its heading (h2).
 */
@Component({
  selector: 'aman-report-archive',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
  ],
  templateUrl: './report-archive.html',
  styleUrl: './audit.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportArchive {
  private readonly api = inject(AuditApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  readonly orgId = input.required<string>();
  /** An auditor's engagement period: the date pickers stay within it (HR: no limit). */
  readonly minDate = input<string | null>(null);
  readonly maxDate = input<string | null>(null);

  protected readonly reports = httpResource<AuditReport[]>(
    () => `${orgPath(this.orgId())}/audit-reports`,
  );
  protected readonly rows = computed(() =>
    this.reports.hasValue() ? this.reports.value() : [],
  );
  protected readonly inProgress = computed(
    () => this.rows().filter(isInProgress).length,
  );
  /** Set once a report was seen being generated, so that its end can be announced. */
  private readonly followed = signal(false);
  protected readonly loadProblem = problemOf(this.reports);

  protected readonly form = this.fb.group(
    {
      periodStart: ['', Validators.required],
      periodEnd: ['', Validators.required],
      lang: ['id' as ReportLanguage, Validators.required],
    },
    { validators: periodInOrder },
  );
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly queued = signal(false);
  protected readonly generateProblem = signal<ApiProblem | null>(null);
  protected readonly serverFields = signal<FieldError[]>([]);
  protected readonly generateTitle = computed(() =>
    this.generateProblem()?.status === 503
      ? 'audit.reports.pdfUnavailable'
      : null,
  );

  /** The report whose signature is being checked. */
  protected readonly checking = signal<AuditReport | null>(null);
  protected readonly check = httpResource<ReportCheck>(() => {
    const report = this.checking();
    return report
      ? `/api/audit-reports/${encodeURIComponent(report.id)}/verify`
      : undefined;
  });
  protected readonly checkResult = computed(() =>
    this.check.hasValue() ? this.check.value() : null,
  );
  protected readonly checkProblem = problemOf(this.check);
  private readonly keys = httpResource<{ keys: SigningKey[] }>(() =>
    this.checking() ? '/api/keys/audit-reports' : undefined,
  );
  protected readonly key = computed(() => {
    const keyId = this.checkResult()?.keyId;
    if (!keyId || !this.keys.hasValue()) return null;
    return this.keys.value().keys.find((k) => k.keyId === keyId) ?? null;
  });

  /** The report whose downloads are listed. */
  protected readonly downloadsOf = signal<AuditReport | null>(null);
  protected readonly downloads = httpResource<ReportDownload[]>(() => {
    const report = this.downloadsOf();
    return report
      ? `${orgPath(this.orgId())}/audit-reports/${encodeURIComponent(report.id)}/downloads`
      : undefined;
  });
  protected readonly downloadRows = computed(() =>
    this.downloads.hasValue() ? this.downloads.value() : [],
  );
  protected readonly downloadsProblem = problemOf(this.downloads);

  constructor() {
    // Read the archive again while anything is queued or running; the timer goes with the component.
    effect((onCleanup) => {
      if (this.inProgress() === 0) return;
      this.followed.set(true);
      if (this.reports.isLoading()) return;
      const timer = setTimeout(() => this.reports.reload(), POLL_INTERVAL_MS);
      onCleanup(() => clearTimeout(timer));
    });
  }

  /** What the live region says about reports being generated. */
  protected readonly progress = computed(() => {
    if (this.inProgress() > 0)
      return {
        key: 'audit.reports.polling',
        params: { count: this.inProgress() },
      };
    return this.followed() && this.reports.hasValue()
      ? { key: 'audit.reports.allFinished', params: {} }
      : null;
  });

  protected pdfUrl(report: AuditReport): string {
    return `/api/audit-reports/${encodeURIComponent(report.id)}/pdf`;
  }

  protected roleKey(role: string): string | null {
    return (ROLES as readonly string[]).includes(role) ? `roles.${role}` : null;
  }

  protected error(field: FormField): ValidationMessage | null {
    const control = this.form.controls[field];
    if (this.submitted()) {
      const message = validationMessage(control);
      if (message) return message;
      if (field === 'periodEnd' && this.form.hasError('periodOrder'))
        return { key: 'audit.reports.endBeforeStart', params: {} };
    }
    const server = this.serverFields().find((f) => f.field === field);
    return server
      ? { key: 'validation.rejected', params: { message: server.message } }
      : null;
  }

  protected describedBy(field: FormField): string | null {
    const ids = [this.error(field) ? `report-${field}-error` : null];
    if (this.generateProblem()) ids.push('report-form-error');
    const present = ids.filter((id) => id !== null);
    return present.length ? present.join(' ') : null;
  }

  protected async generate(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    this.queued.set(false);
    this.serverFields.set([]);
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    this.generateProblem.set(null);
    try {
      const { periodStart, periodEnd, lang } = this.form.getRawValue();
      await this.api.generateReport(this.orgId(), {
        periodStart,
        periodEnd,
        lang,
      });
      this.submitted.set(false);
      this.queued.set(true);
      this.reports.reload();
    } catch (error) {
      this.generateProblem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
      if (statusOf(error) === 400) this.focusFirstInvalid();
    } finally {
      this.pending.set(false);
    }
  }

  protected openCheck(report: AuditReport): void {
    if (this.checking()?.id === report.id) this.check.reload();
    this.checking.set(report);
    this.focusAfterRender('check-heading');
  }

  protected closeCheck(report: AuditReport): void {
    this.checking.set(null);
    this.focusAfterRender(`check-${report.id}`);
  }

  protected openDownloads(report: AuditReport): void {
    if (this.downloadsOf()?.id === report.id) this.downloads.reload();
    this.downloadsOf.set(report);
    this.focusAfterRender('downloads-heading');
  }

  protected closeDownloads(report: AuditReport): void {
    this.downloadsOf.set(null);
    this.focusAfterRender(`downloads-${report.id}`);
  }

  /** The commands shown for checking a report offline, with its own signature filled in. */
  protected snippets(check: ReportCheck): {
    signature: string;
    openssl: string;
    node: string;
  } {
    return {
      signature: `echo '${check.signature}' | base64 -d > report.sig`,
      openssl:
        'openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in report.pdf -sigfile report.sig',
      node:
        `node -e "const c=require('crypto'),f=require('fs');` +
        `console.log(c.verify(null,f.readFileSync('report.pdf'),` +
        `c.createPublicKey(f.readFileSync('key.pem')),` +
        `Buffer.from('${check.signature}','base64')))"`,
    };
  }

  private focusFirstInvalid(): void {
    const first = (['periodStart', 'periodEnd', 'lang'] as const).find((f) =>
      this.error(f),
    );
    if (first) this.focusAfterRender(`report-${first}`);
  }

  private focusAfterRender(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), {
      injector: this.injector,
    });
  }
}
