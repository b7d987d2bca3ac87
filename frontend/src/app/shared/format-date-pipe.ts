import { Pipe, PipeTransform } from '@angular/core';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTL_LOCALES: Record<string, string> = { id: 'id-ID', en: 'en-GB' };

/**
 * Formats API dates for the active language: `{{ value | amanDate: lang() }}`.
 * Calendar dates (`2026-03-31`, e.g. due dates in the organisation's time zone) are shown as they
 * are, never shifted by the browser's time zone; timestamps are shown in local time, or in
 * `timeZone` when given (the organisation's, for the audit trail): `{{ at | amanDate: lang() : true : zone }}`.
 */
@Pipe({ name: 'amanDate' })
export class FormatDatePipe implements PipeTransform {
  transform(
    value: string | null | undefined,
    lang: string,
    withTime = false,
    timeZone?: string | null,
  ): string {
    if (!value) return '';
    const calendarDate = CALENDAR_DATE.test(value);
    const date = new Date(calendarDate ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(INTL_LOCALES[lang] ?? lang, {
      dateStyle: 'medium',
      ...(withTime && !calendarDate ? { timeStyle: 'short' } : {}),
      ...(calendarDate ? { timeZone: 'UTC' } : timeZone ? { timeZone } : {}),
    }).format(date);
  }
}
