/** How and when an organisation's people are reminded; kept in `organizations.settings`. */
export interface ReminderSettings {
  /** Local hour (organisation's time zone) from which the daily job runs. */
  reminderHour: number;
  /** Days before the due date on which a reminder goes out, largest first. */
  remindDaysBefore: number[];
  /** Days overdue after which the leaders of the person's own unit are told. */
  escalateAfterDays: number;
  /** While overdue: a reminder on day 1, then every this many days. */
  overdueEveryDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = Object.freeze({
  reminderHour: 8,
  remindDaysBefore: [7, 1],
  escalateAfterDays: 7,
  overdueEveryDays: 7,
});

const wholeIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * The stored values with defaults for whatever is missing or unusable, so a hand-edited settings
 * document can never stop the daily job.
 */
export function resolveReminderSettings(stored: Record<string, unknown> | null | undefined): ReminderSettings {
  const s = stored ?? {};
  const days = Array.isArray(s['remindDaysBefore']) && s['remindDaysBefore'].every((d) => wholeIn(d, 0, 90))
    ? [...new Set(s['remindDaysBefore'] as number[])].sort((a, b) => b - a)
    : [...DEFAULT_REMINDER_SETTINGS.remindDaysBefore];
  return {
    reminderHour: wholeIn(s['reminderHour'], 0, 23) ? s['reminderHour'] : DEFAULT_REMINDER_SETTINGS.reminderHour,
    remindDaysBefore: days,
    escalateAfterDays: wholeIn(s['escalateAfterDays'], 1, 365) ? s['escalateAfterDays'] : DEFAULT_REMINDER_SETTINGS.escalateAfterDays,
    overdueEveryDays: wholeIn(s['overdueEveryDays'], 1, 60) ? s['overdueEveryDays'] : DEFAULT_REMINDER_SETTINGS.overdueEveryDays,
  };
}
