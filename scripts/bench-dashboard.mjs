// node scripts/bench-dashboard.mjs
// The HR dashboard's reports under load, against an app that is already running (this starts
// nothing): seed it with `node dist/backend/main.js seed:large` (100,000 people, ~600,000
// assignments), serve it, then run this. Each endpoint gets CONNECTIONS concurrent connections for
// SECONDS, next to the same run's /api/health as the baseline (the machines here are shared and noisy).
// p95 is computed from every response time (autocannon's own summary stops at p97.5). "alone" is the
// median of 10 requests one at a time: the cost of one report when nothing else runs. Reports are
// kept until anything they read changes, so "alone" and the load mostly measure a kept report;
// "cold" is the median of 5 requests each made right after a change (a unit renamed and named back,
// which the reports must follow): what HR waits for while the organisation is busy.
//
//   BASE_URL     default http://localhost:3000
//   HR_EMAIL     default hr@large.test       HR_PASSWORD  default demo-pass-2026
//   CONNECTIONS  default 20                  SECONDS      default 10
import autocannon from 'autocannon';

const base = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const email = process.env.HR_EMAIL ?? 'hr@large.test';
const password = process.env.HR_PASSWORD ?? 'demo-pass-2026';
const connections = Number(process.env.CONNECTIONS ?? 20);
const seconds = Number(process.env.SECONDS ?? 10);

const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
if (login.status !== 200) {
  console.error(`sign-in as ${email} at ${base} failed (${login.status}): seed the large organisation first (node dist/backend/main.js seed:large)`);
  process.exit(1);
}
const { token } = await login.json();
// As a browser sends it: report answers are compressed for clients that accept gzip.
const auth = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' };

// A unit to rename back and forth: any committed change makes every kept report of the organisation stale.
const units = await (await fetch(`${base}/api/units`, { headers: auth })).json();
const unit = units.at(-1);
let renamed = false;
async function change() {
  renamed = !renamed;
  const res = await fetch(`${base}/api/units/${unit.id}`, {
    method: 'PATCH',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: renamed ? `${unit.name} (bench)` : unit.name }),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`renaming unit ${unit.id} answered ${res.status}`);
}

const targets = [
  { title: 'GET /api/health (baseline)', path: '/api/health', headers: { 'accept-encoding': 'gzip, deflate, br' } },
  ...['unit', 'role', 'gender', 'employmentType', 'module'].map((groupBy) => ({
    title: `GET /api/reports/completion?groupBy=${groupBy}`,
    path: `/api/reports/completion?groupBy=${groupBy}`,
    headers: auth,
  })),
  { title: 'GET /api/reports/summary', path: '/api/reports/summary', headers: auth },
];

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

async function timed(target) {
  const started = performance.now();
  const res = await fetch(`${base}${target.path}`, { headers: target.headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${target.path} answered ${res.status}`);
  return performance.now() - started;
}

async function cold(target) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    await change();
    times.push(await timed(target));
  }
  return times.sort((a, b) => a - b)[2];
}

async function alone(target) {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${target.path}`, { headers: target.headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${target.path} answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[5];
}

function load(target) {
  return new Promise((resolve, reject) => {
    const times = [];
    const instance = autocannon({ url: `${base}${target.path}`, headers: target.headers, connections, duration: seconds }, (err, result) =>
      err ? reject(err) : resolve({ result, times: times.sort((a, b) => a - b) }),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

console.log(`bench:dashboard — ${base}, ${connections} connections, ${seconds} s per endpoint, as ${email}`);
const header = `${'endpoint'.padEnd(50)} ${'cold'.padStart(8)} ${'alone'.padStart(8)} ${'req/s'.padStart(7)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}  non-2xx`;
console.log(header);
console.log('-'.repeat(header.length));
const ms = (v) => `${v.toFixed(1)} ms`.padStart(8);
const p95s = [];
for (const target of targets) {
  const first = target.path === '/api/health' ? null : await cold(target);
  const single = await alone(target);
  const { result, times } = await load(target);
  if (first !== null) p95s.push(percentile(times, 95));
  console.log(
    `${target.title.padEnd(50)} ${first === null ? '–'.padStart(8) : ms(first)} ${ms(single)} ${result.requests.average.toFixed(0).padStart(7)} ${ms(percentile(times, 50))} ${ms(percentile(times, 95))} ${ms(percentile(times, 99))}  ${result.non2xx}`,
  );
}
if (renamed) await change();
console.log(`slowest report p95: ${Math.max(...p95s).toFixed(1)} ms (goal: under 100 ms at ${connections} connections)`);
