import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { Locale } from '../core/session/language-store';

/**
 * The language of the public report pages. It starts from the browser's languages, not from what
 * this browser stored before, and a switch is not remembered: on a shared phone nothing should show
 * that someone opened the channel (LanguageStore would write localStorage).
 */
@Injectable({ providedIn: 'root' })
export class ReportLanguage {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly active = signal<Locale>(
    browserLanguage(this.document.defaultView?.navigator.languages ?? []),
  );

  readonly lang = this.active.asReadonly();

  /** Shows the report pages in the current language (called when one opens). */
  apply(): void {
    this.use(this.active());
  }

  use(lang: Locale): void {
    this.active.set(lang);
    this.transloco.setActiveLang(lang);
    this.document.documentElement.lang = lang;
  }
}

/** The first of the browser's languages that we have; Indonesian when none is. */
export function browserLanguage(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'id' || base === 'en') return base;
  }
  return 'id';
}
