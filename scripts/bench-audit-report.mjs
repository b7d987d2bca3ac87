// npm run bench:audit-report
// The signed audit report of the 100,000-person `large` organisation through the built product, next to
// the same run's baseline: the same report for the small demo organisation. Prints the time from the
// request to the signed PDF (queue wait included), the peak memory of the app's Chromium (PSS summed
// over its processes) and of the app itself (PSS), sampled every 100 ms, and the pages.
//
// Database: DATABASE_URL if given (the `large` organisation is seeded there unless present), else an
// embedded PostgreSQL kept in BENCH_DATA_DIR (default: $TMPDIR/aman-bench-audit-report), so the second
// run reuses the seed (~1-2 minutes the first time). BENCH_MAIN points at another build (default
// dist/backend/main.js).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { benchDatabase, freePort } from './bench-lib.mjs';

const MAIN = resolve(process.env.BENCH_MAIN ?? 'dist/backend/main.js');
const DATA_DIR = resolve(process.env.BENCH_DATA_DIR ?? join(tmpdir(), 'aman-bench-audit-report'));
const PASSWORD = 'demo-pass-2026';
if (!existsSync(MAIN)) throw new Error(`${MAIN} not found: build first (npm run bench:audit-report builds it)`);


// ---- database -----------------------------------------------------------------------------------
const { url, db } = await benchDatabase(DATA_DIR);
const env = { ...process.env, NODE_ENV: 'development', DATABASE_URL: url, DATA_DIR, DEMO_DATA: 'true', LOG_FORMAT: 'json' };

const run = (args, extra = {}) =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')} exited with ${code}`))));
  });

const seedStarted = performance.now();
try {
  await run(['seed:large']); // idempotent: a present `large` organisation is left as it is (demo data too)
} catch (error) {
  await db?.stop();
  throw error;
}
const seedSeconds = (performance.now() - seedStarted) / 1000;

// ---- the app ------------------------------------------------------------------------------------
const appPort = await freePort();
const base = `http://127.0.0.1:${appPort}`;
const app = spawn(process.execPath, [MAIN], { env: { ...env, PORT: String(appPort), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
// The app logs each report's split (numbers and HTML, PDF, signing): kept to say what costs.
const splits = new Map();
let logTail = '';
app.stdout.on('data', (chunk) => {
  const lines = (logTail + chunk.toString()).split('\n');
  logTail = lines.pop();
  for (const line of lines) {
    const m = /report ([0-9a-f-]{36}): \d+ pages in \d+ ms \((.*)\)/.exec(line);
    if (m) splits.set(m[1], m[2]);
  }
});
const stop = async () => {
  if (app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
  }
  await db?.stop();
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    /* not listening yet */
  }
  if (i > 480 || app.exitCode !== null) throw new Error('the app did not start');
  await new Promise((r) => setTimeout(r, 250));
}

// ---- memory: PSS from /proc/<pid>/smaps_rollup, the app alone and its Chromium's processes summed ----
function pss(pid) {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0; // ended meanwhile
  }
}
function chromiumPids() {
  const parent = new Map();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* ended meanwhile */
    }
  }
  const tree = new Set([app.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  tree.delete(app.pid);
  return [...tree];
}
function sampler() {
  const peak = { chromium: 0, app: 0 };
  const sample = () => {
    peak.chromium = Math.max(peak.chromium, chromiumPids().reduce((sum, pid) => sum + pss(pid), 0));
    peak.app = Math.max(peak.app, pss(app.pid));
  };
  sample();
  const timer = setInterval(sample, 100);
  return () => (clearInterval(timer), sample(), peak);
}

// ---- one report, request to signed PDF ----------------------------------------------------------
const client = new pg.Client({ connectionString: url });
await client.connect();
async function report(code, email) {
  const [{ id: orgId, people }] = (
    await client.query(
      `SELECT o.id, (SELECT count(*)::int FROM users u WHERE u.organization_id = o.id AND NOT 'hr_admin' = ANY(u.roles)) AS people
         FROM organizations o WHERE o.code = $1`,
      [code],
    )
  ).rows;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!login.ok) throw new Error(`login of ${email}: ${login.status} ${await login.text()}`);
  const headers = { authorization: `Bearer ${(await login.json()).token}`, 'content-type': 'application/json' };
  const end = sampler();
  const started = performance.now();
  const res = await fetch(`${base}/api/organizations/${orgId}/audit-reports`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ periodStart: '2026-01-01', periodEnd: '2026-12-31', lang: 'id' }),
  });
  if (res.status !== 202) throw new Error(`request: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  let row;
  for (;;) {
    [row] = (await client.query(`SELECT status, pages, error, started_at - created_at AS queued FROM audit_reports WHERE id = $1`, [id])).rows;
    if (row.status === 'done' || row.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const peak = end();
  if (row.status !== 'done') throw new Error(`report failed: ${row.error}`);
  const [{ generation }] = (await client.query(`SELECT extract(epoch FROM finished_at - started_at)::float8 AS generation FROM audit_reports WHERE id = $1`, [id])).rows;
  const [{ bytes }] = (await client.query(`SELECT octet_length(pdf) AS bytes FROM audit_reports WHERE id = $1`, [id])).rows;
  for (let i = 0; i < 20 && !splits.has(id); i++) await new Promise((r) => setTimeout(r, 50));
  return { people, pages: row.pages, seconds, generation, bytes, split: splits.get(id) ?? 'split not logged', ...peak };
}

const gb = (b) => `${(b / 1024 ** 3).toFixed(2)} GB`;
const describe = (title, r) =>
  `${title.padEnd(34)} ${String(r.people).padStart(6)} people ${String(r.pages).padStart(4)} pages ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB  ` +
  `${r.seconds.toFixed(1).padStart(5)} s (generation ${r.generation.toFixed(1)} s)  Chromium peak ${gb(r.chromium)}  app peak ${gb(r.app)}\n` +
  `${''.padEnd(34)} ${r.split}`;

try {
  // The demo report first: it also starts Chromium, so the large report does not pay the launch.
  const baseline = await report('demo', 'hr@demo.test');
  const large = await report('large', 'hr@large.test');
  console.log(`bench:audit-report — seed or reuse ${seedSeconds.toFixed(1)} s, data in ${db ? DATA_DIR : 'DATABASE_URL'}; PSS sampled every 100 ms`);
  console.log(describe('baseline: demo organisation', baseline));
  console.log(describe('large organisation', large));
  console.log(
    `audit-report: ${large.people} people, ${large.pages} pages, ${large.seconds.toFixed(1)} s, Chromium peak ${gb(large.chromium)}, app peak ${gb(large.app)}`,
  );
} finally {
  await client.end();
  await stop();
}
process.exit(0);
