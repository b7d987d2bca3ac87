import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SideBySide, SideBySideCell, formatIndicator } from '../core/audit/indicators-models';
import { problemOf } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Pager } from '../shared/pager';

const STATUS_BADGE: Record<SideBySideCell['status'], string> = {
  met: 'badge-completed',
  not_met: 'badge-overdue',
  no_value: 'badge-not_started',
  no_target: 'badge-not_started',
};

/** Organisations per page: each one's figures are computed live on the server (it allows 20). */
const PAGE_SIZE = 10;

/**
 * A partner's organisations side by side (issue 14): one row per catalogue indicator, one column
 * per organisation the partner monitors today, each cell the value now against the agreed target
 * and whether it is met, in words. Aggregates only, as the server suppressed them.
 */
@Component({
  selector: 'aman-overview-page',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, FormatDatePipe, Pager],
  templateUrl: './overview-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OverviewPage {
  protected readonly language = inject(LanguageStore);
  protected readonly page = signal(1);
  protected readonly pageSize = PAGE_SIZE;

  protected readonly sideBySide = httpResource<SideBySide>(() => ({
    url: '/api/partners/me/indicators',
    params: { lang: this.language.lang(), page: this.page(), pageSize: PAGE_SIZE },
  }));
  protected readonly problem = problemOf(this.sideBySide);
  protected readonly data = computed(() => (this.sideBySide.hasValue() ? this.sideBySide.value() : null));
  protected readonly organizations = computed(() => this.data()?.items ?? []);
  protected readonly pages = computed(() => Math.max(1, Math.ceil((this.data()?.total ?? 0) / PAGE_SIZE)));

  /** Rows: each catalogue indicator with its cell in every organisation's column. */
  protected readonly rows = computed(() => {
    const data = this.data();
    if (!data) return [];
    return data.catalogue.map((entry) => ({
      ...entry,
      cells: data.items.map((org) => ({ org: org.organizationId, cell: org.indicators.find((c) => c.indicator === entry.indicator) ?? null })),
    }));
  });

  protected format(unit: SideBySide['catalogue'][number]['unit'], value: number | null): string {
    return formatIndicator(unit, value, this.language.lang());
  }

  protected goTo(page: number): void {
    this.page.set(page);
  }

  /** The badge beside the words: the words carry the meaning, the colour only repeats it. */
  protected statusClass(cell: SideBySideCell): string {
    return `badge ${STATUS_BADGE[cell.status]}`;
  }
}
