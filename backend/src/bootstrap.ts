import { ConsoleLogger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { DatabaseOutage } from './common/database-outage';
import { AllExceptionsFilter } from './common/exception.filter';
import { inputGuard } from './common/input-guard';
import { frontendFiles } from './common/static-files';
import { languageContext } from './common/i18n/language';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { XSRF_COOKIE } from './identity/auth.guard';

/** JSON bodies stay small; CSV imports of 100,000 people (~15 MB) must still fit. */
export const JSON_BODY_LIMIT = '1mb';
export const CSV_BODY_LIMIT = '60mb';

export function createLogger(config: AppConfig): LoggerService {
  return new ConsoleLogger({ json: config.logFormat === 'json', colors: config.logFormat !== 'json' });
}

const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Angular inserts component styles as <style> elements at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Everything about the HTTP edge, shared by the real server and the tests. */
export async function createApp(config: AppConfig, logger?: LoggerService | false): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: logger ?? createLogger(config),
  });
  app.disable('x-powered-by');
  // Lets code deep in a request (CSV line errors, exports) answer in the caller's language.
  app.use(languageContext);
  if (config.trustProxy) app.set('trust proxy', 1);
  // HSTS and upgrade-insecure-requests only when the app is reached over https (PUBLIC_URL, or a
  // trusted proxy's X-Forwarded-Proto): sent over plain http they lock a LAN install out of itself.
  const overHttps = (req: Request) => config.secureCookies || req.secure;
  const headers = (directives: typeof APP_CSP) => {
    const secure = helmet({ contentSecurityPolicy: { directives } });
    const plain = helmet({ contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } }, hsts: false });
    return (req: Request, res: Response, next: NextFunction) => (overHttps(req) ? secure : plain)(req, res, next);
  };
  // Swagger UI needs inline scripts and styles: a looser policy on its route only.
  app.use('/api/docs', headers({ ...APP_CSP, scriptSrc: ["'self'", "'unsafe-inline'"] }));
  app.use(headers(APP_CSP));
  // API answers hold personal data and sessions' views: never kept by browsers or shared caches. A
  // route that may be cached says so itself (it sets Cache-Control after this).
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(cookieParser());
  app.use((req: Request, res: Response, next: NextFunction) => {
    const cookies = req.cookies as Record<string, string> | undefined;
    // A caller with an Authorization header (partners' tooling, scripts) writes without cookies, so needs
    // no double-submit token; a browser gets one from its first page or API call.
    if (!cookies?.[XSRF_COOKIE] && !req.headers.authorization) {
      // Readable by Angular, which echoes it in X-XSRF-TOKEN on writes (double submit).
      res.cookie(XSRF_COOKIE, randomBytes(24).toString('base64url'), {
        sameSite: 'lax',
        secure: config.secureCookies,
        path: '/',
      });
    }
    next();
  });
  // The built frontend, precompressed and cached by name (before Nest's routes; /api is left alone).
  if (existsSync(config.frontendDist)) app.use(frontendFiles(config.frontendDist));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: CSV_BODY_LIMIT });
  app.use(inputGuard);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(DatabaseOutage)));

  const openApi = new DocumentBuilder()
    .setTitle('Aman API')
    .setDescription(
      'The public HTTP contract of Aman. Browsers use the session cookie plus the XSRF-TOKEN cookie echoed in ' +
        'the X-XSRF-TOKEN header on writes; scripts send `Authorization: Bearer <token>` from POST /api/auth/login. ' +
        'Errors are JSON `{ statusCode, message }`; a 400 also lists `fields: [{ field, message }]`. ' +
        'Any request is refused with 400 naming the field for a NUL character (U+0000) in the path, the query or a JSON string or key ' +
        '(`field` is the path, e.g. `a.1.c`, or `path`), for JSON nested more than 32 levels deep, and for a number past ±2^53 ' +
        '(e.g. `page=1e300`, `afterSeq=99999999999999999999`). People\'s, organisations\' and partners\' names refuse bidi controls ' +
        '(U+202A–U+202E, U+2066–U+2069) and zero-width characters (U+200B–U+200D, U+2060, U+FEFF). ' +
        'While the database is unreachable every route answers 503 with `Retry-After` (seconds). ' +
        'Every /api answer carries `Cache-Control: no-store`. ' +
        'Every route accepts `?lang=id|en` (the language of messages and texts), declared by its query or not; another value → 400 naming `lang`. ' +
        'Routes with `:orgId` answer 404 to anyone who is not of that organisation and not an auditor with an engagement active today.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('aman_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}
