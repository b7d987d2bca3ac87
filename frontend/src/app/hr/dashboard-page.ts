import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { FormatPercentPipe } from '../shared/format-percent-pipe';
import { CompletionReport } from './completion-report';
import { CompletionsTrend } from './completions-trend';
import { KnowledgeGainPanel } from './knowledge-gain';
import { CaseStatisticsPanel } from './case-statistics';
import { IndicatorsPanel } from './indicators-panel';
import { provideReportCharts } from './report-charts';
import { CompletionFigures } from '../core/audit/audit-models';
import { ReportSummary } from './report-models';
import { SetupChecklist } from './setup-checklist';

type Figure = Exclude<keyof CompletionFigures, 'suppressed'>;

/**
 * HR's landing page: leaders and staff side by side, completion by group (with the people overdue in
 * a unit), and completions over time. Every figure counts people, never named here.
 */
@Component({
  selector: 'aman-dashboard-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    FormatNumberPipe,
    FormatPercentPipe,
    CompletionReport,
    CompletionsTrend,
    KnowledgeGainPanel,
    CaseStatisticsPanel,
    IndicatorsPanel,
    SetupChecklist,
  ],
  providers: [provideReportCharts()],
  templateUrl: './dashboard-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  protected readonly language = inject(LanguageStore);

  /** The rows of the summary table, in reading order: the headline first, the people's rate beside it. */
  protected readonly figures: Figure[] = [
    'moduleCompletionRate',
    'completionRate',
    'assigned',
    'completed',
    'overdue',
  ];

  protected readonly rates: readonly Figure[] = [
    'moduleCompletionRate',
    'completionRate',
  ];

  protected readonly summary = httpResource<ReportSummary>(
    () => '/api/reports/summary',
  );
  protected readonly sides = computed(() => {
    if (!this.summary.hasValue()) return null;
    const summary = this.summary.value();
    return [
      { key: 'leaders', figures: summary.leaders },
      { key: 'staff', figures: summary.staff },
      { key: 'everyone', figures: summary },
    ] as const;
  });
  protected readonly anySuppressed = computed(
    () => this.sides()?.some((side) => side.figures.suppressed) ?? false,
  );
  protected readonly problem = problemOf(this.summary);

  protected value(figures: CompletionFigures, figure: Figure): number | null {
    return figures[figure] ?? null;
  }

  protected labelKey(figure: Figure): string {
    if (figure === 'moduleCompletionRate') return 'reportFigures.moduleRate';
    if (figure === 'completionRate') return 'reportFigures.peopleRate';
    return `hr.dashboard.summary.${figure}`;
  }
}
