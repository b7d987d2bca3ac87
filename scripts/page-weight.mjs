// npm run page-weight [-- BASE_URL]
// Bytes a browser transfers (bodies as sent, compressed, plus headers; Chromium's own count) for
// the sign-in page's first load and for a lesson, against an app that is already running (this starts
// nothing: `npm start`, or `node dist/backend/main.js` after `npm run build`, with the demo data).
// Goals (issue 12): sign-in page first load < 250 KB; a lesson < 100 KB, measured as a learner
// opens it: the app already loaded once in this browser (hashed files come from its cache), then
// the lesson's own URL loaded. The same lesson from an empty cache is printed beside it.
//
//   BASE_URL (or the first argument)  default http://localhost:3000
//   LEARNER_EMAIL default staff@demo.test   LEARNER_PASSWORD default demo-pass-2026
//   PUPPETEER_EXECUTABLE_PATH         default /usr/bin/chromium (never downloads a browser)
import puppeteer from 'puppeteer';

const base = (process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const email = process.env.LEARNER_EMAIL ?? 'staff@demo.test';
const password = process.env.LEARNER_PASSWORD ?? 'demo-pass-2026';
const GOALS = { signIn: 250 * 1024, lesson: 100 * 1024 };

const browser = await puppeteer.launch({
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** Loads `path` in `page` and returns the bytes transferred and the requests, by type. */
async function measure(page, path) {
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  const types = new Map();
  const bytes = new Map();
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle0', timeout: 60000 });
  await cdp.detach();
  const byType = {};
  let total = 0;
  for (const [id, n] of bytes) {
    const type = types.get(id) ?? 'Other';
    byType[type] = (byType[type] ?? 0) + n;
    total += n;
  }
  return { total, requests: bytes.size, byType };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
function report(label, result, goal) {
  const parts = Object.entries(result.byType)
    .sort(([, a], [, b]) => b - a)
    .map(([type, n]) => `${type} ${kb(n)}`)
    .join(', ');
  const verdict = goal === undefined ? '' : result.total < goal ? `  goal < ${kb(goal)}: met` : `  goal < ${kb(goal)}: MISSED`;
  console.log(`${label.padEnd(34)} ${kb(result.total).padStart(10)} in ${String(result.requests).padStart(2)} requests (${parts})${verdict}`);
  return goal === undefined || result.total < goal;
}

let ok = true;
try {
  // 1. The sign-in page in a browser that never saw the app.
  const fresh = await browser.createBrowserContext();
  const signIn = await measure(await fresh.newPage(), '/login');
  ok = report('sign-in page, first load', signIn, GOALS.signIn) && ok;

  // 2. A learner: sign in in this browser (the session cookie), find their first module.
  const learner = await browser.createBrowserContext();
  const page = await learner.newPage();
  await page.goto(`${base}/login`, { waitUntil: 'networkidle0' });
  const slug = await page.evaluate(
    async (credentials) => {
      const login = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
      if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
      const mine = await (await fetch('/api/my/assignments')).json();
      return (mine.find((a) => a.status !== 'completed') ?? mine[0])?.module.slug;
    },
    { email, password },
  );
  if (!slug) throw new Error(`${email} has no assignments: seed the demo data`);
  await page.goto(`${base}/learn`, { waitUntil: 'networkidle0' });
  const warm = await measure(page, `/learn/modules/${slug}`);
  ok = report(`lesson (${slug}), app cached`, warm, GOALS.lesson) && ok;

  // 3. The same lesson straight from an empty cache (a link in a reminder mail on a new phone).
  const cookies = await learner.cookies();
  const cold = await browser.createBrowserContext();
  await cold.setCookie(...cookies);
  const coldLesson = await measure(await cold.newPage(), `/learn/modules/${slug}`);
  report('lesson, empty cache', coldLesson);
} finally {
  await browser.close();
}
process.exitCode = ok ? 0 : 1;
