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

/** A node of a page's structure tree as pdf.js reads it (`page.getStructTree()`). */
interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  type?: string;
  children?: StructNode[];
}

export interface PdfStructure {
  pages: number;
  /** MarkInfo /Marked in the catalog. */
  marked: boolean;
  /** /Lang in the catalog. */
  lang: string | null;
  /** ViewerPreferences /DisplayDocTitle: the viewer shows the title, not the file name. */
  displayDocTitle: boolean;
  /** 1-based numbers of the pages whose content is in the structure tree. */
  taggedPages: number[];
  /** Every structure element's role but Chromium's NonStruct wrappers, in reading order, page by page (a node spanning pages repeats). */
  roles: string[];
  figures: { page: number; alt: string | null }[];
}

/**
 * The tagged structure as pdf.js (Firefox's reader) sees it, and the catalog's entries as pdf-lib
 * reads them: what a screen reader gets from the PDF.
 */
export async function pdfStructure(pdf: Buffer): Promise<PdfStructure> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { PDFBool, PDFDict, PDFDocument, PDFName, PDFString } = await import('pdf-lib');
  const catalog = (await PDFDocument.load(pdf, { updateMetadata: false })).catalog;
  const lang = catalog.lookupMaybe(PDFName.of('Lang'), PDFString)?.decodeText() ?? null;
  const prefs = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const out: PdfStructure = {
      pages: doc.numPages,
      marked: Boolean((await doc.getMarkInfo())?.Marked),
      lang,
      displayDocTitle: prefs?.lookupMaybe(PDFName.of('DisplayDocTitle'), PDFBool)?.asBoolean() ?? false,
      taggedPages: [],
      roles: [],
      figures: [],
    };
    for (let n = 1; n <= doc.numPages; n++) {
      const tree = (await (await doc.getPage(n)).getStructTree()) as StructNode | null;
      let content = false;
      const walk = (node: StructNode) => {
        if (node.type === 'content') content = true;
        if (node.role && node.role !== 'Root' && node.role !== 'NonStruct') out.roles.push(node.role);
        if (node.role === 'Figure') out.figures.push({ page: n, alt: node.alt ?? null });
        node.children?.forEach(walk);
      };
      if (tree) walk(tree);
      if (content) out.taggedPages.push(n);
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
