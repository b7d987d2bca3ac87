import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/*
 * Poppler's tools read the PDFs back, as a person's viewer would. Asynchronous on purpose: the test
 * app's HTTP server runs in the same process, and a synchronous child process would freeze its
 * keep-alive timers together with the client's, so the next request could race a closing socket.
 */
const run = promisify(execFile);

function saved(pdf: Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aman-pdf-'));
  const file = join(dir, 'document.pdf');
  writeFileSync(file, pdf);
  return { dir, file };
}

/** The PDF's text as pdftotext reads it (`-layout` keeps table rows on one line). */
export async function pdfText(pdf: Buffer, options: { layout?: boolean } = { layout: true }): Promise<string> {
  const { file } = saved(pdf);
  const { stdout } = await run('pdftotext', [...(options.layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The fonts embedded in the PDF, as pdffonts lists them. */
export async function pdfFonts(pdf: Buffer): Promise<string> {
  const { file } = saved(pdf);
  const { stdout } = await run('pdffonts', [file], { encoding: 'utf8' });
  return stdout;
}

/** Rasterises the first page with pdftoppm and decodes the QR code on it. */
export async function qrPayload(pdf: Buffer): Promise<string | null> {
  const { dir, file } = saved(pdf);
  await run('pdftoppm', ['-png', '-r', '150', '-singlefile', file, join(dir, 'page')]);
  const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
