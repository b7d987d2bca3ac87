import type { CompletionRow, ReportingService, Summary } from '../reporting/reporting.service';
import type { PublishedCounts } from '../reporting/suppression';

type Lang = 'id' | 'en';

export type BreakdownRow = CompletionRow;
export type Breakdowns = Record<'unit' | 'role' | 'gender' | 'employmentType', BreakdownRow[]>;
export type SummaryKey = 'all' | 'leaders' | 'staff';

/**
 * Every number an audit report publishes, taken as it is from ReportingService: the HR dashboard's
 * own queries and its one suppression function, so the signed report and the dashboard cannot
 * disagree (not even about empty groups). Nothing here counts or hides anything.
 */
export interface ReportNumbersSource {
  summary: Record<SummaryKey, PublishedCounts>;
  breakdowns: Breakdowns;
}

const LABELS: Record<Lang, Record<string, string>> = {
  id: { leaders: 'Pimpinan', staff: 'Staf', female: 'Perempuan', male: 'Laki-laki', not_stated: 'Tidak disebutkan', permanent: 'Tetap', contract: 'Kontrak', intern: 'Magang', volunteer: 'Relawan' },
  en: { leaders: 'Leaders', staff: 'Staff', female: 'Female', male: 'Male', not_stated: 'Not stated', permanent: 'Permanent', contract: 'Contract', intern: 'Intern', volunteer: 'Volunteer' },
};

/** Group codes in the report's language; unit names are left as they are. */
export function labelRows(rows: readonly BreakdownRow[], lang: Lang): BreakdownRow[] {
  return rows.map((r) => ({ ...r, group: LABELS[lang][r.group] ?? r.group }));
}

/** The dashboard's summary (everyone, with leaders and staff) as the report's three summary cells. */
export function summaryCells(summary: Summary): Record<SummaryKey, PublishedCounts> {
  const { leaders, staff, ...all } = summary;
  return { all, leaders, staff };
}

/**
 * The summary's leaders and staff are the role breakdown's rows (ReportingService builds both from
 * one partition), so the role section is taken from the summary instead of being counted again.
 */
export function roleRows(summary: Summary): BreakdownRow[] {
  return [
    { group: 'leaders', ...summary.leaders },
    { group: 'staff', ...summary.staff },
  ];
}

export async function reportNumbers(reporting: ReportingService, organizationId: string, lang: Lang): Promise<ReportNumbersSource> {
  const get = (groupBy: keyof Breakdowns) => reporting.completion(organizationId, { groupBy, lang }, lang);
  const [summary, gender, employmentType, unit] = await Promise.all([reporting.summary(organizationId), get('gender'), get('employmentType'), get('unit')]);
  return {
    summary: summaryCells(summary),
    breakdowns: { role: labelRows(roleRows(summary), lang), gender: labelRows(gender, lang), employmentType: labelRows(employmentType, lang), unit },
  };
}
