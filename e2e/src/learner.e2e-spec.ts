import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { parse } from 'yaml';
import { fastContent, launchBrowser, ROOT, seriousViolations, startProduct, type RunningProduct } from './product';
import { signIn } from './sign-in';

const SLUG = 'bystander-intervention';

interface Quiz {
  questions: { id: string; multiple?: boolean; options: { id: string; correct?: boolean; text: { id: string; en: string } }[] }[];
}

type T = { id: string; en: string };
/** A block of lessons/<id>.blocks.yaml (content/README.md, "Interactive blocks"). */
interface Block {
  type: 'check' | 'scenario' | 'reflection';
  id: string;
  multiple?: boolean;
  options?: { id: string; correct?: boolean; feedback: T }[];
  start?: string;
  nodes?: { id: string; text: T; end?: boolean; choices?: { consequence: T; next: string }[] }[];
  debrief?: T;
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
    await signIn(page, product.url, 'staff@demo.test');
    await page.waitForSelector(`a[href*="/learn/modules/${SLUG}"]`, { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reads every lesson, with progress kept on the server', async () => {
    await page.click(`a[href*="/learn/modules/${SLUG}"]`);
    await page.waitForSelector('article h1, main h1', { timeout: 20000 });
    expect(await seriousViolations(page)).toEqual([]);
    for (let i = 0; i < 10; i++) {
      const toQuiz = await page.$(`a[href$="/learn/modules/${SLUG}/quiz"].button`);
      // After the last lesson the reader goes on to the quiz by itself.
      if (toQuiz || new URL(page.url()).pathname.endsWith('/quiz')) break;
      // The lesson's own footer: interactive blocks in the lesson have buttons of their own.
      const button = await page.waitForSelector('.lesson-footer .actions button.button:not([disabled])', { timeout: 20000 });
      await button!.click();
      // The next lesson loads (or the quiz link appears) once the server has accepted "read".
      await new Promise((r) => setTimeout(r, 500));
    }
    const res = await page.evaluate(async (slug: string) => (await fetch(`/api/modules/${slug}`)).json(), SLUG);
    expect(res.lessons.every((l: { read: boolean }) => l.read)).toBe(true);
    expect(res.quiz.unlocked).toBe(true);
  });

  it('answers an in-lesson check with instant feedback and plays a branching scenario to its debrief (module 01)', async () => {
    const module01 = join(ROOT, 'content', 'modules', '01-recognising-harassment', 'lessons');
    // The first single-choice check and the scenario of module 01, wherever the content places them.
    const blocksOf = (lesson: string): Block[] =>
      existsSync(join(module01, `${lesson}.blocks.yaml`)) ? (parse(readFileSync(join(module01, `${lesson}.blocks.yaml`), 'utf8')) as Block[]) : [];
    const lessons = readdirSync(module01).filter((f) => f.endsWith('.blocks.yaml')).map((f) => f.replace('.blocks.yaml', '')).sort();
    const checkLesson = lessons.find((l) => blocksOf(l).some((b) => b.type === 'check' && !b.multiple))!;
    const check = blocksOf(checkLesson).find((b) => b.type === 'check' && !b.multiple)!;
    const scenarioLesson = lessons.find((l) => blocksOf(l).some((b) => b.type === 'scenario'))!;
    const scenario = blocksOf(scenarioLesson).find((b) => b.type === 'scenario')!;

    await page.setViewport({ width: 360, height: 780 });
    await page.goto(`${product.url}/learn/modules/recognising-harassment/lessons/${checkLesson}`, { waitUntil: 'load' });
    const form = `form.block-check[aria-labelledby="check-${check.id}-label"]`;
    await page.waitForSelector(form, { timeout: 20000 });
    // Keyboard only: focus the wrong option's radio button, choose it with space, press "Check".
    const wrong = check.options!.find((o) => !o.correct)!;
    await page.focus(`#check-${check.id}-${wrong.id}`);
    await page.keyboard.press('Space');
    await page.focus(`${form} button[type="submit"]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (sel: string) => (document.querySelector(`${sel} [aria-live="polite"]`)?.textContent ?? '').trim().length > 40,
      { timeout: 20000 },
      form,
    );
    const feedback = await page.$eval(`${form} [aria-live="polite"]`, (el) => el.textContent ?? '');
    const lang = (await page.$eval('html', (el) => el.lang)).startsWith('en') ? 'en' : 'id';
    expect(feedback).toContain(wrong.feedback![lang].trim().slice(0, 40));
    const answered = await page.evaluate(async () => (await fetch('/api/modules/recognising-harassment')).json());
    const checked = answered.lessons
      .flatMap((l: { blocks?: { type: string; id?: string; answered?: boolean }[] }) => l.blocks ?? [])
      .find((b: { id?: string }) => b.id === check.id);
    expect(checked.answered).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // The scenario: one node at a time, always the first choice, "Continue" after each consequence, until an ending.
    await page.goto(`${product.url}/learn/modules/recognising-harassment/lessons/${scenarioLesson}`, { waitUntil: 'load' });
    const section = `section.block-scenario[aria-labelledby="scenario-${scenario.id}-title"]`;
    await page.waitForSelector(`${section} .block-actions button`, { timeout: 20000 });
    await page.click(`${section} .block-actions button`);
    const nodes = new Map(scenario.nodes!.map((n) => [n.id, n]));
    let node = nodes.get(scenario.start!)!;
    for (let step = 0; step < 20 && !node.end; step++) {
      await page.waitForSelector(`${section} .scenario-choices button`, { timeout: 20000 });
      expect(await page.$eval(section, (el) => el.textContent ?? '')).toContain(node.text[lang].trim().slice(0, 30));
      await page.click(`${section} .scenario-choices li:first-child button`);
      await page.waitForSelector(`${section} .scenario-consequence`, { timeout: 20000 });
      // Focus moved to the consequence's heading: a screen reader reads on from there.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
      expect(await page.$eval(section, (el) => el.textContent ?? '')).toContain(node.choices![0].consequence[lang].trim().slice(0, 30));
      await page.click(`${section} .scenario-consequence button`);
      node = nodes.get(node.choices![0].next)!;
    }
    expect(node.end).toBe(true);
    await page.waitForSelector(`${section} .callout`, { timeout: 20000 });
    const ending = await page.$eval(section, (el) => el.textContent ?? '');
    expect(ending).toContain(node.text[lang].trim().slice(0, 30));
    expect(ending).toContain(scenario.debrief![lang].trim().slice(0, 30));
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewport({ width: 1280, height: 900 });
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
