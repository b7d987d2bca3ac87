import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { launchBrowser, startProduct, type RunningProduct } from './product';
import { DEMO_PASSWORD, signIn } from './sign-in';

async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t: string) => document.body.innerText.includes(t), { timeout: 20000 }, text);
}

describe('the product from the outside: start, sign in through the UI, restart', () => {
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('prints the URL and the demo accounts at start-up', () => {
    expect(product.logs()).toContain('Aman is running at');
    for (const email of ['hr@demo.test', 'leader@demo.test', 'staff@demo.test', 'auditor@mitra.test', 'admin@aman.test']) {
      expect(product.logs()).toContain(email);
    }
  });

  const journeys = [
    { email: 'staff@demo.test', path: '/learn', text: 'Sari Wulandari' },
    { email: 'leader@demo.test', path: '/learn', text: 'Hendra Siregar' },
    { email: 'hr@demo.test', path: '/hr', text: 'Ratna Kusumawati' },
    { email: 'auditor@mitra.test', path: '/audit', text: 'Dinas Sosial Provinsi Nusa Demo' },
    { email: 'admin@aman.test', path: '/admin', text: 'Dinas Sosial Provinsi Nusa Demo' },
  ];

  it.each(journeys)('$email signs in through the UI and lands in $path with real data', async ({ email, path, text }) => {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await signIn(page, product.url, email);
      await page.waitForFunction((p: string) => location.pathname.startsWith(p), { timeout: 20000 }, path);
      await waitForText(page, text);
      expect(await page.$('main#main')).not.toBeNull();
      expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows an error for a wrong password and stays on the login page', async () => {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await signIn(page, product.url, 'staff@demo.test', 'wrong-password');
      await page.waitForFunction(() => (document.querySelector('#login-error')?.textContent ?? '').trim().length > 0, { timeout: 15000 });
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  it('keeps the data across a restart and stops cleanly', async () => {
    const login = await fetch(`${product.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'staff@demo.test', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    await fetch(`${product.url}/api/me`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'en' }) });
    const dataDir = product.dataDir;
    expect(await product.stop()).toBe(0);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    product = await startProduct(dataDir);
    expect(product.logs()).toContain('demo data already present');
    const me = await fetch(`${product.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { locale: string }).locale).toBe('en');
  });
});
