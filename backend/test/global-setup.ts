import { mkdtempSync } from 'node:fs';
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
  // Workers start after this and inherit the environment.
  process.env['DATABASE_URL'] = url;
}
