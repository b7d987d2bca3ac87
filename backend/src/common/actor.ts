import { createParamDecorator, ExecutionContext, ForbiddenException, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const ROLES = ['employee', 'hr_admin', 'auditor', 'platform_admin', 'case_handler'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved once per request from the session by the AuthGuard. */
export interface Actor {
  userId: string;
  sessionId: string;
  email: string | null;
  name: string;
  roles: Role[];
  organizationId: string | null;
  partnerId: string | null;
  unitId: string | null;
  isLeader: boolean;
  locale: 'id' | 'en';
  /** True when the session came from the cookie (then CSRF applies), false for Bearer. */
  viaCookie: boolean;
  /** An HR admin whose organisation requires TOTP and who has none: only enrolment routes answer. */
  mustEnrollTotp?: boolean;
  /** Designated a Satgas member of their organisation: a recipient of the confidential channel. */
  isSatgas?: boolean;
}

export interface RequestWithActor extends Request {
  actor?: Actor;
  /** On routes marked SessionCheckedByRoute: the raw session token, for the route's own SQL to check. */
  sessionToken?: { token: string; viaCookie: boolean };
}

export const SESSION_CHECKED_BY_ROUTE = 'aman:session-checked-by-route';
/**
 * Hot routes only: the AuthGuard enforces CSRF and hands over the token without looking the session
 * up; the route checks it inside its own statement through the live_session() SQL function — the
 * same definition the guard uses — plus roles and the second-factor rule, saving a round trip.
 * Never cached, so a revoked session stops at once everywhere.
 */
export const SessionCheckedByRoute = () => SetMetadata(SESSION_CHECKED_BY_ROUTE, true);

/** The one answer for an HR admin who must enrol a second factor first, wherever the session is checked. */
export function totpEnrollmentRequired(): ForbiddenException {
  return new ForbiddenException({
    statusCode: 403,
    code: 'totp_enrollment_required',
    message: 'Your organisation requires a second factor for HR admins: set it up on your account page first',
  });
}

export const SessionToken = createParamDecorator((_: unknown, ctx: ExecutionContext): { token: string; viaCookie: boolean } => {
  const token = ctx.switchToHttp().getRequest<RequestWithActor>().sessionToken;
  if (!token) throw new Error('SessionToken used on a route without SessionCheckedByRoute');
  return token;
});

export const IS_PUBLIC = 'aman:public';
/** No session needed (login, password links, public verification, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'aman:roles';
/** The caller needs at least one of these roles; otherwise 403. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
