import { numberFormat } from '../audit/report-text';

type Text = { id: string; en: string };

/** How a value reads: a share 0..1 (shown as %), a count, days, or percentage points. */
export type IndicatorUnit = 'share' | 'count' | 'days' | 'points';

export interface IndicatorDefinition {
  key: string;
  name: Text;
  unit: IndicatorUnit;
  /** Whether a higher value is better (for "target met"). */
  higherIsBetter: boolean;
  /** Where the figure comes from, as the methodology states it. */
  source: Text;
}

/**
 * The catalogue a partner's auditor proposes from. Each entry's value is computed by the service
 * that publishes it elsewhere (IndicatorsService.values), never by a copy of its query.
 */
export const CATALOGUE: readonly IndicatorDefinition[] = [
  {
    key: 'completion_leaders',
    name: { id: 'Penyelesaian modul oleh pimpinan', en: 'Module completion by leaders' },
    unit: 'share',
    higherIsBetter: true,
    source: { id: 'Modul selesai ÷ modul ditugaskan (dasbor penyelesaian)', en: 'Completed ÷ assigned modules (completion dashboard)' },
  },
  {
    key: 'completion_staff',
    name: { id: 'Penyelesaian modul oleh staf', en: 'Module completion by staff' },
    unit: 'share',
    higherIsBetter: true,
    source: { id: 'Modul selesai ÷ modul ditugaskan (dasbor penyelesaian)', en: 'Completed ÷ assigned modules (completion dashboard)' },
  },
  {
    key: 'knowledge_gain',
    name: { id: 'Peningkatan pengetahuan', en: 'Knowledge gain' },
    unit: 'points',
    higherIsBetter: true,
    source: { id: 'Rata-rata kuis dikurangi rata-rata pra-tes', en: 'Mean quiz score minus mean pre-test score' },
  },
  {
    key: 'know_how_to_report',
    name: { id: 'Responden yang tahu cara melapor', en: 'Respondents who know how to report' },
    unit: 'share',
    higherIsBetter: true,
    source: { id: 'Survei iklim terakhir: setuju atau sangat setuju', en: 'Latest climate survey: agree or strongly agree' },
  },
  {
    key: 'trust_process',
    name: { id: 'Responden yang percaya pada proses penanganan', en: 'Respondents who trust the process' },
    unit: 'share',
    higherIsBetter: true,
    source: { id: 'Survei iklim terakhir: setuju atau sangat setuju', en: 'Latest climate survey: agree or strongly agree' },
  },
  {
    key: 'cases_received_per_quarter',
    name: { id: 'Kasus diterima per triwulan', en: 'Cases received per quarter' },
    unit: 'count',
    higherIsBetter: true,
    source: { id: 'Kanal pelaporan: triwulan terakhir yang memiliki kasus', en: 'Reporting channel: the latest quarter with cases' },
  },
  {
    key: 'cases_closed_per_quarter',
    name: { id: 'Kasus ditutup per triwulan', en: 'Cases closed per quarter' },
    unit: 'count',
    higherIsBetter: true,
    source: { id: 'Kanal pelaporan: triwulan terakhir dengan kasus ditutup (disembunyikan di bawah k)', en: 'Reporting channel: the latest quarter with closed cases (hidden below k)' },
  },
  {
    key: 'median_days_to_close',
    name: { id: 'Median hari hingga kasus ditutup', en: 'Median days to close a case' },
    unit: 'days',
    higherIsBetter: false,
    source: { id: 'Kanal pelaporan: triwulan terakhir dengan kasus ditutup (disembunyikan di bawah k)', en: 'Reporting channel: the latest quarter with closed cases (hidden below k)' },
  },
  {
    key: 'findings_closed_on_time',
    name: { id: 'Temuan audit ditutup tepat waktu', en: 'Audit findings closed on time' },
    unit: 'share',
    higherIsBetter: true,
    source: { id: 'Temuan yang ditutup paling lambat tenggatnya ÷ temuan ditutup', en: 'Findings closed by their due date ÷ findings closed' },
  },
];

export const INDICATOR_KEYS = CATALOGUE.map((d) => d.key);

export function definition(key: string): IndicatorDefinition | undefined {
  return CATALOGUE.find((d) => d.key === key);
}

/** The range a target may take, by unit. */
export const TARGET_RANGE: Record<IndicatorUnit, [number, number]> = {
  share: [0, 1],
  count: [0, 1_000_000],
  days: [0, 3650],
  points: [-1, 1],
};

/** Whether a value meets its target (higher or lower is better by the indicator); null without a value. */
export function meetsTarget(higherIsBetter: boolean, value: number | null, target: number): boolean | null {
  if (value === null) return null;
  return higherIsBetter ? value >= target : value <= target;
}

/** A value as people read it, in a table and beside a chart alike, in the reader's language (60,0% / 60.0%). */
export function formatValue(unit: IndicatorUnit, value: number | null, lang: 'id' | 'en' = 'en'): string {
  if (value === null) return '–';
  const f = numberFormat(lang);
  switch (unit) {
    case 'share':
      return f.percent(value);
    case 'points':
      return f.signed(value * 100);
    case 'days':
      return f.decimal(value);
    default:
      return f.count(value) ?? '–';
  }
}
