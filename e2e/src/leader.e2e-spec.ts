import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import { launchBrowser, seriousViolations, startProduct, type RunningProduct } from './product';
import { signIn } from './sign-in';

/** The demo's staff member (in the leader's sub-unit), with an overdue module. */
const STAFF = { email: 'staff@demo.test', name: 'Sari Wulandari' };

/** The .eml files the product wrote for `address` (no SMTP: the outbox writes to DATA_DIR/mail). */
function mailsTo(dataDir: string, address: string): string[] {
  const dir = join(dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter((raw) => new RegExp(`^To: ${address.replace(/[.]/g, '\\.')}$`, 'im').test(raw));
}

describe('a leader opens the team view, filters it and reminds someone who is late', () => {
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

  /** The team table's row of one person, found by the name in its row header. */
  async function rowOf(name: string): Promise<ElementHandle<HTMLTableRowElement>> {
    await page.waitForFunction(
      (n: string) => Array.from(document.querySelectorAll('table.team-table tbody tr th')).some((th) => th.textContent?.includes(n)),
      { timeout: 20000 },
      name,
    );
    for (const row of await page.$$('table.team-table tbody tr')) {
      if ((await row.$eval('th', (th) => th.textContent ?? '')).includes(name)) return row;
    }
    throw new Error(`no row for ${name}`);
  }

  it('finds "My team" in the header and sees the people of the unit and its sub-units with their status, without serious accessibility problems', async () => {
    await signIn(page, product.url, 'leader@demo.test');
    const link = await page.waitForSelector('header a[href="/learn/team"]', { timeout: 20000 });
    if (!link) throw new Error('no "My team" link');
    await link.click();
    const row = await rowOf(STAFF.name);
    // Sari is in a sub-unit of the leader's division; the leader is not in their own team.
    expect(await row.$('.badge-overdue')).not.toBeNull();
    const names = await page.$$eval('table.team-table tbody th', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(names.some((n) => n.includes('Hendra Siregar'))).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('filters by status on the server', async () => {
    await page.select('#team-status', 'overdue');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/my/team') && r.url().includes('status=overdue'), { timeout: 20000 }),
      page.click('form.filters button[type="submit"]'),
    ]);
    expect(response.status()).toBe(200);
    await rowOf(STAFF.name);
    // Every listed module is overdue now.
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('table.team-table tbody .badge')).every((b) => b.classList.contains('badge-overdue')),
      { timeout: 20000 },
    );
  });

  it('prints the table without the header, the filters or the buttons', async () => {
    await page.emulateMediaType('print');
    try {
      const shown = await page.evaluate(() => {
        const visible = (selector: string) => {
          const element = document.querySelector(selector);
          return !!element && getComputedStyle(element).display !== 'none';
        };
        return { header: visible('header.site-header'), filters: visible('form.filters'), table: visible('table.team-table'), button: visible('table.team-table td button') };
      });
      expect(shown).toEqual({ header: false, filters: false, table: true, button: false });
    } finally {
      await page.emulateMediaType();
    }
  });

  it('sends a reminder through the outbox, once a day: the button gives way to "reminded today", also after a reload', async () => {
    const row = await rowOf(STAFF.name);
    const button = await row.$('td button');
    if (!button) throw new Error('no reminder button');
    await button.click();
    await page.waitForSelector('[role="status"] .alert-success', { timeout: 20000 });
    expect(await (await rowOf(STAFF.name)).$('td button')).toBeNull();

    const deadline = Date.now() + 20000;
    while (mailsTo(product.dataDir, STAFF.email).filter((m) => m.includes('Hendra Siregar')).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const [mail] = mailsTo(product.dataDir, STAFF.email).filter((m) => m.includes('Hendra Siregar'));
    expect(mail).toBeDefined();
    expect(mail).toMatch(/^Subject: .*Hendra Siregar/m);

    await page.reload({ waitUntil: 'load' });
    const again = await rowOf(STAFF.name);
    expect(await again.$('td button')).toBeNull();
    const refused = await page.evaluate(async () => {
      const team = (await (await fetch('/api/my/team?status=overdue')).json()) as { people: { id: string; name: string }[] };
      const sari = team.people.find((p) => p.name === 'Sari Wulandari');
      const xsrf = /XSRF-TOKEN=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(`/api/my/team/${sari?.id}/reminders`, { method: 'POST', headers: { 'X-XSRF-TOKEN': decodeURIComponent(xsrf) } });
      return res.status;
    });
    expect(refused).toBe(429);
  });

  it('is not offered to someone who is not a leader', async () => {
    // A separate browser context: its own cookies, so the leader's session stays as it is.
    const context = await browser.createBrowserContext();
    const staff = await context.newPage();
    try {
      await signIn(staff, product.url, STAFF.email);
      await staff.waitForSelector('header a[href="/learn"]', { timeout: 20000 });
      expect(await staff.$('header a[href="/learn/team"]')).toBeNull();
      expect(await staff.evaluate(async () => (await fetch('/api/my/team')).status)).toBe(403);
    } finally {
      await context.close();
    }
  });
});
