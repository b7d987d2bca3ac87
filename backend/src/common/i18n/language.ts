import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { RequestWithActor } from '../actor';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';

export const isLanguage = (value: unknown): value is Language => value === 'id' || value === 'en';

/**
 * The first supported language of an Accept-Language header by its weights, or null. `in` is the
 * withdrawn ISO code for Indonesian that some older Android builds still send; `*` names none.
 */
export function languageFromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { primary } of ranked) {
    if (primary === 'in') return 'id';
    if (isLanguage(primary)) return primary;
  }
  return null;
}

/**
 * API.md's rule: `?lang=`, else the account's locale, else Accept-Language, else Indonesian. Read
 * when needed, not when the request arrives: the account is known only after the AuthGuard ran.
 */
export function resolveLanguage(req: Request | undefined): Language {
  if (!req) return DEFAULT_LANGUAGE;
  const query = (req.query as Record<string, unknown> | undefined)?.['lang'];
  if (isLanguage(query)) return query;
  const locale = (req as RequestWithActor).actor?.locale;
  if (isLanguage(locale)) return locale;
  return languageFromAcceptLanguage(req.headers['accept-language']) ?? DEFAULT_LANGUAGE;
}

const requests = new AsyncLocalStorage<Request>();

/** Express middleware: lets code deep in a request (the CSV import's line errors) ask for its language. */
export function languageContext(req: Request, _res: Response, next: NextFunction): void {
  requests.run(req, next);
}

/** The language of the request being served; Indonesian outside a request (jobs, seeders). */
export function currentLanguage(): Language {
  return resolveLanguage(requests.getStore());
}
