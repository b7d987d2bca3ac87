import { EmploymentType } from './hr-models';

/** As the server's enums (`assignments/assignments.dto.ts`). */
export const AUDIENCES = ['everyone', 'leaders', 'staff', 'satgas'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const DUE_FROM = ['rule_start', 'hire_date', 'became_leader'] as const;
export type DueFrom = (typeof DUE_FROM)[number];

/** The server opens the next cycle this many days before expiry when a rule names no window. */
export const DEFAULT_WINDOW_DAYS = 30;

/** One module of `GET /api/modules`: the training catalogue. */
export interface CatalogModule {
  slug: string;
  title: string;
  summary?: string;
  audience: string;
  version: number;
  estimatedMinutes: number;
}

/** One rule of `GET /api/assignment-rules`, active first. */
export interface AssignmentRule {
  id: string;
  moduleSlug: string;
  audience: Audience;
  unitId: string | null;
  employmentType: EmploymentType | null;
  dueWithinDays: number;
  dueFrom: DueFrom;
  recurrence: { enabled: boolean; windowDays: number | null };
  /** YYYY-MM-DD: only people hired after it; null for everyone. */
  hiredAfter?: string | null;
  startsOn: string;
  active: boolean;
  openAssignments: number;
}

/** The answer of a create or change: the rule and how many assignments it opened right away. */
export interface AssignmentRuleChange extends AssignmentRule {
  assignmentsOpened: number;
}

export interface Recurrence {
  enabled: boolean;
  windowDays?: number;
}

/** `POST /api/assignment-rules`. */
export interface NewAssignmentRule {
  moduleSlug: string;
  audience: Audience;
  unitId?: string;
  employmentType?: EmploymentType;
  dueWithinDays: number;
  dueFrom: DueFrom;
  recurrence: Recurrence;
  hiredAfter?: string;
}

/** `PATCH /api/assignment-rules/:id`: the module stays; `null` widens to everyone again. */
export interface AssignmentRulePatch {
  audience: Audience;
  unitId: string | null;
  employmentType: EmploymentType | null;
  dueWithinDays: number;
  dueFrom: DueFrom;
  recurrence: Recurrence;
  hiredAfter: string | null;
}

/** `GET|PUT /api/assignment-rules/settings`. */
export interface ReminderSettings {
  /** Local hour (organisation's time zone) after which the daily job runs, 0–23. */
  reminderHour: number;
  /** Days before the due date on which a reminder goes out (0 = on the day). */
  remindDaysBefore: number[];
  /** Days overdue after which the leaders of the person's unit are told. */
  escalateAfterDays: number;
  /** While overdue: a reminder on day 1, then every this many days. */
  overdueEveryDays: number;
}

export const MAX_REMINDER_DAYS = 5;
export const MAX_DAYS_BEFORE = 90;

/**
 * "7, 1" → [7, 1]; null when the text is not a list of at most five different whole numbers of days
 * between 0 and 90 (the server's rule). An empty text is an empty list: no reminders before the due date.
 */
export function parseDayList(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
  const days = parts.map(Number);
  if (days.some((day) => day > MAX_DAYS_BEFORE)) return null;
  if (new Set(days).size !== days.length || days.length > MAX_REMINDER_DAYS)
    return null;
  return [...days].sort((a, b) => b - a);
}
