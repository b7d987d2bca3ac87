import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const ROLES = ['employee', 'hr_admin', 'auditor', 'platform_admin'] as const;
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
}

export interface RequestWithActor extends Request {
  actor?: Actor;
}

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
