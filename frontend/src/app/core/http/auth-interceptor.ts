import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { SessionStore } from '../session/session-store';

/**
 * The session is a same-origin cookie and Angular adds the XSRF header itself, so requests go out
 * unchanged. A 401 from any API call means the session ended (expired, signed out elsewhere): forget
 * it and send the person to the sign-in page, back to where they were afterwards.
 * `/api/me` and `/api/auth/*` answer 401 as part of signing in, so they are left to their callers, as
 * is `/api/reporter/*`, where a 401 is a reporter's short-lived receipt token ending.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        endsSession(req.url)
      ) {
        session.clear();
        const returnUrl = router.url;
        if (!returnUrl.startsWith('/login')) {
          void router.navigate(['/login'], { queryParams: { returnUrl } });
        }
      }
      return throwError(() => error);
    }),
  );
};

function endsSession(url: string): boolean {
  const path = pathOf(url);
  return (
    path.startsWith('/api/') &&
    path !== '/api/me' &&
    !path.startsWith('/api/auth/') &&
    // A reporter's receipt token expiring is no account's session ending (report/follow-up-page).
    !path.startsWith('/api/reporter/')
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://same-origin.invalid').pathname;
  } catch {
    return url;
  }
}
