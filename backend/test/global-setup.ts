import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { APP_ROLE, ensureRoles, OWNER_ROLE, prepareDatabase, urlAs } from '../src/database/roles';

/**
 * One real PostgreSQL for the whole run, with the real migrations. TEST_DATABASE_URL points the
 * suite at an existing server instead (e.g. Debian's PostgreSQL 15); it must be an empty database.
 */
export default async function globalSetup(): Promise<void> {
  // As in production: migrations by the owner role, the app (every test app) as the runtime role,
  // and the superuser kept apart for tests that play an attacker (TEST_ADMIN_DATABASE_URL).
  let urls: { url: string; ownerUrl: string; superuserUrl: string };
  const superuserUrl = process.env['TEST_DATABASE_URL'];
  if (superuserUrl) {
    const passwords = { owner: randomBytes(16).toString('hex'), app: randomBytes(16).toString('hex') };
    await ensureRoles(superuserUrl, passwords);
    urls = { url: urlAs(superuserUrl, APP_ROLE, passwords.app), ownerUrl: urlAs(superuserUrl, OWNER_ROLE, passwords.owner), superuserUrl };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'aman-test-'));
    const db = await startEmbeddedPostgres(dir, { database: 'aman_test' });
    (globalThis as { __amanDb?: { stop(): Promise<void> } }).__amanDb = db;
    urls = db;
  }
  const { warning } = await prepareDatabase({ migrationUrl: urls.ownerUrl, runtimeUrl: urls.url });
  if (warning) throw new Error(warning);
  process.env['TEST_ADMIN_DATABASE_URL'] = urls.superuserUrl;
  process.env['TEST_CONTENT_DIR'] = fastContent();
  // One data folder (signing key) for every test app of the run.
  process.env['TEST_DATA_DIR'] = mkdtempSync(join(tmpdir(), 'aman-test-data-'));
  // Workers start after this and inherit the environment.
  process.env['DATABASE_URL'] = urls.url;
}

/**
 * The real content, with reading times cut to 1 second so tests need not wait minutes. Every test
 * app uses this one copy, so all of them agree on module versions.
 */
function fastContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aman-content-'));
  cpSync(join(process.cwd(), '..', 'content'), dir, { recursive: true });
  for (const folder of readdirSync(join(dir, 'modules'))) {
    const file = join(dir, 'modules', folder, 'module.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(minSeconds(?:PerLesson)?:\s*)\d+/g, '$11'));
  }
  return dir;
}
