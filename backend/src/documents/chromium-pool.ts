import { readFileSync, readdirSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer';

export interface PoolOptions {
  executablePath: string;
  /** Extra environment for Chromium, e.g. FONTCONFIG_FILE pointing at the bundled fonts. */
  env?: Record<string, string>;
  pages: number;
  /** Relaunch the browser after this many renders, so memory cannot creep. */
  recycleAfter: number;
  timeoutMs: number;
}

export interface PdfOptions {
  landscape?: boolean;
  /**
   * A tagged (structured) PDF, Chromium's default: headings, tables, lists, /Lang from `<html lang>`,
   * and an `<svg role="img">` becomes a Figure whose /Alt is its accessible name. Its structure tree
   * costs about half the print time and ~90% of the bytes of a long table-heavy document (measured on
   * the 163-page audit report), hence DocumentsService.pdfInParts tags only a document's first part.
   */
  tagged?: boolean;
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
  '--font-render-hinting=none',
];

/**
 * One Chromium per process with a few reused pages. The browser is launched on first use,
 * relaunched when it disconnects or crashes, and recycled after N renders once the pages in flight
 * are done. Never waits for `networkidle` (pages are reused and there is no network anyway).
 */
export class ChromiumPool {
  private browser: Promise<Browser> | null = null;
  private idle: Page[] = [];
  private waiting: ((page: Page) => void)[] = [];
  private created = 0;
  private inFlight = 0;
  private renders = 0;
  private recycling: Promise<void> | null = null;
  private closed = false;
  /** The browser disconnected without us closing it, and has not been relaunched yet. */
  private died = false;
  private launchFailed = false;

  constructor(private readonly options: PoolOptions) {}

  private launch(): Promise<Browser> {
    const launching = puppeteer
      .launch({
        executablePath: this.options.executablePath,
        headless: true,
        args: ARGS,
        protocolTimeout: this.options.timeoutMs * 2,
        // DevTools over fds 3/4 instead of a WebSocket port: when this process dies, even by
        // SIGKILL, the kernel closes the pipe and Chromium exits on its own instead of lingering.
        pipe: true,
        env: { ...process.env, ...this.options.env },
        // We stop the browser ourselves on shutdown.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      })
      .then((browser) => {
        browser.on('disconnected', () => {
          // A crash or kill: forget the browser and its pages; the next render relaunches.
          if (this.browser === launching) {
            this.reset();
            this.died = true;
          }
        });
        this.died = false;
        this.launchFailed = false;
        return browser;
      });
    launching.catch(() => {
      this.launchFailed = true;
      if (this.browser === launching) this.reset();
    });
    return launching;
  }

  /**
   * Whether documents can be printed now. A browser that died (crash, OOM kill) or failed to launch
   * is relaunched here once, so that health reflects the pool's real state instead of the last
   * render's: `down` only when that relaunch fails or hangs past `waitMs`. A pool that never
   * launched answers `up` without starting Chromium (a probe should not cost a browser).
   */
  async health(waitMs = 5000): Promise<'up' | 'down'> {
    if (this.closed) return 'down';
    if (!this.browser && !this.died && !this.launchFailed) return 'up';
    this.browser ??= this.launch();
    const launching = this.browser;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    try {
      const browser = await Promise.race([launching, timeout]);
      return browser?.connected ? 'up' : 'down';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }

  private reset(): void {
    this.browser = null;
    this.idle = [];
    this.created = 0;
  }

  private async acquire(): Promise<Page> {
    if (this.closed) throw new Error('the document renderer is shut down');
    if (this.recycling) await this.recycling;
    this.browser ??= this.launch();
    const browser = await this.browser;
    const page = this.idle.pop();
    if (page && !page.isClosed()) return page;
    if (this.created < this.options.pages) {
      this.created++;
      try {
        const fresh = await browser.newPage();
        fresh.setDefaultTimeout(this.options.timeoutMs);
        await fresh.setJavaScriptEnabled(false);
        // No request may leave the machine: fonts and images are inlined in the HTML.
        await fresh.setRequestInterception(true);
        fresh.on('request', (request) => {
          const url = request.url();
          void (url.startsWith('data:') || url === 'about:blank' ? request.continue() : request.abort());
        });
        return fresh;
      } catch (error) {
        this.created--;
        throw error;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page, healthy: boolean): void {
    if (!healthy || page.isClosed()) {
      this.created = Math.max(0, this.created - 1);
      void page.close().catch(() => undefined);
      const next = this.waiting.shift();
      if (next) void this.acquire().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }

  async pdf(html: string, pdfOptions: PdfOptions): Promise<Buffer> {
    const page = await this.acquire();
    this.inFlight++;
    let healthy = true;
    try {
      await page.setContent(html, { waitUntil: 'load', timeout: this.options.timeoutMs });
      const bytes = await page.pdf({
        format: 'A4',
        landscape: pdfOptions.landscape ?? false,
        printBackground: true,
        tagged: pdfOptions.tagged ?? true,
        timeout: this.options.timeoutMs,
      });
      return Buffer.from(bytes);
    } catch (error) {
      healthy = false;
      throw error;
    } finally {
      this.inFlight--;
      this.release(page, healthy);
      this.renders++;
      if (this.renders >= this.options.recycleAfter && !this.recycling) void this.recycle();
    }
  }

  private async recycle(): Promise<void> {
    const done = (async () => {
      while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
      const old = this.browser;
      this.reset();
      this.renders = 0;
      await old?.then((b) => b.close()).catch(() => undefined);
    })();
    this.recycling = done;
    await done;
    this.recycling = null;
  }

  /** The browser's process id (for tests and memory figures), or null when not running. */
  async pid(): Promise<number | null> {
    const browser = await this.browser?.catch(() => null);
    return browser?.process()?.pid ?? null;
  }

  /** Proportional set size (shared pages split between sharers) of the browser and its children, in bytes. */
  async memoryBytes(): Promise<number> {
    const root = await this.pid();
    if (!root) return 0;
    const parents = new Map<number, number>();
    const rss = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!pid) continue;
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        parents.set(pid, Number(/PPid:\s+(\d+)/.exec(status)?.[1]));
        const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        rss.set(pid, Number(/Pss:\s+(\d+)/.exec(rollup)?.[1] ?? 0) * 1024);
      } catch {
        /* the process ended meanwhile */
      }
    }
    const tree = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of parents) {
        if (tree.has(ppid) && !tree.has(pid)) {
          tree.add(pid);
          grew = true;
        }
      }
    }
    return [...tree].reduce((sum, pid) => sum + (rss.get(pid) ?? 0), 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = await this.browser?.catch(() => null);
    this.reset();
    if (!browser) return;
    const proc = browser.process();
    let timer: NodeJS.Timeout | undefined;
    // The 5 s guard is cleared once Chromium has closed: a pending timer would keep the process alive.
    await Promise.race([browser.close().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
    // If close hung, make sure no zombie Chromium outlives us.
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  }
}
