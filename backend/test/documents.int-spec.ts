import { jest } from '@jest/globals';
import { chmodSync, existsSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentsService } from '../src/documents/documents.service';
import { api, startTestApp, type TestApp } from './helpers';

const chromium = process.env['PUPPETEER_EXECUTABLE_PATH'] ?? '/usr/bin/chromium';

jest.setTimeout(90000);

(existsSync(chromium) ? describe : describe.skip)('documents health (real Chromium)', () => {
  let t: TestApp;
  // The app's Chromium is a wrapper we can take away, to make a relaunch fail as a broken install would.
  const dir = mkdtempSync(join(tmpdir(), 'aman-chromium-'));
  const executable = join(dir, 'chromium');
  const hidden = join(dir, 'chromium.gone');

  beforeAll(async () => {
    writeFileSync(executable, `#!/bin/sh\nexec ${chromium} "$@"\n`);
    chmodSync(executable, 0o755);
    t = await startTestApp({ PUPPETEER_EXECUTABLE_PATH: executable });
  });
  afterAll(() => t.close());

  async function browserGone(pid: number): Promise<void> {
    const documents = t.app.get(DocumentsService);
    for (let i = 0; i < 100 && (await documents.browserPid()) === pid; i++) await new Promise((r) => setTimeout(r, 50));
  }

  it('reports a browser that died and cannot be relaunched as down, and up again once it can', async () => {
    const documents = t.app.get(DocumentsService);
    expect((await api(t.url, 'GET', '/api/health')).body).toMatchObject({ status: 'ok', documents: 'up' });
    await documents.pdf('<p>first</p>');
    const pid = (await documents.browserPid())!;
    expect(pid).toBeGreaterThan(0);

    renameSync(executable, hidden);
    process.kill(pid, 'SIGKILL');
    await browserGone(pid);
    const down = await api(t.url, 'GET', '/api/health');
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'ok', database: 'up', documents: 'down' });
    await expect(documents.pdf('<p>while down</p>')).rejects.toMatchObject({ status: 503 });
    expect((await api(t.url, 'GET', '/api/health')).body.documents).toBe('down');

    // Chromium is back: the probe relaunches it, and the next render uses the new browser.
    renameSync(hidden, executable);
    expect((await api(t.url, 'GET', '/api/health')).body.documents).toBe('up');
    const relaunched = await documents.browserPid();
    expect(relaunched).toBeGreaterThan(0);
    expect(relaunched).not.toBe(pid);
    expect((await documents.pdf('<p>again</p>')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('relaunches on the next render after the browser was killed', async () => {
    const documents = t.app.get(DocumentsService);
    await documents.pdf('<p>one</p>');
    const pid = (await documents.browserPid())!;
    process.kill(pid, 'SIGKILL');
    await browserGone(pid);
    expect((await documents.pdf('<p>two</p>')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await documents.browserPid()).not.toBe(pid);
    expect((await api(t.url, 'GET', '/api/health')).body.documents).toBe('up');
  });
});
