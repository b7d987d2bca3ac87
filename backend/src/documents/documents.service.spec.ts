import { jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';
import { pdfStructure, pdfText } from '../../test/pdf-tools';
import type { AppConfig } from '../config/config';
import { DocumentsService, PAGES_PER_PRINT, PART_MARKER } from './documents.service';

const chromium = process.env['PUPPETEER_EXECUTABLE_PATH'] ?? '/usr/bin/chromium';


jest.setTimeout(60000);

(existsSync(chromium) ? describe : describe.skip)('DocumentsService.pdfInParts (real Chromium, pdf-lib)', () => {
  const service = new DocumentsService({ chromiumPath: chromium, documentPages: 2, documentRecycleAfter: 500 } as AppConfig);
  afterAll(() => service.onApplicationShutdown());

  const rows = (label: string, n: number) => `<table>${Array.from({ length: n }, (_, i) => `<tr><td>${label} row ${i}</td></tr>`).join('')}</table>`;

  it('prints each marked part on its own pages and joins them in order', async () => {
    const html =
      `<!doctype html><html><head><title>Parts</title><style>td { font-size: 30pt; color: rgb(1, 2, 3); }</style></head><body>` +
      `<h1>First</h1>${rows('alpha', 30)}${PART_MARKER}<h1>Second</h1>${rows('beta', 5)}${PART_MARKER}<h1>Third</h1>${rows('gamma', 30)}</body></html>`;
    const joined = await service.pdfInParts(html, { tagged: false });
    const parts = await Promise.all(
      html
        .slice(html.indexOf('<body>') + 6, html.lastIndexOf('</body>'))
        .split(PART_MARKER)
        .map((segment) => service.pdf(html.slice(0, html.indexOf('<body>') + 6) + segment + '</body></html>', { tagged: false })),
    );
    const pageCounts = await Promise.all(parts.map(async (p) => (await PDFDocument.load(p)).getPageCount()));
    expect(pageCounts.every((n) => n >= 1)).toBe(true);
    const doc = await PDFDocument.load(joined);
    expect(doc.getPageCount()).toBe(pageCounts.reduce((a, b) => a + b, 0));
    // The first part's title; loaded without pdf-lib writing its own producer over ours.
    const metadata = await PDFDocument.load(joined, { updateMetadata: false });
    expect([metadata.getTitle(), metadata.getProducer(), metadata.getCreator()]).toEqual(['Parts', 'Aman', 'Aman']);
    // The page objects are countable in the raw bytes, as AuditReportsService counts them.
    expect((joined.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(doc.getPageCount());
    const text = await pdfText(joined, { layout: false });
    const order = ['First', 'alpha row 29', 'Second', 'beta row 4', 'Third', 'gamma row 29'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('tagged: the first part keeps its structure tree, /Lang and alt texts; later parts are appended untagged', async () => {
    const chart = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="c-t c-d" viewBox="0 0 100 40" width="100" height="40">` +
      `<title id="c-t">Share who know how to report</title><desc id="c-d">2025: 40%; 2026: 60%.</desc><rect width="60" height="20"/></svg>`;
    const html =
      `<!doctype html><html lang="id"><head><title>Laporan</title><style>td { font-size: 30pt; }</style></head><body>` +
      `<h1>Laporan</h1><h2>Grafik</h2><div>${chart}</div>${rows('depan', 30)}${PART_MARKER}<h2>Lampiran</h2>${rows('lampiran', 40)}${PART_MARKER}${rows('akhir', 5)}</body></html>`;
    const pdf = await service.pdfInParts(html, { tagged: true });
    const structure = await pdfStructure(pdf);
    const front = await PDFDocument.load(await service.pdf(html.slice(0, html.indexOf(PART_MARKER)) + '</body></html>', { tagged: true }));
    expect(front.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(structure).toMatchObject({ marked: true, lang: 'id', displayDocTitle: true });
    // The front's pages carry the structure; the appended ones none (nor do they break it).
    expect(structure.taggedPages).toEqual(Array.from({ length: front.getPageCount() }, (_, i) => i + 1));
    expect(structure.pages).toBeGreaterThan(front.getPageCount() + 1);
    expect(structure.roles.slice(0, 4)).toEqual(['Document', 'H1', 'H2', 'Figure']);
    expect(structure.roles).toContain('Table');
    expect(structure.figures).toEqual([{ page: 1, alt: 'Share who know how to report 2025: 40%; 2026: 60%.' }]);
    const text = await pdfText(pdf, { layout: false });
    expect(['depan row 29', 'Lampiran', 'lampiran row 39', 'akhir row 4'].map((s) => text.includes(s))).toEqual([true, true, true, true]);
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(structure.pages);
    // Untagged by request: no structure at all.
    expect(await pdfStructure(await service.pdfInParts(html, { tagged: false }))).toMatchObject({ marked: false, taggedPages: [], figures: [] });
  });

  it('prints a document without markers in one piece', async () => {
    const pdf = await service.pdfInParts(`<html><head></head><body>${rows('solo', 3)}</body></html>`);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect(await pdfText(pdf, { layout: false })).toContain('solo row 2');
  });

  describe('pdfEach', () => {
    const doc = (i: number, lang = 'id', lines = 1) =>
      `<!doctype html><html lang="${lang}"><head><title>Sertifikat &amp; no. ${i}</title><style>@page { size: A4 landscape; margin: 0 } p { font-size: 40pt; margin: 0 }</style></head>` +
      `<body>${Array.from({ length: lines }, () => `<p>Holder number ${i}</p>`).join('')}</body></html>`;

    it('prints several one-page documents together and gives each its own one-page PDF, title and language', async () => {
      const count = PAGES_PER_PRINT + 3;
      const pdfs = await service.pdfEach(Array.from({ length: count }, (_, i) => doc(i)), { landscape: true });
      expect(pdfs).toHaveLength(count);
      for (const [i, pdf] of pdfs.entries()) {
        const read = await PDFDocument.load(pdf, { updateMetadata: false });
        expect(read.getPageCount()).toBe(1);
        expect(read.getTitle()).toBe(`Sertifikat & no. ${i}`);
        expect(read.getProducer()).toBe('Aman');
        expect(read.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(id)');
        const text = (await pdfText(pdf, { layout: false })).trim();
        // Its own text only, nothing of the documents it was printed with.
        expect(text).toBe(`Holder number ${i}`);
      }
    });

    it('prints a document that does not fit one page on its own, whole, and the others still one page each', async () => {
      const pdfs = await service.pdfEach([doc(0), doc(1, 'en', 40), doc(2)]);
      const pages = await Promise.all(pdfs.map(async (pdf) => (await PDFDocument.load(pdf)).getPageCount()));
      expect(pages[0]).toBe(1);
      expect(pages[1]).toBeGreaterThan(1);
      expect(pages[2]).toBe(1);
      expect(await pdfText(pdfs[1], { layout: false })).not.toContain('Holder number 0');
      expect((await PDFDocument.load(pdfs[1], { updateMetadata: false })).catalog.get(PDFName.of('Lang'))?.toString()).toBe('(en)');
    });
  });
});
