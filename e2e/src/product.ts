import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';

export const ROOT = resolve(__dirname, '../..');

export function chromiumPath(): string {
  const found = [process.env['PUPPETEER_EXECUTABLE_PATH'], '/usr/bin/chromium'].find((p) => p && existsSync(p));
  if (!found) {
    throw new Error('No Chromium found: install one (Debian: apt-get install -y chromium) or set PUPPETEER_EXECUTABLE_PATH');
  }
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    protocolTimeout: 60000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export interface RunningProduct {
  url: string;
  dataDir: string;
  logs: () => string;
  stop(): Promise<number | null>;
}

/** Starts the built product exactly as `npm start` does (embedded PostgreSQL, demo data). */
export async function startProduct(dataDir = mkdtempSync(join(tmpdir(), 'aman-e2e-')), env: Record<string, string> = {}): Promise<RunningProduct> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/backend/main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: url, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const deadline = Date.now() + 90000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the product did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    logs: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The real content with reading times cut to 1 second, so a journey needs no minutes of waiting. */
export function fastContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aman-e2e-content-'));
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  for (const folder of readdirSync(join(dir, 'modules'))) {
    const file = join(dir, 'modules', folder, 'module.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(minSeconds(?:PerLesson)?:\s*)\d+/g, '$11'));
  }
  return dir;
}

/** Serious or critical accessibility violations on the current page (axe-core). */
export async function seriousViolations(page: import('puppeteer').Page): Promise<string[]> {
  const { AxePuppeteer } = await import('@axe-core/puppeteer');
  const results = await new AxePuppeteer(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
