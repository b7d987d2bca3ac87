import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestSessionToken } from '../identity/auth.guard';

/**
 * The caller's raw session token (Bearer or cookie, by the AuthGuard's own rule), which the guard has
 * already checked: the key that opens the caller's private key for this request is derived from it.
 */
export const RawSessionToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const { bearer, cookie } = requestSessionToken(ctx.switchToHttp().getRequest<Request>());
  return bearer ?? cookie ?? '';
});
