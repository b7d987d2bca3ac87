import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';

const STORAGE_KEY = 'aman.locale';

export function isLocale(value: unknown): value is Locale {
  return (
    typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
  );
}

/**
 * The language shown in this browser. Only applies it locally (translations, `<html lang>`,
 * localStorage); remembering it on the account is the SessionStore's job.
 */
@Injectable({ providedIn: 'root' })
export class LanguageStore {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly active = signal<Locale>(DEFAULT_LOCALE);

  readonly lang = this.active.asReadonly();

  /** The language chosen before in this browser, or Indonesian. */
  storedLanguage(): Locale {
    try {
      const stored =
        this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
      return isLocale(stored) ? stored : DEFAULT_LOCALE;
    } catch {
      // Storage can be blocked by the browser's privacy settings; the default is fine then.
      return DEFAULT_LOCALE;
    }
  }

  /** `remember: false` at start-up: writing back what was read would leave a trace in a browser that chose nothing. */
  use(lang: Locale, remember = true): void {
    this.active.set(lang);
    this.transloco.setActiveLang(lang);
    this.document.documentElement.lang = lang;
    if (!remember) return;
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered in this browser; the account still remembers it once signed in.
    }
  }
}
