import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, type DatabaseOutage, isDatabaseUnreachable } from './database-outage';
import { type Language, resolveLanguage } from './i18n/language';
import { translateMessage } from './i18n/translate';

interface PgError {
  code?: string;
  detail?: string;
}

/** PostgreSQL errors that only bad client input can cause; anything else is our bug. */
const CLIENT_PG_ERRORS: Record<string, { status: number; message: string }> = {
  '22P02': { status: 400, message: 'A value has the wrong format' },
  '22007': { status: 400, message: 'A date or time has the wrong format' },
  '22008': { status: 400, message: 'A date or time is out of range' },
  '22001': { status: 400, message: 'A value is too long' },
  // Backstops: the input guard and the validation pipe refuse these first, naming the field.
  '22003': { status: 400, message: 'A number is out of range' },
  '22021': { status: 400, message: 'A text holds a character that cannot be stored (e.g. NUL)' },
  '22P05': { status: 400, message: 'A text holds a character that cannot be stored (e.g. NUL)' },
  '23505': { status: 409, message: 'This conflicts with an existing record' },
};

/** Body-parser errors carry `status` and `type` but are not HttpExceptions. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
}

/**
 * The one exception filter: known errors keep their status and message; the unexpected are logged
 * with their stack and answered with a generic 500 that never leaks internals. Messages are put in
 * the caller's language (API.md: `?lang=`, account, Accept-Language, Indonesian); status codes,
 * `fields[].field` and codes stay as they are for machines.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly outage?: DatabaseOutage) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const lang = resolveLanguage(host.switchToHttp().getRequest<Request>());
    if (isDatabaseUnreachable(exception)) {
      // Not our bug and not the client's: one line per outage (DatabaseOutage), not a stack per request.
      this.outage?.report(exception);
      if (response.headersSent) return;
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      response.setHeader('Content-Language', lang);
      response
        .status(503)
        .json({ statusCode: 503, message: translateMessage('The service is briefly unavailable (database unreachable). Try again shortly.', lang) });
      return;
    }
    const { status, body } = this.describe(exception);
    if (status >= 500 && status !== 503) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) return;
    if (status === 503 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.setHeader('Content-Language', lang);
    response.status(status).json(localize(body, lang));
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const body: Record<string, unknown> =
        typeof raw === 'string' ? { statusCode: status, message: raw } : { statusCode: status, ...(raw as object) };
      if (Array.isArray(body['message'])) body['message'] = (body['message'] as string[]).join('; ');
      return { status, body };
    }
    const parser = exception as ParserError;
    if (parser?.type === 'entity.too.large') {
      return { status: 413, body: { statusCode: 413, message: 'The request body is too large' } };
    }
    if (parser?.type === 'entity.parse.failed') {
      return { status: 400, body: { statusCode: 400, message: 'The request body is not valid JSON' } };
    }
    const parserStatus = parser?.status ?? parser?.statusCode;
    if (parser?.type && typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      return { status: parserStatus, body: { statusCode: parserStatus, message: 'The request body could not be read' } };
    }
    const pg = CLIENT_PG_ERRORS[(exception as PgError)?.code ?? ''];
    if (pg) return { status: pg.status, body: { statusCode: pg.status, message: pg.message } };
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { statusCode: 500, message: 'Something went wrong on our side. It has been logged.' },
    };
  }
}

/** The body with its `message` and each `fields[].message` in the caller's language. */
export function localize(body: Record<string, unknown>, lang: Language): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (typeof out['message'] === 'string') out['message'] = translateMessage(out['message'], lang);
  if (Array.isArray(out['fields'])) {
    out['fields'] = (out['fields'] as unknown[]).map((f) =>
      f !== null && typeof f === 'object' && typeof (f as { message?: unknown }).message === 'string'
        ? { ...(f as object), message: translateMessage((f as { message: string }).message, lang) }
        : f,
    );
  }
  return out;
}
