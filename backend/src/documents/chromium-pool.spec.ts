import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChromiumPool } from './chromium-pool';

const chromium = process.env['PUPPETEER_EXECUTABLE_PATH'] ?? '/usr/bin/chromium';
const poolModule = fileURLToPath(new URL('./chromium-pool.ts', import.meta.url));
const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Process ids whose command line mentions `needle` (Chromium's own processes name their profile dir). */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) found.push(pid);
    } catch {
      /* ended meanwhile */
    }
  }
  return found;
}

jest.setTimeout(60000);

describe('ChromiumPool (real Chromium)', () => {
  (existsSync(chromium) ? it : it.skip)('leaves no Chromium behind when its node process is killed with SIGKILL', async () => {
    // A separate node process (the "app") launches the pool, renders once and reports its browser.
    const dir = mkdtempSync(join(tmpdir(), 'aman-orphan-'));
    const script = join(dir, 'child.mts');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
import { ChromiumPool } from ${JSON.stringify(poolModule)};
const pool = new ChromiumPool({ executablePath: ${JSON.stringify(chromium)}, pages: 1, recycleAfter: 100, timeoutMs: 30000 });
await pool.pdf('<p>alive</p>', {});
const pid = await pool.pid();
const profile = readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').find((a) => a.startsWith('--user-data-dir='));
process.stdout.write(JSON.stringify({ pid, profile }) + '\\n');
setInterval(() => undefined, 1000);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<{ pid: number; profile: string }>((resolveLine, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolveLine(JSON.parse(out.split('\n')[0]) as { pid: number; profile: string });
      });
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const profile = started.profile.slice('--user-data-dir='.length);
    expect(profile).toBeTruthy();
    expect(processesWith(profile)).toContain(started.pid);

    child.kill('SIGKILL');
    let left = processesWith(profile);
    for (let waited = 0; left.length > 0 && waited < 5000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      left = processesWith(profile);
    }
    // Clean up after a failing run so that it does not leave orphans on the machine either.
    for (const pid of left) process.kill(pid, 'SIGKILL');
    expect(left).toEqual([]);
  });

  (existsSync(chromium) ? it : it.skip)('prints an untagged PDF when asked (no structure tree), tagged by default', async () => {
    const pool = new ChromiumPool({ executablePath: chromium, pages: 1, recycleAfter: 100, timeoutMs: 30000 });
    try {
      const rows = Array.from({ length: 200 }, (_, i) => `<tr><td>Unit ${i}</td><td>${i}</td></tr>`).join('');
      const html = `<table><thead><tr><th>Unit</th><th>n</th></tr></thead><tbody>${rows}</tbody></table>`;
      const tagged = await pool.pdf(html, {});
      const untagged = await pool.pdf(html, { tagged: false });
      expect(tagged.toString('latin1')).toContain('/StructTreeRoot');
      expect(untagged.toString('latin1')).not.toContain('/StructTreeRoot');
      expect(untagged.length).toBeLessThan(tagged.length / 2);
    } finally {
      await pool.close();
    }
  });
});
