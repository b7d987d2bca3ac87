import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { type AppConfig, loadConfig } from '../src/config/config';
import { hashPassword } from '../src/identity/crypto';

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is set by test/global-setup.ts');
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    FRONTEND_DIST: '/nonexistent',
    PUBLIC_URL: 'http://aman.test',
    CONTENT_DIR: process.env['TEST_CONTENT_DIR'] ?? '../content',
    DATA_DIR: process.env['TEST_DATA_DIR'] ?? '.data',
    ...overrides,
  });
}

export interface TestApp {
  app: INestApplication;
  url: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real app on a random port, against the suite's PostgreSQL. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const app = await createApp(testConfig(overrides), process.env['TEST_LOG'] ? undefined : false);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** fetch with JSON in and out; `token` is sent as Bearer. */
export async function api<T = any>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

export async function login(base: string, email: string, password: string): Promise<string> {
  const res = await api<{ token: string }>(base, 'POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export const PASSWORD = 'test-password-123';

/** A platform admin made directly in the database (there is no API to create one, by design). */
export async function createPlatformAdmin(dataSource: DataSource): Promise<{ email: string; token?: string }> {
  const email = `${unique('admin')}@aman.test`;
  await dataSource.query(
    `INSERT INTO users (email, name, roles, password_hash) VALUES ($1, 'Test Admin', '{platform_admin}', $2)`,
    [email, await hashPassword(PASSWORD)],
  );
  return { email };
}

export interface TestOrg {
  id: string;
  code: string;
  hrEmail: string;
  hrToken: string;
}

/** Onboards an organisation through the API, as a platform admin would. */
export async function onboardOrganization(base: string, adminToken: string, timeZone = 'Asia/Jakarta'): Promise<TestOrg> {
  const code = unique('org');
  const hrEmail = `hr-${code}@org.test`;
  const res = await api(base, 'POST', '/api/organizations', {
    token: adminToken,
    body: { name: `Org ${code}`, code, timeZone, hrAdmin: { email: hrEmail, name: 'HR Admin' } },
  });
  if (res.status !== 201) throw new Error(`onboarding failed: ${res.status} ${JSON.stringify(res.body)}`);
  // The HR admin accepts the invitation from their mail, as a person would.
  await acceptInvitation(base, hrEmail);
  return { id: res.body.id, code, hrEmail, hrToken: await login(base, hrEmail, PASSWORD) };
}

/** Reads the newest invitation (or set-password) mail of `email` and sets PASSWORD with its link. */
export async function acceptInvitation(base: string, email: string, password = PASSWORD): Promise<void> {
  const mail = await waitForMail(email);
  if (!mail.token) throw new Error(`the mail to ${email} holds no link`);
  const res = await api(base, 'POST', '/api/auth/password', { body: { token: mail.token, password } });
  if (res.status !== 204) throw new Error(`setting the password of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Adds a unit and an employee with a password, straight in SQL, for fixtures. */
export async function addPerson(
  dataSource: DataSource,
  organizationId: string,
  person: { name?: string; isLeader?: boolean; password?: boolean } = {},
): Promise<{ id: string; email: string; unitId: string }> {
  const code = unique('U');
  const [unit] = await dataSource.query(
    `WITH n AS (SELECT gen_random_uuid() AS id)
     INSERT INTO units (id, organization_id, code, name, path) SELECT id, $1, $2, $2, ARRAY[id] FROM n RETURNING id`,
    [organizationId, code],
  );
  const email = `${unique('person')}@org.test`;
  const [user] = await dataSource.query(
    `INSERT INTO users (organization_id, email, name, unit_id, is_leader, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [organizationId, email, person.name ?? 'Test Person', unit.id, person.isLeader ?? false, person.password ? await hashPassword(PASSWORD) : null],
  );
  return { id: user.id, email, unitId: unit.id };
}

export interface ReceivedMail {
  file: string;
  headers: string;
  /** The text/plain part. */
  text: string;
  /** The text/html part, if any. */
  html: string | null;
  /** The one-time link in the mail, if any. */
  link: string | null;
  /** The token of that link. */
  token: string | null;
}

/** Quoted-printable, as the outbox writes both parts. */
const decodeQuotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** The decoded part of `type` in a raw message, single-part or multipart. */
function mailPart(headers: string, body: string, type: 'text/plain' | 'text/html'): string | null {
  const boundary = /boundary="?([^";\s]+)"?/i.exec(headers)?.[1];
  if (!boundary) return /^Content-Type: text\/html/im.test(headers) === (type === 'text/html') ? decodeQuotedPrintable(body) : null;
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf('\n\n');
    if (split === -1) continue;
    if (new RegExp(`^Content-Type: ${type.replace('/', '\\/')}`, 'im').test(part.slice(0, split))) return decodeQuotedPrintable(part.slice(split + 2).replace(/\n$/, ''));
  }
  return null;
}

/**
 * The mails written for `address` to the test DATA_DIR's mail folder (no SMTP in tests), oldest
 * first: tests read them as the person would read their mail.
 */
export function mailsTo(address: string): ReceivedMail[] {
  const dir = join(process.env['TEST_DATA_DIR'] ?? '.data', 'mail');
  if (!existsSync(dir)) return [];
  const found: (ReceivedMail & { mtime: number })[] = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.eml')) continue;
    const raw = readFileSync(join(dir, file), 'utf8');
    const split = raw.indexOf('\n\n');
    const headers = raw.slice(0, split);
    if (!new RegExp(`^To: ${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'im').test(headers)) continue;
    const text = mailPart(headers, raw.slice(split + 2), 'text/plain') ?? '';
    const html = mailPart(headers, raw.slice(split + 2), 'text/html');
    const link = /https?:\/\/\S+\/set-password\?token=([A-Za-z0-9_-]+)/.exec(text);
    found.push({ file: join(dir, file), headers, text, html, link: link?.[0] ?? null, token: link?.[1] ?? null, mtime: statSync(join(dir, file)).mtimeMs });
  }
  return found.sort((a, b) => a.mtime - b.mtime);
}

/** Waits until `address` has more than `seen` mails and returns the newest. */
export async function waitForMail(address: string, seen = 0, timeoutMs = 15000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = mailsTo(address);
    if (mails.length > seen) return mails[mails.length - 1];
    if (Date.now() > deadline) throw new Error(`no mail for ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A connection as the database's superuser, for tests that play someone with the database (edit the
 * trail, disable its triggers). The app's own role cannot (database/roles.ts). Destroy it after use.
 */
export async function adminDataSource(): Promise<DataSource> {
  const url = process.env['TEST_ADMIN_DATABASE_URL'];
  if (!url) throw new Error('TEST_ADMIN_DATABASE_URL is set by test/global-setup.ts');
  return new DataSource({ type: 'postgres', url, entities: [], extra: { max: 2, application_name: 'aman-test-admin' } }).initialize();
}

