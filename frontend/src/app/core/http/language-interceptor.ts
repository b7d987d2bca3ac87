import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';

/**
 * API calls say which language the page is shown in (Accept-Language), so that the server's
 * messages match it before anyone is signed in (the sign-in page, password links, the report
 * channel); a signed-in account's own language still comes first on the server (API.md).
 */
export const languageInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApi(req.url) || req.headers.has('Accept-Language')) return next(req);
  const lang = inject(TranslocoService).getActiveLang();
  return next(req.clone({ setHeaders: { 'Accept-Language': lang } }));
};

function isApi(url: string): boolean {
  try {
    return new URL(url, 'http://same-origin.invalid').pathname.startsWith(
      '/api/',
    );
  } catch {
    return false;
  }
}
