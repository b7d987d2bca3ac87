import { Pipe, PipeTransform } from '@angular/core';

const INTL_LOCALES: Record<string, string> = { id: 'id-ID', en: 'en-GB' };

/** A count with the active language's digit grouping (100.000 / 100,000): `{{ n | amanNumber: lang() }}`. */
@Pipe({ name: 'amanNumber' })
export class FormatNumberPipe implements PipeTransform {
  transform(value: number | null | undefined, lang: string): string {
    if (value === null || value === undefined || !Number.isFinite(value))
      return '';
    return new Intl.NumberFormat(INTL_LOCALES[lang] ?? lang).format(value);
  }
}
