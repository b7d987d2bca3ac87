import { Inject, Injectable, Logger, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import Handlebars from 'handlebars';
import { decodeHTML } from 'entities';
import { PDFDocument } from 'pdf-lib';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { documentsAssetsDir } from './assets';
import { ChromiumPool, type PdfOptions } from './chromium-pool';

export const NO_CHROMIUM_MESSAGE =
  'PDF documents are unavailable: no Chromium was found. Install one (Debian/Ubuntu: apt-get install -y chromium) ' +
  'or set PUPPETEER_EXECUTABLE_PATH to its executable, then restart Aman.';

/** Where a long document may be cut into separately printed parts (see pdfInParts). */
export const PART_MARKER = '<!--aman:part-->';

export class DocumentRenderError extends ServiceUnavailableException {}

/** At most this many one-page documents share one Chromium print in DocumentsService.pdfEach. */
export const PAGES_PER_PRINT = 10;

/**
 * Whole one-page HTML documents as the pages of one: the first one's `<head>` (its styles serve all),
 * then each `<body>`'s content on a page of its own.
 */
export function joinAsPages(htmls: string[]): string {
  if (htmls.some((html) => !html.includes('<body>') || !html.includes('</body>'))) throw new Error('Joining pages needs whole HTML documents, each with <body>');
  const body = (html: string) => html.slice(html.indexOf('<body>') + '<body>'.length, html.lastIndexOf('</body>'));
  const head = htmls[0].slice(0, htmls[0].indexOf('<body>') + '<body>'.length);
  return head + htmls.map((html, i) => (i === 0 ? body(html) : `<div style="break-before: page">${body(html)}</div>`)).join('') + '</body></html>';
}

/**
 * The one rendering service: handlebars templates compiled once, fonts bundled and inlined, printed
 * by one shared Chromium with a small pool of reused pages. A failed render is retried once (on a
 * fresh browser if it crashed) and otherwise answers a clear 503; it never takes the app down.
 */
@Injectable()
export class DocumentsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private readonly pool: ChromiumPool | null;
  private readonly hbs = Handlebars.create();
  private readonly templates = new Map<string, HandlebarsTemplateDelegate>();
  private assetsDir: string | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.pool = config.chromiumPath
      ? new ChromiumPool({
          executablePath: config.chromiumPath,
          pages: config.documentPages,
          recycleAfter: config.documentRecycleAfter,
          timeoutMs: 30000,
          env: { FONTCONFIG_FILE: this.fontconfigFile() },
        })
      : null;
    this.hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  }

  get available(): boolean {
    return this.pool !== null;
  }

  ensureAvailable(): void {
    if (!this.pool) throw new ServiceUnavailableException(NO_CHROMIUM_MESSAGE);
  }

  private assets(): string {
    this.assetsDir ??= documentsAssetsDir();
    return this.assetsDir;
  }

  /** Compiled once per template name. */
  template(name: string): HandlebarsTemplateDelegate {
    let template = this.templates.get(name);
    if (!template) {
      template = this.hbs.compile(readFileSync(join(this.assets(), 'templates', `${name}.hbs`), 'utf8'), { strict: true });
      this.templates.set(name, template);
    }
    return template;
  }

  /**
   * Chromium finds the bundled fonts through fontconfig, so documents look the same on every
   * machine without inlining megabytes of font data into each page.
   */
  private fontconfigFile(): string {
    const dir = mkdtempSync(join(tmpdir(), 'aman-fonts-'));
    const file = join(dir, 'fonts.conf');
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${join(this.assets(), 'fonts')}</dir>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n`,
    );
    return file;
  }

  renderHtml(name: string, data: object): string {
    return this.template(name)(data);
  }

  async pdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
    this.ensureAvailable();
    try {
      return await this.pool!.pdf(html, options);
    } catch (first) {
      this.logger.warn(`render failed, retrying once: ${String(first)}`);
      try {
        return await this.pool!.pdf(html, options);
      } catch (second) {
        this.logger.error(`render failed twice: ${String(second)}`);
        throw new DocumentRenderError('The PDF could not be rendered right now. Please try again in a moment.');
      }
    }
  }

  /**
   * A long document printed in parts: the HTML is cut at top-level `<!--aman:part-->` markers, each
   * part (same head and styles) is printed on its own pool page, and the PDFs are joined with pdf-lib.
   * One giant page.pdf() holds the whole layout in one renderer and uses one core; parts bound the
   * memory and print side by side. Each part starts on a new page. Without markers: one print.
   *
   * `tagged` tags the first part only: the joined document is that part's own PDF (its catalog keeps
   * the structure tree, MarkInfo and /Lang) with the other parts' pages appended untagged. pdf-lib
   * cannot merge structure trees, and tagging thousands of table rows doubles a print, so a document
   * puts what a reader navigates (headings, tables, charts) in its first part and long listings after.
   */
  async pdfInParts(html: string, options: PdfOptions = {}): Promise<Buffer> {
    const bodyStart = html.indexOf('<body>') + '<body>'.length;
    const bodyEnd = html.lastIndexOf('</body>');
    const segments = html.slice(bodyStart, bodyEnd).split(PART_MARKER);
    if (bodyStart < '<body>'.length || bodyEnd < bodyStart || segments.length === 1) return this.pdf(html, options);
    const head = html.slice(0, bodyStart);
    const tail = html.slice(bodyEnd);
    const parts = await Promise.all(segments.map((segment, i) => this.pdf(head + segment + tail, { ...options, tagged: i === 0 ? options.tagged : false })));
    // Each part parsed once; the first is the document (title, and when tagged its structure), loaded
    // without pdf-lib writing its own producer over ours.
    const joined = await PDFDocument.load(parts[0], { updateMetadata: false });
    for (const part of parts.slice(1)) {
      const source = await PDFDocument.load(part, { updateMetadata: false });
      for (const page of await joined.copyPages(source, source.getPageIndices())) joined.addPage(page);
    }
    // The title, not the file name, in a viewer's title bar (PDF/UA asks for it).
    joined.setTitle(joined.getTitle() ?? '', { showInWindowTitleBar: true });
    joined.setProducer('Aman');
    joined.setCreator('Aman');
    // Plain objects (no object streams): the page objects stay countable and the file reads in any tool.
    return Buffer.from(await joined.save({ useObjectStreams: false }));
  }

  /**
   * Many one-page documents (certificates), each its own PDF. Most of a print's cost is the print
   * itself (bench:certificates, 2 cores: 57 ms for a blank page, 81 ms for a certificate), so up to
   * PAGES_PER_PRINT documents are printed as the pages of one print (joinAsPages) and split apart
   * with pdf-lib: 78 certificates/s against 9–12/s printed one each (2026-12-06). Each split
   * document gets its own title and /Lang back from its HTML; it keeps only its own page, content
   * and images, but a font subset covers the glyphs of its whole print. Prints are untagged: pdf-lib
   * cannot split a structure tree. Each HTML must be a whole document of one page sharing the
   * first one's styles (its `<head>` is used for all); a print that does not come out as one page
   * per document is redone one document per print, where a document may have more pages.
   */
  async pdfEach(htmls: string[], options: Omit<PdfOptions, 'tagged'> = {}): Promise<Buffer[]> {
    const prints = Math.ceil(htmls.length / PAGES_PER_PRINT);
    const size = Math.ceil(htmls.length / Math.max(prints, 1));
    const chunks = Array.from({ length: prints }, (_, i) => htmls.slice(i * size, (i + 1) * size));
    return (await Promise.all(chunks.map((chunk) => this.printTogether(chunk, options)))).flat();
  }

  private async printTogether(htmls: string[], options: PdfOptions): Promise<Buffer[]> {
    const source = await PDFDocument.load(await this.pdf(joinAsPages(htmls), { ...options, tagged: false }), { updateMetadata: false });
    if (htmls.length > 1 && source.getPageCount() !== htmls.length) {
      return (await Promise.all(htmls.map((html) => this.printTogether([html], options)))).flat();
    }
    return Promise.all(
      htmls.map(async (html, i) => {
        const doc = await PDFDocument.create({ updateMetadata: false });
        // Alone in its print, a document keeps all its pages (one that overflowed stays whole).
        for (const page of await doc.copyPages(source, htmls.length === 1 ? source.getPageIndices() : [i])) doc.addPage(page);
        doc.setTitle(decodeHTML(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''), { showInWindowTitleBar: true });
        const lang = /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1];
        if (lang) doc.setLanguage(lang);
        doc.setProducer('Aman');
        doc.setCreator('Aman');
        doc.setCreationDate(new Date());
        return Buffer.from(await doc.save({ useObjectStreams: false }));
      }),
    );
  }

  async render(name: string, data: object, options: PdfOptions = {}): Promise<Buffer> {
    return this.pdf(this.renderHtml(name, data), options);
  }

  /** `unavailable`: no Chromium installed; `down`: the browser died or cannot start and a relaunch just failed. */
  async health(): Promise<'up' | 'down' | 'unavailable'> {
    return this.pool ? this.pool.health() : 'unavailable';
  }

  browserPid(): Promise<number | null> {
    return this.pool?.pid() ?? Promise.resolve(null);
  }

  memoryBytes(): Promise<number> {
    return this.pool?.memoryBytes() ?? Promise.resolve(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.close();
  }
}
