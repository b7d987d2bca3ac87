import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { launchBrowser, seriousViolations, startProduct, type RunningProduct } from './product';

/** The set-password token in the newest mail to `address` (quoted-printable, as the outbox writes it). */
function linkTokenFor(dataDir: string, address: string): string | null {
  const dir = join(dataDir, 'mail');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return null;
  }
  for (const file of files) {
    const raw = readFileSync(join(dir, file), 'utf8');
    if (!raw.toLowerCase().includes(`to: ${address}`)) continue;
    const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const match = /\/set-password\?token=([A-Za-z0-9_-]+)/.exec(text);
    if (match) return match[1];
  }
  return null;
}

describe('a new organisation gets going through the HR set-up checklist', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  let hrToken: string;
  let orgId: string;
  const hrEmail = 'hr@baru.test';
  const password = 'e2e-setup-pass-2026';

  const call = async (method: string, path: string, token: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(`${product.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const signIn = async (email: string, pass: string) => {
    const res = await fetch(`${product.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: pass }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const stepState = (key: string) =>
    page.$eval(`li[data-step="${key}"] .step-state`, (el) => el.textContent?.trim() ?? '');

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });

    // The platform admin onboards the organisation; its first HR admin sets a password from the mail.
    const adminToken = await signIn('admin@aman.test', 'demo-pass-2026');
    const org = await call('POST', '/api/organizations', adminToken, {
      name: 'Dinas Baru', code: 'dinas-baru', timeZone: 'Asia/Jakarta', hrAdmin: { email: hrEmail, name: 'Sari Baru' },
    });
    expect(org.status).toBe(201);
    orgId = org.body.id;
    let token: string | null = null;
    for (let i = 0; i < 100 && !token; i++) {
      token = linkTokenFor(product.dataDir, hrEmail);
      if (!token) await new Promise((r) => setTimeout(r, 200));
    }
    expect(token).not.toBeNull();
    const set = await fetch(`${product.url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password }) });
    expect(set.status).toBe(204);
    hrToken = await signIn(hrEmail, password);
  }, 150000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it("shows every step to do on HR's landing page, linked to its page, without serious accessibility problems", async () => {
    await page.goto(`${product.url}/login`, { waitUntil: 'load' });
    await page.waitForSelector('#login-email');
    await page.type('#login-email', hrEmail);
    await page.type('#login-password', password);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#setup-heading', { timeout: 20000 });
    const steps = await page.$$eval('ol > li[data-step]', (items) => items.map((li) => li.getAttribute('data-step')));
    expect(steps).toEqual(['units', 'settings', 'satgas', 'policy', 'people', 'rules', 'invite']);
    expect(await stepState('units')).toBe('belum');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('li[data-step="units"] a');
    await page.waitForFunction(() => location.pathname === '/hr/units', { timeout: 20000 });
  });

  it('ticks the steps as the organisation is set up, invites from the checklist, and goes away when all is done', async () => {
    expect((await call('POST', '/api/units', hrToken, { code: 'SEKRETARIAT', name: 'Sekretariat' })).status).toBe(201);
    expect(
      (await call('PUT', `/api/organizations/${orgId}/settings`, hrToken, {
        timeZone: 'Asia/Jakarta',
        sopSteps: { id: ['Laporkan ke Satgas'], en: ['Report to the task force'] },
        taskForce: [{ name: 'Rina Satgas', role: { id: 'Ketua', en: 'Chair' }, contact: 'rina@baru.test' }],
        channels: [{ name: { id: 'Hotline Satgas', en: 'Task force hotline' }, contact: '0800-1', independent: false }],
      })).status,
    ).toBe(200);
    const templates = await call('GET', '/api/policies/templates', hrToken);
    for (const template of templates.body) expect((await call('POST', '/api/policies', hrToken, template)).status).toBe(201);
    const csv = [
      'email,name,employeeNumber,unitCode,isLeader,gender,employmentType,hireDate,locale',
      'ani@baru.test,Ani,B-1,SEKRETARIAT,false,female,permanent,,',
      'budi@baru.test,Budi,B-2,SEKRETARIAT,true,male,permanent,,',
    ].join('\n');
    expect((await call('POST', '/api/users/import', hrToken, csv, 'text/csv')).body).toMatchObject({ created: 2, written: true });
    expect(
      (await call('POST', '/api/assignment-rules', hrToken, { moduleSlug: 'recognising-harassment', audience: 'everyone', dueWithinDays: 30, dueFrom: 'rule_start', recurrence: { enabled: false } })).status,
    ).toBe(201);

    await page.goto(`${product.url}/hr/dashboard`, { waitUntil: 'load' });
    await page.waitForSelector('li[data-step="invite"] button', { timeout: 20000 });
    for (const key of ['units', 'settings', 'satgas', 'policy', 'people', 'rules']) expect(await stepState(key)).toBe('selesai');
    expect(await stepState('invite')).toBe('belum');
    expect(await seriousViolations(page)).toEqual([]);

    // Inviting from the checklist completes the last step: the checklist then goes away.
    await page.click('li[data-step="invite"] button');
    await page.waitForFunction(() => !document.querySelector('#setup-heading'), { timeout: 20000 });
    const people = await call('GET', '/api/users?q=baru.test', hrToken);
    const invited = people.body.items.filter((p: { email: string; invitedAt: string | null }) => p.email !== hrEmail && p.invitedAt !== null);
    expect(invited).toHaveLength(2);
  });
});
