import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * One real PostgreSQL for the whole run, with the real migrations. TEST_DATABASE_URL points the
 * suite at an existing server instead (e.g. Debian's PostgreSQL 15); it must be an empty database.
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env['TEST_DATABASE_URL'];
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'aman-test-'));
    const db = await startEmbeddedPostgres(dir, { database: 'aman_test' });
    (globalThis as { __amanDb?: { stop(): Promise<void> } }).__amanDb = db;
    url = db.url;
  }
  await runMigrations(url);
  process.env['TEST_CONTENT_DIR'] = fastContent();
  // One data folder (signing key) for every test app of the run.
  process.env['TEST_DATA_DIR'] = mkdtempSync(join(tmpdir(), 'aman-test-data-'));
  // Workers start after this and inherit the environment.
  process.env['DATABASE_URL'] = url;
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
