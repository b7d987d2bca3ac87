import type { Browser, Page } from 'puppeteer';
import { launchBrowser, seriousViolations, startProduct, type RunningProduct } from './product';
import { signIn } from './sign-in';

describe('a staff member answers the climate survey from the home page; the partner’s auditor reads the agreed indicators', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function signInAs(email: string, landing: string): Promise<void> {
    const client = await page.createCDPSession();
    await client.send('Network.clearBrowserCookies');
    await signIn(page, product.url, email);
    await page.waitForSelector(landing, { timeout: 20000 });
  }

  it('answers once from the home page, with the content note first, by keyboard, and is thanked', async () => {
    await signInAs('staff@demo.test', 'a[href*="/learn/surveys/"]');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('a[href*="/learn/surveys/"]');
    await page.waitForSelector('form fieldset input[type="radio"]', { timeout: 20000 });
    // The content note and the support contacts come before the questions.
    const note = await page.$eval('[role="note"]', (el) => el.textContent ?? '');
    expect(note).toContain('SAPA 129');
    expect(await seriousViolations(page)).toEqual([]);

    // Leave one question out first: the page says which one, and nothing is sent.
    const names = await page.$$eval('form fieldset', (sets) => sets.map((s) => (s.querySelector('input[type="radio"]') as HTMLInputElement).name));
    for (const name of names.slice(1)) {
      await page.focus(`input[name="${name}"]`);
      await page.keyboard.press('Space');
    }
    await page.click('form button[type="submit"]');
    await page.waitForSelector('fieldset.question-invalid .field-error', { timeout: 10000 });
    await page.focus(`input[name="${names[0]}"]`);
    await page.keyboard.press('Space');
    await page.type('form textarea', 'Papan informasi kanal pelaporan di lokasi lapangan.');
    await page.click('form button[type="submit"]');

    const thanks = await page.waitForSelector('[role="status"] h1', { timeout: 20000 });
    expect(await thanks!.evaluate((h) => h === document.activeElement)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Back home: the survey is marked answered and offered no more; answering again is refused.
    await page.goto(`${product.url}/learn`, { waitUntil: 'load' });
    await page.waitForSelector('[aria-labelledby="surveys-heading"] .badge-completed', { timeout: 20000 });
    expect(await page.$('a[href*="/learn/surveys/"]')).toBeNull();
    const again = await page.evaluate(async () => {
      const [wave] = (await (await fetch('/api/my/surveys')).json()) as { id: string; questions: { id: string; type: string; options: { id: string }[] }[] }[];
      // A complete, valid set of answers: only the "once per person" rule can refuse it.
      const answers = Object.fromEntries(wave.questions.filter((q) => q.type !== 'free_text').map((q) => [q.id, q.options[0].id]));
      const xsrf = /XSRF-TOKEN=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(`/api/surveys/${wave.id}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-xsrf-token': decodeURIComponent(xsrf) },
        body: JSON.stringify({ answers }),
      });
      return res.status;
    });
    expect(again).toBe(409);
  });

  it('lets the auditor read the agreed indicators against their targets, with the trend over earlier reports', async () => {
    await signInAs('auditor@mitra.test', 'a[href*="/audit/organizations/"]');
    const href = (await page.$eval('a[href*="/audit/organizations/"]', (a) => a.getAttribute('href')))!;
    const orgId = /organizations\/([0-9a-f-]{36})/.exec(href)![1];
    await page.goto(`${product.url}/audit/organizations/${orgId}/indicators`, { waitUntil: 'load' });
    await page.waitForSelector('#indicators-caption', { timeout: 20000 });
    const rows = await page.$$eval('table:has(#indicators-caption) tbody tr', (trs) =>
      trs.map((tr) => ({ cells: Array.from(tr.children).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()), trend: tr.querySelectorAll('.trend-list li').length })),
    );
    expect(rows.length).toBe(7);
    // Every indicator has its target; the survey ones carry two earlier reports and today.
    expect(rows.every((r) => r.cells[1] !== '')).toBe(true);
    expect(rows.filter((r) => r.trend === 3).length).toBeGreaterThanOrEqual(2);
    expect(await seriousViolations(page)).toEqual([]);
    // The same view the organisation's HR sees: the data come from the shared route.
    const shared = await page.evaluate(async (org: string) => (await fetch(`/api/organizations/${org}/indicators`)).status, orgId);
    expect(shared).toBe(200);
  });

  it('shows the auditor the organisations their partner monitors side by side, in words, and scrolls the table on a phone', async () => {
    await page.goto(`${product.url}/audit`, { waitUntil: 'load' });
    await page.waitForSelector('a[href="/audit/overview"]', { timeout: 20000 });
    await page.click('a[href="/audit/overview"]');
    await page.waitForSelector('#overview-caption', { timeout: 20000 });
    const table = await page.$eval('table:has(#overview-caption)', (t) => ({
      columns: Array.from(t.querySelectorAll('thead th')).map((th) => (th.textContent ?? '').replace(/\s+/g, ' ').trim()),
      rows: Array.from(t.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())),
    }));
    // The catalogue in rows, the demo organisation in its column; each cell says in words how it stands.
    expect(table.rows).toHaveLength(9);
    expect(table.columns[1]).toContain('Nusa Demo');
    const words = /Target tercapai|Target belum tercapai|Tidak dapat dinilai|Belum ada target yang disepakati|Target met|Target not met yet|Cannot be judged|No target agreed/;
    expect(table.rows.every((r) => words.test(r[1]))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    // On a phone the table scrolls inside its region; the page itself does not.
    await page.setViewport({ width: 375, height: 800 });
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await page.setViewport({ width: 1280, height: 900 });
  });
});
