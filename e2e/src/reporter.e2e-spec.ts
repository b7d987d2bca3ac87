import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'puppeteer';
import { launchBrowser, seriousViolations, startProduct, type RunningProduct } from './product';
import { signIn } from './sign-in';

const HANDLER = 'handler@mitra.test';
/** The demo organisation's channel (DEMO_ORG_CODE). */
const ORG_CODE = 'demo';

/**
 * The confidential channel end to end: a reporter without an account reports and keeps the receipt,
 * the partner's case handler reads and replies, the reporter follows up with the receipt alone and
 * answers, the handler closes the case with an outcome and the reporter sees it closed.
 */
describe('a reporter reports through the independent channel and follows up with the receipt', () => {
  let product: RunningProduct;
  let browser: Browser;
  let reporterContext: BrowserContext;
  let handlerContext: BrowserContext;
  let reporter: Page;
  let handler: Page;
  // A marker no demo report holds, to find this report in the handler's inbox.
  const marker = `marker-${randomBytes(4).toString('hex')}`;
  const description = `The shift supervisor keeps sending me messages at night (${marker}).`;
  const handlerReply = `Thank you for telling us. Were there witnesses? (${marker})`;
  const reporterAnswer = `Yes, two colleagues saw it on Monday (${marker}).`;
  let receipt = '';
  let caseId = '';

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    // Separate contexts: the reporter has no cookie of the handler's session, as on another phone.
    reporterContext = await browser.createBrowserContext();
    handlerContext = await browser.createBrowserContext();
    reporter = await reporterContext.newPage();
    handler = await handlerContext.newPage();
    // Phone first: the reporter's side runs at a phone's width.
    await reporter.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await handler.setViewport({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function textOf(page: Page, selector: string): Promise<string> {
    return page.$eval(selector, (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
  }

  async function waitForText(page: Page, selector: string, text: string): Promise<void> {
    await page.waitForFunction(
      (s: string, t: string) => Array.from(document.querySelectorAll(s)).some((el) => (el.textContent ?? '').includes(t)),
      { timeout: 20000 },
      selector,
      text,
    );
  }

  async function openReceipt(): Promise<void> {
    await reporter.goto(`${product.url}/report/follow-up`, { waitUntil: 'load' });
    await reporter.waitForSelector('#follow-up-receipt');
    await reporter.click('aman-report-bar button[lang="en"]');
    await reporter.type('#follow-up-receipt', receipt.replace(/(\d{4})(?=\d)/g, '$1 '));
    await reporter.click('button[type="submit"]');
    await reporter.waitForSelector('[data-testid="report-status"]', { timeout: 20000 });
  }

  it('reports without an account on a phone-sized page that starts with "Leave quickly", and gets a 16-digit receipt once', async () => {
    const requests: string[] = [];
    reporter.on('request', (r) => requests.push(r.url()));
    await reporter.goto(`${product.url}/report/${ORG_CODE}`, { waitUntil: 'networkidle0' });
    await reporter.waitForSelector('#report-category-sexual_harassment', { timeout: 20000 });
    await reporter.click('aman-report-bar button[lang="en"]');
    await waitForText(reporter, 'h1', 'Report harassment or violence, confidentially');

    // No site header on this page; the first control is the exit.
    expect(await reporter.$('header.site-header')).toBeNull();
    const first = await reporter.$eval('main button, main a, main input', (el) => el.textContent?.trim());
    expect(first).toBe('Leave quickly');
    // Nothing is fetched from anywhere but the product itself.
    expect(requests.filter((u) => !u.startsWith(product.url) && !u.startsWith('data:'))).toEqual([]);
    // Every partner is ticked by default; the Satgas only if chosen.
    const partners = await reporter.$$eval('input[type="checkbox"][id^="report-recipient-"]', (inputs) =>
      inputs.map((i) => ({ id: i.id, checked: (i as HTMLInputElement).checked })),
    );
    expect(partners.some((p) => p.checked)).toBe(true);
    expect(await seriousViolations(reporter)).toEqual([]);

    // Sending with nothing filled in says what is missing, next to the fields.
    await reporter.click('button[type="submit"]');
    await reporter.waitForSelector('#report-category-error');
    expect(await textOf(reporter, '#report-description-error')).toContain('Describe what happened.');

    await reporter.click('#report-category-online_gbv');
    await reporter.type('#report-description', description);
    await reporter.click('button[type="submit"]');
    const shown = await reporter.waitForSelector('[data-testid="receipt"]', { timeout: 20000 });
    const grouped = (await shown?.evaluate((el) => el.textContent?.trim())) ?? '';
    expect(grouped).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    receipt = grouped.replace(/\s/g, '');
    expect(await textOf(reporter, 'main')).toContain('shown only once');
    // The receipt is in no storage of the browser.
    const stored = await reporter.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).not.toContain(receipt);
  });

  it('the partner’s case handler finds the case in the inbox, reads it and replies', async () => {
    await signIn(handler, product.url, HANDLER);
    await handler.waitForSelector('header a[href="/cases"]', { timeout: 20000 });
    // English, saved on the account before the next page load (which applies the account's language).
    await Promise.all([
      handler.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH', { timeout: 20000 }),
      handler.select('#language-select', 'en'),
    ]);
    await handler.goto(`${product.url}/cases`, { waitUntil: 'load' });
    await handler.waitForSelector('table tbody tr', { timeout: 20000 });

    // The inbox shows no content; find this report among the demo's by reading the candidates.
    caseId = await handler.evaluate(async (m: string) => {
      const cases = (await (await fetch('/api/cases')).json()) as { id: string; status: string; unread: boolean }[];
      for (const c of cases.filter((x) => x.status === 'received' && x.unread)) {
        const detail = (await (await fetch(`/api/cases/${c.id}`)).json()) as { description: string | null };
        if (detail.description?.includes(m)) return c.id;
      }
      return '';
    }, marker);
    expect(caseId).not.toBe('');

    await handler.reload({ waitUntil: 'load' });
    const link = await handler.waitForSelector(`a[href="/cases/${caseId}"]`, { timeout: 20000 });
    await link?.click();
    await waitForText(handler, '[data-testid="case-description"]', marker);
    expect(await textOf(handler, 'h1')).toContain('Online gender-based violence');

    await handler.type('#case-reply', handlerReply);
    await handler.click('form:has(#case-reply) button[type="submit"]');
    await handler.waitForSelector('form:has(#case-reply) [role="status"] .alert-success', { timeout: 20000 });
    await waitForText(handler, '.message', handlerReply);

    await handler.select('#case-status', 'in_review');
    await handler.click('form:has(#case-status) button[type="submit"]');
    await waitForText(handler, '[data-testid="case-status"]', 'In review');
    expect(await seriousViolations(handler)).toEqual([]);
  });

  it('the reporter follows up with the receipt alone, reads the reply and answers', async () => {
    await openReceipt();
    expect(await textOf(reporter, '[data-testid="report-status"]')).toContain('In review');
    await waitForText(reporter, '.message', handlerReply);

    await reporter.type('#follow-up-reply', reporterAnswer);
    await reporter.click('form:has(#follow-up-reply) button[type="submit"]');
    await reporter.waitForSelector('[role="status"] .alert-success', { timeout: 20000 });
    await waitForText(reporter, '.message', reporterAnswer);
    // The token bought with the receipt is held in memory only.
    const stored = await reporter.evaluate(() => localStorage.length + sessionStorage.length);
    expect(stored).toBe(0);
  });

  it('a wrong receipt is not recognised', async () => {
    await reporter.goto(`${product.url}/report/follow-up`, { waitUntil: 'load' });
    await reporter.waitForSelector('#follow-up-receipt');
    await reporter.click('aman-report-bar button[lang="en"]');
    const wrong = receipt.endsWith('0') ? `${receipt.slice(0, 15)}1` : `${receipt.slice(0, 15)}0`;
    await reporter.type('#follow-up-receipt', wrong);
    await reporter.click('button[type="submit"]');
    await waitForText(reporter, '#follow-up-notice', 'This receipt was not recognised');
  });

  it('the handler reads the answer and closes the case with an outcome', async () => {
    await handler.reload({ waitUntil: 'load' });
    await waitForText(handler, '.message', reporterAnswer);
    await handler.select('#case-status', 'closed');
    await handler.waitForSelector('#case-outcome');
    // Closing without an outcome is refused on the page.
    await handler.click('form:has(#case-status) button[type="submit"]');
    await handler.waitForSelector('#case-outcome-error');
    await handler.select('#case-outcome', 'resolved_informally');
    await handler.click('form:has(#case-status) button[type="submit"]');
    await waitForText(handler, '[data-testid="case-status"]', 'Closed');
    expect(await handler.$('#case-reply')).toBeNull();
  });

  it('the reporter sees the case closed, and "Leave quickly" replaces the page with a blank one', async () => {
    await openReceipt();
    expect(await textOf(reporter, '[data-testid="report-status"]')).toContain('Closed');
    expect(await reporter.$('#follow-up-reply')).toBeNull();

    await Promise.all([reporter.waitForNavigation({ timeout: 20000 }), reporter.click('aman-report-bar .leave')]);
    expect(reporter.url()).toBe('about:blank');
  });
});
