import { DEFAULT_REMINDER_SETTINGS, resolveReminderSettings } from './reminder-settings';

describe('reminder settings', () => {
  it('defaults to 08:00, 7 and 1 days before, escalation after 7 days overdue, overdue reminders every 7 days', () => {
    expect(resolveReminderSettings(null)).toEqual({ reminderHour: 8, remindDaysBefore: [7, 1], escalateAfterDays: 7, overdueEveryDays: 7 });
    expect(resolveReminderSettings({})).toEqual(DEFAULT_REMINDER_SETTINGS);
  });

  it('keeps valid values, sorts the days before (largest first) and ignores unusable ones', () => {
    expect(resolveReminderSettings({ reminderHour: 0, remindDaysBefore: [1, 14, 3], escalateAfterDays: 30, overdueEveryDays: 2 })).toEqual({
      reminderHour: 0,
      remindDaysBefore: [14, 3, 1],
      escalateAfterDays: 30,
      overdueEveryDays: 2,
    });
    expect(resolveReminderSettings({ reminderHour: 24, remindDaysBefore: ['7'], escalateAfterDays: 0, overdueEveryDays: 1.5 })).toEqual(DEFAULT_REMINDER_SETTINGS);
  });
});
