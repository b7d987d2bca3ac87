import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { startTestApp, type TestApp } from './helpers';

/** A raw GET (fetch would decode the body and hide Content-Encoding's effect on the bytes). */
function get(base: string, path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(`${base}${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the built frontend: precompressed, cached by name', () => {
  let t: TestApp;
  let dist: string;
  const script = `console.log(${JSON.stringify('aman '.repeat(2000))});\n`;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'aman-dist-'));
    writeFileSync(join(dist, 'index.html'), `<!doctype html><html><head><script src="main-3GP53OJ7.js"></script></head><body>${'<!-- app -->'.repeat(200)}</body></html>`);
    writeFileSync(join(dist, 'main-3GP53OJ7.js'), script);
    // The build's own post-step writes the .br and .gz copies.
    execFileSync(process.execPath, [join(__dirnameOf(), '../../scripts/precompress.mjs'), dist]);
    t = await startTestApp({ FRONTEND_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends a hashed script brotli- or gzip-encoded as the browser accepts, immutable for a year', async () => {
    const br = await get(t.url, '/main-3GP53OJ7.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);

    const gz = await get(t.url, '/main-3GP53OJ7.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get(t.url, '/main-3GP53OJ7.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect((await get(t.url, '/main-3GP53OJ7.js', 'br;q=0, gzip;q=0')).headers['content-encoding']).toBeUndefined();
  });

  it('revalidates index.html on every load, also for app routes, and leaves /api and missing files alone', async () => {
    for (const path of ['/', '/learn/modules/x']) {
      const page = await get(t.url, path, 'br');
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(brotliDecompressSync(page.body).toString()).toBe(readFileSync(join(dist, 'index.html'), 'utf8'));
    }
    const health = await get(t.url, '/api/health', 'br');
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers['content-encoding']).toBeUndefined();
    expect((await get(t.url, '/main-NOTTHERE.js', 'br')).headers['cache-control']).not.toBe('public, max-age=31536000, immutable');
    expect((await get(t.url, '/..%2f..%2fetc%2fpasswd', 'br')).body.toString()).not.toContain('root:');
  });
});

function __dirnameOf(): string {
  return new URL('.', import.meta.url).pathname;
}
