import { DOCUMENT } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { problemOf } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { FormatPercentPipe } from '../shared/format-percent-pipe';
import { OverdueList } from './overdue-list';
import { CHART_COLOURS, MAX_CHART_BARS, intlLocale } from './report-charts';
import { CompletionRow } from '../core/audit/audit-models';
import {
  REPORT_GROUP_BYS,
  ReportGroupBy,
  completionQuery,
  groupLabelKey,
} from './report-models';
import { CatalogModule } from './rule-models';

interface ShownRow {
  row: CompletionRow;
  /** The group's name as shown (codes such as `female` translated). */
  label: string;
  /** The unit this one belongs to, when grouped by unit. */
  parent: string | null;
}

/**
 * Completion by a choice of group, as a bar chart of the headline (the share of assigned modules
 * completed) and a table of the same numbers with the share of people who completed all beside it. Groups of fewer than 5 people are hidden by the server: the table says so, the chart
 * leaves them out. Unit rows open the list of people overdue there.
 */
@Component({
  selector: 'aman-completion-report',
  imports: [
    BaseChartDirective,
    TranslocoPipe,
    ErrorAlert,
    FormatNumberPipe,
    FormatPercentPipe,
    OverdueList,
  ],
  templateUrl: './completion-report.html',
  styles: `
    .chart-box {
      position: relative;
      width: 100%;
      max-width: 48rem;
      min-height: 12rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompletionReport {
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);
  /** The active language's texts, for the chart (drawn outside the template). */
  private readonly texts = toSignal(
    inject(TranslocoService).selectTranslation(),
    { initialValue: {} as Record<string, string> },
  );

  protected readonly groupBys = REPORT_GROUP_BYS;
  protected readonly groupBy = signal<ReportGroupBy>('unit');
  protected readonly moduleSlug = signal('');

  protected readonly modules = httpResource<CatalogModule[]>(() => ({
    url: '/api/modules',
    params: { lang: this.language.lang() },
  }));
  protected readonly moduleList = computed(() =>
    this.modules.hasValue() ? this.modules.value() : [],
  );

  protected readonly completion = httpResource<CompletionRow[]>(() => ({
    url: '/api/reports/completion',
    params: {
      groupBy: this.groupBy(),
      ...(this.moduleSlug() ? { module: this.moduleSlug() } : {}),
      lang: this.language.lang(),
    },
  }));
  protected readonly problem = problemOf(this.completion);
  protected readonly rows = computed<ShownRow[]>(() => {
    if (!this.completion.hasValue()) return [];
    const rows = this.completion.value();
    const names = new Map(
      rows.filter((r) => r.groupId).map((r) => [r.groupId, r.group]),
    );
    return rows.map((row) => ({
      row,
      label: this.label(row),
      parent: row.parentId ? (names.get(row.parentId) ?? null) : null,
    }));
  });
  protected readonly suppressedCount = computed(
    () => this.rows().filter((r) => r.row.suppressed).length,
  );
  /** What the chart can draw: visible groups with something assigned, at most MAX_CHART_BARS. */
  private readonly drawable = computed(() =>
    this.rows().filter(
      (r) => !r.row.suppressed && r.row.moduleCompletionRate !== null,
    ),
  );
  protected readonly charted = computed(() =>
    this.drawable().slice(0, MAX_CHART_BARS),
  );
  protected readonly notCharted = computed(
    () => this.drawable().length - this.charted().length,
  );
  protected readonly chartHeight = computed(
    () => `${Math.max(12, this.charted().length * 1.9 + 4)}rem`,
  );

  protected readonly chartData = computed<ChartConfiguration<'bar'>['data']>(
    () => ({
      labels: this.charted().map((r) => r.label),
      datasets: [
        {
          label: this.text('reportFigures.moduleRateShort'),
          data: this.charted().map((r) =>
            Math.round((r.row.moduleCompletionRate ?? 0) * 100),
          ),
          backgroundColor: CHART_COLOURS.mark,
          borderColor: CHART_COLOURS.mark,
          maxBarThickness: 28,
        },
      ],
    }),
  );
  protected readonly chartOptions = computed<
    ChartConfiguration<'bar'>['options']
  >(() => {
    const percent = new Intl.NumberFormat(intlLocale(this.language.lang()), {
      style: 'percent',
      maximumFractionDigits: 0,
    });
    const asPercent = (value: number | string) =>
      percent.format(Number(value) / 100);
    return {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {
          min: 0,
          max: 100,
          ticks: { color: CHART_COLOURS.text, callback: asPercent },
          grid: { color: CHART_COLOURS.grid },
        },
        y: {
          ticks: { color: CHART_COLOURS.text, autoSkip: false },
          grid: { display: false },
        },
      },
      plugins: {
        tooltip: {
          callbacks: { label: (item) => asPercent(item.parsed.x ?? 0) },
        },
      },
    };
  });

  protected readonly query = computed(() =>
    completionQuery(this.groupBy(), this.moduleSlug(), this.language.lang()),
  );
  protected readonly csvUrl = computed(
    () => `/api/reports/completion.csv?${this.query()}`,
  );
  protected readonly xlsxUrl = computed(
    () => `/api/reports/completion.xlsx?${this.query()}`,
  );

  /** The unit whose overdue people are listed below the table. */
  protected readonly drill = signal<{ unitId: string; name: string } | null>(
    null,
  );

  protected canDrill(shown: ShownRow): boolean {
    return (
      this.groupBy() === 'unit' &&
      !!shown.row.groupId &&
      !shown.row.suppressed &&
      (shown.row.overdue ?? 0) > 0
    );
  }

  protected chooseGroupBy(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const groupBy = REPORT_GROUP_BYS.find((g) => g === value);
    if (groupBy) {
      this.groupBy.set(groupBy);
      this.drill.set(null);
    }
  }

  protected chooseModule(event: Event): void {
    this.moduleSlug.set((event.target as HTMLSelectElement).value);
    this.drill.set(null);
  }

  protected openDrill(shown: ShownRow): void {
    if (!shown.row.groupId) return;
    this.drill.set({ unitId: shown.row.groupId, name: shown.label });
    afterNextRender(
      () => this.document.getElementById('overdue-heading')?.focus(),
      { injector: this.injector },
    );
  }

  protected closeDrill(): void {
    const drill = this.drill();
    this.drill.set(null);
    if (drill)
      afterNextRender(
        () => this.document.getElementById(`drill-${drill.unitId}`)?.focus(),
        { injector: this.injector },
      );
  }

  private label(row: CompletionRow): string {
    const key = groupLabelKey(this.groupBy(), row.group);
    if (key) return this.text(key);
    return row.group || this.text('hr.dashboard.completion.noGroup');
  }

  private text(key: string): string {
    return this.texts()[key] ?? key;
  }
}
