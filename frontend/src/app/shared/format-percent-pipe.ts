import { Pipe, PipeTransform } from '@angular/core';

const INTL_LOCALES: Record<string, string> = { id: 'id-ID', en: 'en-GB' };

/** A 0–1 share as a whole percentage in the active language: `{{ 0.875 | amanPercent: lang() }}`. */
@Pipe({ name: 'amanPercent' })
export class FormatPercentPipe implements PipeTransform {
  transform(value: number | null | undefined, lang: string): string {
    if (value === null || value === undefined || !Number.isFinite(value))
      return '';
    return new Intl.NumberFormat(INTL_LOCALES[lang] ?? lang, {
      style: 'percent',
      maximumFractionDigits: 0,
    }).format(value);
  }
}
