import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { IS_PUBLIC, REQUIRED_ROLES, SESSION_CHECKED_BY_ROUTE, totpEnrollmentRequired, type RequestWithActor, type Role } from '../common/actor';
import { AuthService } from './auth.service';

export const SESSION_COOKIE = 'aman_session';

const ALLOWED_BEFORE_TOTP = 'aman:allowed-before-totp';
/** Routes an HR admin may use before enrolling a required second factor (me, TOTP set-up, sign-out). */
export const AllowedBeforeTotpEnrollment = () => SetMetadata(ALLOWED_BEFORE_TOTP, true);
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token a request carries: Bearer (scripts) or the cookie (browsers); Bearer wins when both are sent. */
export function requestSessionToken(request: Request): { bearer: string | undefined; cookie: string | undefined } {
  return {
    bearer: /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1],
    cookie: (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE],
  };
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Global: resolves the session (Bearer for scripts, cookie for browsers), enforces CSRF on
 * cookie-authenticated writes (Angular's XSRF-TOKEN double submit) and the route's roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;

    const { bearer, cookie } = requestSessionToken(request);
    if (!bearer && cookie && !SAFE_METHODS.has(request.method)) {
      const header = request.get(XSRF_HEADER);
      const expected = (request.cookies as Record<string, string>)[XSRF_COOKIE];
      if (!sameToken(header, expected)) {
        throw new ForbiddenException('Missing or invalid CSRF token: send the XSRF-TOKEN cookie back in the X-XSRF-TOKEN header');
      }
    }
    const token = bearer ?? cookie;
    if (this.reflector.getAllAndOverride<boolean>(SESSION_CHECKED_BY_ROUTE, targets)) {
      if (!token || token.length > 200) throw new UnauthorizedException('Sign in first: your session is missing or has expired');
      request.sessionToken = { token, viaCookie: !bearer };
      return true;
    }
    const actor = token ? await this.auth.resolveSession(token, !bearer) : null;
    if (actor) request.actor = actor;
    if (isPublic) return true;
    if (!actor) throw new UnauthorizedException('Sign in first: your session is missing or has expired');

    // Enforced here, not only in the UI: until enrolled, nothing but the enrolment routes answers.
    if (actor.mustEnrollTotp && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_TOTP, targets)) {
      throw totpEnrollmentRequired();
    }
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => actor.roles.includes(r))) {
      throw new ForbiddenException('Your role does not allow this');
    }
    return true;
  }
}
