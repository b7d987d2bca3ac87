import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Role } from '../session/current-user';
import { landingPathFor } from '../session/landing-path';
import { SessionStore } from '../session/session-store';

/**
 * Opens an area only to people holding one of `roles`. Anyone else is sent to their own landing
 * area, or to the no-access page when that is this very area (a person without any usable role).
 */
export function roleGuard(roles: readonly Role[]): CanActivateFn {
  return async (_route, state) => {
    const session = inject(SessionStore);
    const router = inject(Router);
    const user = await session.load();
    if (!user)
      return router.createUrlTree(['/login'], {
        queryParams: { returnUrl: state.url },
      });
    if (roles.some((role) => user.roles.includes(role))) return true;
    const landing = landingPathFor(user.roles);
    return isWithin(state.url, landing)
      ? router.parseUrl('/no-access')
      : router.parseUrl(landing);
  };
}

function isWithin(url: string, area: string): boolean {
  const path = url.split(/[?#]/)[0];
  return path === area || path.startsWith(`${area}/`);
}
