import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { landingPathFor } from '../session/landing-path';
import { SessionStore } from '../session/session-store';

/** `/` has no page of its own: it sends each person to the area their roles open. */
export const landingGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const user = await session.load();
  return router.parseUrl(user ? landingPathFor(user.roles) : '/login');
};
