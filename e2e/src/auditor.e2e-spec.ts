import { createHash, createPublicKey, verify } from 'node:crypto';
import type { Browser, Page } from 'puppeteer';
import { launchBrowser, seriousViolations, startProduct, type RunningProduct } from './product';
import { signIn } from './sign-in';
import { canonicalHash } from './trail';

describe('an auditor generates, downloads and verifies a report, and recomputes the trail', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  let orgId: string;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    // The partner's auditor reads a Jakarta office from abroad: for 17 hours of every day the
    // browser's calendar is a day behind the organisation's, which once hid the organisation's today
    // from the trail's default range.
    await page.emulateTimezone('Pacific/Honolulu');
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('signs in and sees the engagement, without serious accessibility problems', async () => {
    await signIn(page, product.url, 'auditor@mitra.test');
    const link = await page.waitForSelector('a[href*="/audit/organizations/"]', { timeout: 20000 });
    orgId = /organizations\/([0-9a-f-]{36})/.exec((await link!.evaluate((a) => a.getAttribute('href')))!)![1];
    expect(await seriousViolations(page)).toEqual([]);
    await link!.click();
    await page.waitForFunction(() => document.body.innerText.includes('Dinas Sosial Provinsi Nusa Demo'), { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('generates a report through the UI and downloads a PDF whose signature verifies with the published key', async () => {
    await page.goto(`${product.url}/audit/organizations/${orgId}/reports`, { waitUntil: 'load' });
    await page.waitForSelector('#report-periodStart', { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);
    const setDate = (selector: string, value: string) =>
      page.$eval(selector, (el, v) => {
        const input = el as HTMLInputElement;
        input.value = v as string;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
    await setDate('#report-periodStart', '2026-01-01');
    await setDate('#report-periodEnd', '2026-11-30');
    await page.click('form button[type="submit"]');
    const download = await page.waitForSelector('a[href*="/api/audit-reports/"][href$="/pdf"]', { timeout: 90000 });
    const href = (await download!.evaluate((a) => a.getAttribute('href')))!;
    const reportId = /audit-reports\/([0-9a-f-]{36})/.exec(href)![1];

    await page.click(`#check-${reportId}`);
    await page.waitForSelector('.verdict-valid', { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);

    const result = await page.evaluate(async (url: string, id: string) => {
      const pdf = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const check = await (await fetch(`/api/audit-reports/${id}/verify`)).json();
      const keys = await (await fetch('/api/keys/audit-reports')).json();
      return { pdf: Array.from(pdf), check, keys };
    }, href, reportId);
    const pdf = Buffer.from(result.pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(result.check.sha256);
    const key = result.keys.keys.find((k: { keyId: string }) => k.keyId === result.check.keyId);
    expect(verify(null, pdf, createPublicKey(key.publicKeyPem), Buffer.from(result.check.signature, 'base64'))).toBe(true);
  });

  it('recomputes the trail chain from the entries endpoint on "their own machine"', async () => {
    const entries = await page.evaluate(async (org: string) => {
      const all: unknown[] = [];
      for (let after = 0; ; ) {
        const pageOf = (await (await fetch(`/api/organizations/${org}/audit-log/entries?afterSeq=${after}&limit=1000`)).json()) as { seq: number }[];
        if (pageOf.length === 0) return all;
        all.push(...pageOf);
        after = pageOf[pageOf.length - 1].seq;
      }
    }, orgId);
    expect(entries.length).toBeGreaterThan(3);
    let prev = '0'.repeat(64);
    for (const e of entries as { seq: number; prevHash: string; hash: string }[]) {
      expect(e.prevHash).toBe(prev);
      expect(canonicalHash(orgId, e as never)).toBe(e.hash);
      prev = e.hash;
    }
    await page.goto(`${product.url}/audit/organizations/${orgId}/trail`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('.verdict-valid') !== null, { timeout: 20000 });
    // The same trail in words: the report this auditor requested above, as a phrase, not a code.
    await page.waitForSelector('.trail-entries tbody tr', { timeout: 20000 });
    const actions = await page.$$eval('.trail-entries tbody td.trail-action', (cells) => cells.map((c) => c.textContent?.trim()));
    expect(actions.some((a) => a === 'Requested an audit report' || a === 'Meminta laporan audit')).toBe(true);
    expect(actions).not.toContain('audit_report.requested');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
