import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  NewFinding,
  NewReport,
  ReportStatus,
  TrailEntry,
} from './audit-models';

/** Largest page `audit-log/entries` answers. */
export const TRAIL_PAGE_SIZE = 1000;

/** Changes and step-by-step reads; the lists are read with httpResource in the components. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** The partner proposes indicators with targets (fractions for shares and points). */
  proposeIndicators(
    engagementId: string,
    indicators: { indicator: string; target: number }[],
  ): Promise<unknown> {
    return firstValueFrom(
      this.http.put(
        `/api/engagements/${encodeURIComponent(engagementId)}/indicators`,
        indicators,
      ),
    );
  }

  /** Queues a report; the archive shows when it is done. */
  generateReport(
    organizationId: string,
    report: NewReport,
  ): Promise<{ id: string; status: ReportStatus }> {
    return firstValueFrom(
      this.http.post<{ id: string; status: ReportStatus }>(
        `${orgPath(organizationId)}/audit-reports`,
        report,
      ),
    );
  }

  recordFinding(
    organizationId: string,
    reportId: string,
    finding: NewFinding,
  ): Promise<unknown> {
    return firstValueFrom(
      this.http.post(
        `${orgPath(organizationId)}/audit-reports/${encodeURIComponent(reportId)}/findings`,
        finding,
      ),
    );
  }

  respondToFinding(
    organizationId: string,
    findingId: string,
    correctiveAction: string,
  ): Promise<unknown> {
    return firstValueFrom(
      this.http.post(
        `${orgPath(organizationId)}/findings/${encodeURIComponent(findingId)}/response`,
        { correctiveAction },
      ),
    );
  }

  /** HR, once it has responded: the auditors then close or reopen it. */
  proposeClosure(organizationId: string, findingId: string): Promise<unknown> {
    return this.findingAction(organizationId, findingId, 'propose-closure');
  }

  /** An auditor of the partner that raised the finding, after HR proposed closing it. */
  closeFinding(organizationId: string, findingId: string): Promise<unknown> {
    return this.findingAction(organizationId, findingId, 'close');
  }

  /** An auditor of the partner that raised the finding: back to open. */
  reopenFinding(organizationId: string, findingId: string): Promise<unknown> {
    return this.findingAction(organizationId, findingId, 'reopen');
  }

  private findingAction(
    organizationId: string,
    findingId: string,
    action: 'propose-closure' | 'close' | 'reopen',
  ): Promise<unknown> {
    return firstValueFrom(
      this.http.post(
        `${orgPath(organizationId)}/findings/${encodeURIComponent(findingId)}/${action}`,
        {},
      ),
    );
  }

  trailEntries(
    organizationId: string,
    afterSeq: number,
    limit = TRAIL_PAGE_SIZE,
  ): Promise<TrailEntry[]> {
    return firstValueFrom(
      this.http.get<TrailEntry[]>(
        `${orgPath(organizationId)}/audit-log/entries`,
        {
          params: { afterSeq, limit },
        },
      ),
    );
  }
}

export function orgPath(organizationId: string): string {
  return `/api/organizations/${encodeURIComponent(organizationId)}`;
}
