import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { orgPath } from '../core/audit/audit-api';
import { Engagement } from '../core/audit/engagement';
import { ReportArchive } from '../core/audit/report-archive';
import { TrailViewer } from '../core/audit/trail-viewer';
import { AuditFindings } from './audit-findings';
import { ReadWords, describeRead } from '../core/audit/auditor-read-words';

/** One read of `GET /api/organizations/:orgId/auditor-reads`. */
export interface AuditorRead {
  at: string;
  auditorName: string;
  partnerName: string | null;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
}

/**
 * External audit as HR sees it: who is engaged (read-only), the signed reports, the auditors'
 * findings to answer, every read by an auditor, and the whole trail in words (the auditors' viewer).
 */
@Component({
  selector: 'aman-audit-page',
  imports: [
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    ReportArchive,
    AuditFindings,
    TrailViewer,
  ],
  templateUrl: './audit-page.html',
  styleUrl: '../core/audit/audit.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly session = inject(SessionStore);
  protected readonly language = inject(LanguageStore);

  protected readonly orgId = computed(
    () => this.session.user()?.organizationId ?? null,
  );

  protected readonly engagements = httpResource<Engagement[]>(
    () => '/api/engagements',
  );
  protected readonly engagementRows = computed(() =>
    this.engagements.hasValue()
      ? this.engagements
          .value()
          .filter((e) => e.organizationId === this.orgId())
      : [],
  );
  protected readonly engagementsProblem = problemOf(this.engagements);

  protected readonly reads = httpResource<AuditorRead[]>(() => {
    const id = this.orgId();
    return id ? `${orgPath(id)}/auditor-reads` : undefined;
  });
  protected readonly readRows = computed(() =>
    this.reads.hasValue() ? this.reads.value() : [],
  );
  protected readonly readsProblem = problemOf(this.reads);

  protected readonly describe: (read: AuditorRead) => ReadWords = describeRead;

  /** The entry's details as `key: value` words, without the bookkeeping; nothing when none remain. */
  protected detailsOf(read: AuditorRead): string {
    const details = read.details;
    if (details === null || details === undefined) return '';
    if (typeof details !== 'object') return String(details);
    // The engagement and the raw URL are bookkeeping; what remains (a filter, a tab) is shown as words.
    return Object.entries(details as Record<string, unknown>)
      .filter(([key]) => key !== 'engagementId' && key !== 'path')
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join(', ');
  }
}
