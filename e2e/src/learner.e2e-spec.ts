import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { parse } from 'yaml';
import { fastContent, launchBrowser, seriousViolations, startProduct, type RunningProduct } from './product';

const SLUG = 'bystander-intervention';

interface Quiz {
  questions: { id: string; multiple?: boolean; options: { id: string; correct?: boolean; text: { id: string; en: string } }[] }[];
}

describe('a staff member reads the lessons, fails the quiz once, passes and gets a verifiable certificate', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  let quiz: Quiz;

  beforeAll(async () => {
    const content = fastContent();
    quiz = parse(readFileSync(join(content, 'modules', '04-bystander-intervention', 'quiz.yaml'), 'utf8')) as Quiz;
    product = await startProduct(undefined, { CONTENT_DIR: content });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });


  async function answer(correct: boolean) {
    await page.waitForSelector('form input[type="radio"], form input[type="checkbox"]', { timeout: 20000 });
    for (const q of quiz.questions) {
      // The attempt asks a draw from the bank, with opaque option ids: find options by their text.
      if (!(await page.$(`input[name="quiz-${q.id}"]`))) continue;
      const choices = correct ? q.options.filter((o) => o.correct) : [q.options.find((o) => !o.correct)!];
      for (const o of choices) {
        const inputId = await page.$$eval(
          `input[name="quiz-${q.id}"]`,
          (inputs, texts) => inputs.find((i) => texts.includes(document.querySelector(`label[for="${i.id}"]`)?.textContent?.trim() ?? ''))?.id,
          [o.text.id.trim(), o.text.en.trim()],
        );
        // Keyboard only: focus the control and press space, as a person without a mouse would.
        await page.focus(`#${inputId}`);
        await page.keyboard.press('Space');
      }
    }
    await page.click('form button[type="submit"]');
  }

  it('shows the assignments with every state, without serious accessibility problems', async () => {
    await page.goto(`${product.url}/login`, { waitUntil: 'load' });
    await page.waitForSelector('#login-email');
    await page.type('#login-email', 'staff@demo.test');
    await page.type('#login-password', 'demo-pass-2026');
    await page.click('button[type="submit"]');
    await page.waitForSelector(`a[href*="/learn/modules/${SLUG}"]`, { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reads every lesson, with progress kept on the server', async () => {
    await page.click(`a[href*="/learn/modules/${SLUG}"]`);
    await page.waitForSelector('article h1, main h1', { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);
    for (let i = 0; i < 10; i++) {
      const toQuiz = await page.$(`a[href$="/learn/modules/${SLUG}/quiz"].button`);
      if (toQuiz) break;
      const button = await page.waitForSelector('.actions button.button:not([disabled])', { timeout: 20000 });
      await button!.click();
      // The next lesson loads (or the quiz link appears) once the server has accepted "read".
      await new Promise((r) => setTimeout(r, 500));
    }
    const res = await page.evaluate(async (slug: string) => (await fetch(`/api/modules/${slug}`)).json(), SLUG);
    expect(res.lessons.every((l: { read: boolean }) => l.read)).toBe(true);
    expect(res.quiz.unlocked).toBe(true);
  });

  it('fails once with feedback but no correct answers shown, then passes', async () => {
    await page.goto(`${product.url}/learn/modules/${SLUG}/quiz`, { waitUntil: 'load' });
    expect(await seriousViolations(page)).toEqual([]);
    await answer(false);
    await page.waitForSelector('.verdict-invalid', { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);
    // Feedback is shown, the correct options are not (they come only after a pass).
    expect(await page.evaluate(() => document.body.innerText)).toMatch(/\b0\b/);
    const failed = await page.evaluate(async (slug: string) => (await fetch(`/api/my/assignments`)).json().then((a: { module: { slug: string }; status: string }[]) => a.find((x) => x.module.slug === slug)!.status), SLUG);
    expect(failed).toBe('in_progress');

    await page.goto(`${product.url}/learn/modules/${SLUG}/quiz`, { waitUntil: 'load' });
    await answer(true);
    await page.waitForSelector('.verdict-valid', { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('downloads the certificate PDF and its verification page says valid', async () => {
    const href = await page.$eval('a[href*="/api/certificates/"]', (a) => (a as HTMLAnchorElement).getAttribute('href')!);
    const serial = /certificates\/([^/]+)\/pdf/.exec(href)![1];
    const pdf = await page.evaluate(async (url: string) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength };
    }, href);
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(pdf.size).toBeGreaterThan(10000);

    const visitor = await browser.createBrowserContext();
    try {
      const anonymous = await visitor.newPage();
      await anonymous.goto(`${product.url}/verify/${serial}`, { waitUntil: 'load' });
      await anonymous.waitForFunction((s: string) => document.body.innerText.includes(s), { timeout: 20000 }, 'S*** W***');
      expect(await seriousViolations(anonymous)).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});
