import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Validated once at boot; every problem is listed in one message so
 * an operator fixes them all in one go.
 */
const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().startsWith('postgres').optional(),
  MIGRATION_DATABASE_URL: z.string().url().startsWith('postgres').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(8),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_DATABASE: boolean.optional(),
  DEMO_DATA: boolean.optional(),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Aman <no-reply@aman.local>'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(200),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  FRONTEND_DIST: z.string().default('dist/frontend/browser'),
  CONTENT_DIR: z.string().default('content'),
  LOG_FORMAT: z.enum(['text', 'json']).optional(),
  TRUST_PROXY: boolean.default(false),
  PUPPETEER_EXECUTABLE_PATH: z.string().optional(),
  DOCUMENT_PAGES: z.coerce.number().int().min(1).max(16).default(2),
  DOCUMENT_RECYCLE_AFTER: z.coerce.number().int().min(10).default(500),
  AUDIT_SIGNING_KEY_FILE: z.string().optional(),
  AUDIT_TRUSTED_KEYS_DIR: z.string().optional(),
  QUIZ_ATTEMPTS_PER_DAY: z.coerce.number().int().min(1).max(100).default(3),
  // Below 5, groups in reports become small enough to point at individual people.
  REPORT_MIN_GROUP_SIZE: z.coerce.number().int().min(5, 'must be at least 5').max(1000).default(5),
});

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Null when the embedded server must be started (it then fills the URL in at boot). */
  readonly databaseUrl: string | null;
  /** The owner role that runs migrations; null → DATABASE_URL does both (warned about at start). */
  readonly migrationDatabaseUrl: string | null;
  /**
   * Connections the app keeps to PostgreSQL. More is not faster: past a few per core, the backends
   * compete for the same cores and PostgreSQL spends its CPU switching between them (bench:quiz on
   * 2 cores: 1.63 ms of PostgreSQL CPU per submission at 20, 1.03–1.14 at 4–8). Requests beyond it
   * wait in the app's queue, in order.
   */
  readonly databasePoolSize: number;
  readonly embeddedDatabase: boolean;
  readonly demoData: boolean;
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly sessionTtlHours: number;
  readonly loginThrottle: { perAccount: number; perAddress: number; windowMinutes: number };
  readonly frontendDist: string;
  readonly contentDir: string;
  readonly logFormat: 'text' | 'json';
  readonly trustProxy: boolean;
  readonly secureCookies: boolean;
  /** The installed Chromium for PDFs, or null when none is found (documents are then unavailable). */
  readonly chromiumPath: string | null;
  /** Quiz attempts a person may make per module and day (organisation time zone). */
  readonly quizAttemptsPerDay: number;
  /** Reports hide any group of fewer people than this (k, never below 5), and enough others that none can be recomputed. */
  readonly reportMinGroupSize: number;
  /** Ed25519 private key (PEM) that signs audit reports; made under DATA_DIR/keys when unset outside production. */
  readonly auditSigningKeyFile: string | null;
  /** PEM files (Ed25519, private or public) whose keys check report signatures and trail anchors; default DATA_DIR/keys. */
  readonly auditTrustedKeysDir: string;
  /** Reused Chromium pages for PDFs, and renders before the browser is recycled. */
  readonly documentPages: number;
  readonly documentRecycleAfter: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings in .env files mean "unset", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // Production never starts a throwaway database or demo accounts unless asked to explicitly.
  const embeddedDatabase = e.DATABASE_URL ? false : (e.EMBEDDED_DATABASE ?? !production);
  if (!e.DATABASE_URL && !embeddedDatabase) {
    throw new ConfigError(
      'Invalid configuration:\n- DATABASE_URL: required when NODE_ENV=production (or set EMBEDDED_DATABASE=true)',
    );
  }
  const port = e.PORT;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return Object.freeze({
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL ?? null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    embeddedDatabase,
    demoData: e.DEMO_DATA ?? (embeddedDatabase && !production),
    dataDir: resolve(e.DATA_DIR),
    publicUrl,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginThrottle: Object.freeze({
      perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
    }),
    frontendDist: resolve(e.FRONTEND_DIST),
    contentDir: resolve(e.CONTENT_DIR),
    logFormat: e.LOG_FORMAT ?? (production ? 'json' : 'text'),
    trustProxy: e.TRUST_PROXY,
    secureCookies: publicUrl.startsWith('https://'),
    quizAttemptsPerDay: e.QUIZ_ATTEMPTS_PER_DAY,
    reportMinGroupSize: e.REPORT_MIN_GROUP_SIZE,
    auditSigningKeyFile: e.AUDIT_SIGNING_KEY_FILE ? resolve(e.AUDIT_SIGNING_KEY_FILE) : null,
    auditTrustedKeysDir: resolve(e.AUDIT_TRUSTED_KEYS_DIR ?? join(e.DATA_DIR, 'keys')),
    documentPages: e.DOCUMENT_PAGES,
    documentRecycleAfter: e.DOCUMENT_RECYCLE_AFTER,
    chromiumPath: [e.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p)) ?? null,
  });
}

/** Injection token for the frozen config object. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** A copy with the database URL that was resolved at boot (the embedded server's). */
export function withDatabaseUrl(config: AppConfig, databaseUrl: string): AppConfig {
  return Object.freeze({ ...config, databaseUrl });
}
