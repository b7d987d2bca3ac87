import { CompletionFigures } from '../core/audit/audit-models';

/** What completion can be broken down by (`GET /api/reports/completion?groupBy=`). */
export const REPORT_GROUP_BYS = [
  'unit',
  'role',
  'gender',
  'employmentType',
  'module',
] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BYS)[number];

export const REPORT_INTERVALS = ['week', 'month'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

/** `GET /api/reports/summary`: the organisation's totals, leaders and staff side by side. */
export interface ReportSummary extends CompletionFigures {
  leaders: CompletionFigures;
  staff: CompletionFigures;
}

/** One person of `GET /api/reports/overdue?unitId=` (a page of them). */
export interface OverduePerson {
  userId: string;
  name: string;
  unitName: string | null;
  isLeader: boolean;
  /** Oldest first; `dueAt` is the due date (YYYY-MM-DD). */
  overdueModules: { slug: string; title: string; dueAt: string }[];
}

/** One period of `GET /api/reports/completions-over-time`; 1–4 completions are hidden. */
export interface CompletionsInPeriod {
  /** The first day of the week (Monday) or month, YYYY-MM-DD. */
  period: string;
  completed: number | null;
  suppressed: boolean;
}

/** Group names the server sends as codes; anything else (unit and module names) is shown as it is. */
const GROUP_LABEL_KEYS: Partial<Record<ReportGroupBy, Record<string, string>>> =
  {
    role: {
      leader: 'hr.dashboard.position.leaders',
      leaders: 'hr.dashboard.position.leaders',
      staff: 'hr.dashboard.position.staff',
    },
    gender: {
      female: 'hr.person.gender.female',
      male: 'hr.person.gender.male',
      not_stated: 'hr.person.gender.not_stated',
    },
    employmentType: {
      permanent: 'hr.employmentType.permanent',
      contract: 'hr.employmentType.contract',
      intern: 'hr.employmentType.intern',
      volunteer: 'hr.employmentType.volunteer',
    },
  };

export function groupLabelKey(
  groupBy: ReportGroupBy,
  group: string,
): string | null {
  return GROUP_LABEL_KEYS[groupBy]?.[group] ?? null;
}

/** The query the screen shows, as the export links carry it. */
export function completionQuery(
  groupBy: ReportGroupBy,
  moduleSlug: string,
  lang: string,
): string {
  const params = new URLSearchParams({ groupBy });
  if (moduleSlug) params.set('module', moduleSlug);
  params.set('lang', lang);
  return params.toString();
}

/** A calendar date in the browser's time zone (`2026-03-31`). */
export function calendarDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
