import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { problemOf } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { CHART_COLOURS, intlLocale } from './report-charts';
import {
  CompletionsInPeriod,
  REPORT_INTERVALS,
  ReportInterval,
  calendarDate,
} from './report-models';

interface Range {
  from: string;
  to: string;
  interval: ReportInterval;
}

/**
 * The last six months, month by month: the view HR opens on. The end stays open (`to` empty): the
 * server then counts up to the organisation's today, which can be a day after the browser's (HR
 * reading a Jakarta office from a laptop still on UTC after 17:00 UTC).
 */
function defaultRange(today = new Date()): Range {
  const from = new Date(today.getFullYear(), today.getMonth() - 5, 1);
  return { from: calendarDate(from), to: '', interval: 'month' };
}

/** Completions week by week or month by month, as a line chart and a table of the same numbers. */
@Component({
  selector: 'aman-completions-trend',
  imports: [
    BaseChartDirective,
    ReactiveFormsModule,
    TranslocoPipe,
    ErrorAlert,
    FormatNumberPipe,
  ],
  templateUrl: './completions-trend.html',
  styles: `
    .chart-box {
      position: relative;
      width: 100%;
      max-width: 48rem;
      height: 16rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompletionsTrend {
  protected readonly language = inject(LanguageStore);
  private readonly texts = toSignal(
    inject(TranslocoService).selectTranslation(),
    { initialValue: {} as Record<string, string> },
  );

  protected readonly intervals = REPORT_INTERVALS;
  private readonly opening = defaultRange();
  protected readonly form = inject(NonNullableFormBuilder).group({
    from: [this.opening.from, Validators.required],
    to: [this.opening.to],
    interval: [this.opening.interval],
  });
  protected readonly range = signal<Range>(this.opening);
  protected readonly rangeError = signal<string | null>(null);

  protected readonly trend = httpResource<CompletionsInPeriod[]>(() => {
    const { from, to, interval } = this.range();
    const params: Record<string, string> = { from, interval };
    if (to) params['to'] = to;
    return { url: '/api/reports/completions-over-time', params };
  });
  protected readonly rows = computed(() =>
    this.trend.hasValue() ? this.trend.value() : [],
  );
  /** The completions shown; hidden periods (1–4 completions) are not in it. */
  protected readonly total = computed(() =>
    this.rows().reduce((sum, row) => sum + (row.completed ?? 0), 0),
  );
  protected readonly anySuppressed = computed(() =>
    this.rows().some((row) => row.suppressed),
  );
  protected readonly problem = problemOf(this.trend);

  protected readonly chartData = computed<ChartConfiguration<'line'>['data']>(
    () => ({
      labels: this.rows().map((row) => this.periodLabel(row.period)),
      datasets: [
        {
          label: this.texts()['hr.dashboard.trend.completions'] ?? '',
          // A hidden period is a gap in the line, not a zero.
          data: this.rows().map((row) =>
            row.suppressed ? null : row.completed,
          ),
          borderColor: CHART_COLOURS.line,
          backgroundColor: CHART_COLOURS.line,
          pointRadius: 4,
          borderWidth: 3,
        },
      ],
    }),
  );
  protected readonly chartOptions = computed<
    ChartConfiguration<'line'>['options']
  >(() => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: {
      x: {
        ticks: { color: CHART_COLOURS.text },
        grid: { display: false },
      },
      y: {
        beginAtZero: true,
        ticks: { color: CHART_COLOURS.text, precision: 0 },
        grid: { color: CHART_COLOURS.grid },
      },
    },
  }));

  /** "Mar 2026" for a month, "2 Mar 2026" for the week starting that day. */
  protected periodLabel(period: string): string {
    const date = new Date(`${period}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return period;
    return new Intl.DateTimeFormat(intlLocale(this.language.lang()), {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'short',
      ...(this.range().interval === 'week' ? { day: 'numeric' } : {}),
    }).format(date);
  }

  protected apply(event?: Event): void {
    event?.preventDefault();
    const v = this.form.getRawValue();
    if (this.form.invalid) {
      this.rangeError.set('validation.required');
      return;
    }
    if (v.to && v.from > v.to) {
      this.rangeError.set('hr.dashboard.trend.fromAfterTo');
      return;
    }
    this.rangeError.set(null);
    this.range.set({ from: v.from, to: v.to, interval: v.interval });
  }
}
