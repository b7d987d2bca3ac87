import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { SESSION_COOKIE } from '../identity/auth.guard';

/**
 * The caller's raw session token (Bearer or cookie), which the AuthGuard has already checked: the
 * key that opens the caller's private key for this request is derived from it.
 */
export const RawSessionToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  return bearer ?? (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE] ?? '';
});
