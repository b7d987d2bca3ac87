// npm run bench:side-by-side
// A partner's organisations side by side (GET /api/partners/me/indicators) through the built product:
// the demo partner's auditor, engaged with the demo organisation and with the 100,000-person `large`
// organisation, next to the same run's baseline: the shared view of the large organisation alone
// (GET /api/organizations/:orgId/indicators), whose values are the same computation. Prints the
// first (cold) time and the median of warm repeats, so the figures say whether computing every
// organisation live is fast enough or the page should read the latest stored snapshots instead.
//
// Database: DATABASE_URL if given, else an embedded PostgreSQL kept in BENCH_DATA_DIR (default:
// $TMPDIR/aman-bench-side-by-side; point it at a copy of bench:audit-report's to skip the seed).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { benchDatabase, freePort } from './bench-lib.mjs';

const MAIN = resolve(process.env.BENCH_MAIN ?? 'dist/backend/main.js');
const DATA_DIR = resolve(process.env.BENCH_DATA_DIR ?? join(tmpdir(), 'aman-bench-side-by-side'));
const REPEATS = Number(process.argv[2] ?? 5);
if (!existsSync(MAIN)) throw new Error(`${MAIN} not found: build first (npm run bench:side-by-side builds it)`);


const { url, db } = await benchDatabase(DATA_DIR);
const env = { ...process.env, NODE_ENV: 'development', DATABASE_URL: url, DATA_DIR, DEMO_DATA: 'true', LOG_FORMAT: 'json' };

const run = (args) =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')} exited with ${code}`))));
  });

let app = null;
const stop = async () => {
  if (app && app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
  }
  await db?.stop();
};

try {
  await run(['seed:large']); // idempotent: a present `large` organisation is left as it is (demo data too)

  // The demo partner also monitors the large organisation (once; an engagement in force for years).
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const [auditor] = (await client.query(`SELECT partner_id AS "partnerId" FROM users WHERE email = 'auditor@mitra.test'`)).rows;
  const [large] = (await client.query(`SELECT o.id, count(u.id)::int AS people FROM organizations o JOIN users u ON u.organization_id = o.id WHERE o.code = 'large' GROUP BY o.id`)).rows;
  if (!auditor || !large) throw new Error('the demo auditor or the large organisation is missing');
  await client.query(
    `INSERT INTO engagements (partner_id, organization_id, period_start, period_end, scope)
     SELECT $1, $2, DATE '2026-01-01', DATE '2099-12-31', 'aggregate'
     WHERE NOT EXISTS (SELECT 1 FROM engagements e WHERE e.partner_id = $1 AND e.organization_id = $2 AND engagement_active(e))`,
    [auditor.partnerId, large.id],
  );
  const organisations = (await client.query(`SELECT count(DISTINCT e.organization_id)::int AS n FROM engagements e WHERE e.partner_id = $1 AND engagement_active(e)`, [auditor.partnerId])).rows[0].n;
  await client.end();

  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}`;
  app = spawn(process.execPath, [MAIN], { env: { ...env, PORT: String(appPort), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (i > 480 || app.exitCode !== null) throw new Error('the app did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'auditor@mitra.test', password: 'demo-pass-2026' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const { token } = await login.json();

  const time = async (path) => {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return performance.now() - started;
  };
  const measure = async (path) => {
    const cold = await time(path);
    const warm = [];
    for (let i = 0; i < REPEATS; i++) warm.push(await time(path));
    warm.sort((a, b) => a - b);
    return { cold, median: warm[Math.floor(warm.length / 2)], max: warm.at(-1) };
  };
  const ms = (x) => `${x.toFixed(0)} ms`;
  // Side by side first, so that its first request finds nothing computed; the baseline's first one
  // then finds the large organisation's completion figures kept (ReportingService's cache).
  const sideBySide = await measure('/api/partners/me/indicators?lang=en');
  const single = await measure(`/api/organizations/${large.id}/indicators?lang=en`);
  console.log(`shared view, large organisation (${large.people} people): first ${ms(single.cold)}, median of ${REPEATS} ${ms(single.median)}, max ${ms(single.max)}`);
  console.log(`side by side, ${organisations} organisations (large + demo): first ${ms(sideBySide.cold)}, median of ${REPEATS} ${ms(sideBySide.median)}, max ${ms(sideBySide.max)}`);
} finally {
  await stop();
}
