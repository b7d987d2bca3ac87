import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';

export const CASE_GROUP_BYS = ['category', 'status'] as const;
export type CaseGroupBy = (typeof CASE_GROUP_BYS)[number];

/** `GET /api/reports/cases`: counts only, small cells hidden by the server. */
export interface CaseStatistics {
  minGroupSize: number;
  groupBy: CaseGroupBy;
  rows: { quarter: string; group: string; count: number | null; suppressed: boolean }[];
  medianDaysToClose: { quarter: string; closed: number | null; medianDaysToClose: number | null; suppressed: boolean }[];
}

/**
 * What leaves the confidential channel for HR: per quarter, reports by category or status and the
 * median days to close, never a case. One row per quarter, one column per group.
 */
@Component({
  selector: 'aman-case-statistics',
  imports: [TranslocoPipe, ErrorAlert, FormatNumberPipe],
  templateUrl: './case-statistics.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseStatisticsPanel {
  protected readonly language = inject(LanguageStore);
  protected readonly groupBys = CASE_GROUP_BYS;
  protected readonly groupBy = signal<CaseGroupBy>('category');

  protected readonly figures = httpResource<CaseStatistics>(() => ({
    url: '/api/reports/cases',
    params: { groupBy: this.groupBy() },
  }));
  protected readonly problem = problemOf(this.figures);
  /** The groups in the server's order (it sends every group of each quarter, empty ones as 0). */
  protected readonly groups = computed(() => (this.figures.hasValue() ? [...new Set(this.figures.value().rows.map((r) => r.group))] : []));
  protected readonly quarters = computed(() => {
    if (!this.figures.hasValue()) return [];
    const { rows, medianDaysToClose } = this.figures.value();
    return [...new Set(rows.map((r) => r.quarter))].map((quarter) => ({
      quarter,
      cells: this.groups().map((group) => rows.find((r) => r.quarter === quarter && r.group === group) ?? null),
      median: medianDaysToClose.find((m) => m.quarter === quarter) ?? null,
    }));
  });

  protected choose(event: Event): void {
    this.groupBy.set((event.target as HTMLSelectElement).value as CaseGroupBy);
  }

  protected groupKey(group: string): string {
    return this.groupBy() === 'category' ? `reportChannel.categories.${group}` : `reportChannel.status.${group}`;
  }
}
