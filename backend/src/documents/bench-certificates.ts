import puppeteer from 'puppeteer';
import QRCode from 'qrcode';
import { CERTIFICATE_LABELS, RENDER_CLAIM } from '../certificates/certificates.service';
import type { AppConfig } from '../config/config';
import { DocumentsService, joinAsPages, PAGES_PER_PRINT } from './documents.service';

/**
 * `npm run bench:certificates [-- N]`: N certificates through the rendering service as the
 * background renderer prints them (DocumentsService.pdfEach, RENDER_CLAIM at a time) and, in the
 * same run, the same HTML through raw Chromium `page.pdf()` on 2 reused pages, one print per
 * certificate (the floor of that way), then what each cost factor adds (printed one per print through
 * the service's pages, N/5 each). Each certificate has its own holder, serial and QR code.
 */
export async function benchCertificates(config: AppConfig, n: number): Promise<void> {
  if (!config.chromiumPath) throw new Error('No Chromium found: apt-get install -y chromium or set PUPPETEER_EXECUTABLE_PATH');
  const service = new DocumentsService(config);
  const names = ['Sari Wulandari', 'Budi Santoso', 'Dewi Lestari Hidayat', 'Ayu Pertiwi', 'Rina Siregar', 'Yohanes Manurung', 'Ni Luh Putu Ariani'];
  const certificate = async (i: number) => {
    const serial = `7K3M-Q9TX-${String(i).padStart(4, '0')}-EFGH-JKMN`;
    const verifyUrl = `${config.publicUrl}/verify/${serial}`;
    return service.renderHtml('certificate', {
      lang: 'id',
      t: CERTIFICATE_LABELS.id,
      holder: names[i % names.length],
      module: 'Mengenali Pelecehan dan Kekerasan Seksual di Tempat Kerja',
      organization: 'Dinas Sosial Provinsi Nusa Demo',
      issuedOn: '25 November 2026',
      expiresOn: '25 November 2027',
      versionShort: 'a9821441c0de',
      score: '100/100',
      duration: 20,
      signatory: { name: 'Dr. Ratna Sari', title: 'Ketua Satgas PPKS' },
      serial,
      verifyUrl,
      qrSvg: await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    });
  };
  const htmlStarted = performance.now();
  const htmls: string[] = [];
  for (let i = 0; i < n; i++) htmls.push(await certificate(i));
  const htmlMs = (performance.now() - htmlStarted) / n;
  const html = htmls[0];
  const concurrency = config.documentPages * 2;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const rate = async (count: number, print: (i: number) => Promise<unknown>, callers = concurrency) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: callers }, async () => { while (next < count) await print(next++); }));
    return count / ((performance.now() - started) / 1000);
  };

  // Warm-up launches the browser so start-up is not counted.
  await service.pdfEach(htmls.slice(0, RENDER_CLAIM), { landscape: true });
  const memStart = await service.memoryBytes();
  let memPeak = memStart;
  // As CertificatesService.renderPending does: one claim of RENDER_CLAIM after the other.
  const started = performance.now();
  for (let i = 0; i < n; i += RENDER_CLAIM) {
    await service.pdfEach(htmls.slice(i, i + RENDER_CLAIM), { landscape: true });
    if ((i / RENDER_CLAIM) % 5 === 0) memPeak = Math.max(memPeak, await service.memoryBytes());
  }
  const serviceSeconds = (performance.now() - started) / 1000;
  const memEnd = await service.memoryBytes();

  // What each factor costs, each printed one per print on the service's pages (m each).
  const m = Math.max(20, Math.round(n / 5));
  // The QR code as the template printed it before: a PNG data URL in an <img> of the same size.
  const png = await QRCode.toDataURL(`${config.publicUrl}/verify/7K3M-Q9TX-0000-EFGH-JKMN`, { errorCorrectionLevel: 'M', margin: 1, width: 300 });
  const pngHtml = html.replace(/<svg[\s\S]*<\/svg>/, `<img src="${png}" alt="QR" style="width: 34mm; height: 34mm; display: block; margin: 0 auto 1mm">`);
  const ablations: [string, number][] = [];
  const ablate = async (label: string, variant: string, options: { tagged?: boolean } = {}) =>
    ablations.push([label, await rate(m, () => service.pdf(variant, { landscape: true, tagged: false, ...options }))]);
  const single = await rate(m, (i) => service.pdfEach([htmls[i % n]], { landscape: true }));
  await ablate('the certificate, untagged', html);
  await ablate('  tagged (structure tree)', html, { tagged: true });
  await ablate('  QR as a 300 px PNG instead of SVG', pngHtml);
  await ablate('  without the QR code', html.replace(/<svg[\s\S]*<\/svg>/, ''));
  await ablate('  one font face (Noto Sans regular)', html.replace('</style>', "* { font-family: 'Noto Sans', sans-serif !important; font-weight: 400 !important; }</style>"));
  await ablate('  without borders', html.replace('</style>', '.sheet, .inner, .signatory .line { border: 0 !important; }</style>'));
  await ablate('  without any text or QR (borders only)', html.replace(/<div class="inner">[\s\S]*<\/body>/, '<div class="inner"></div></div></body>'));
  await ablate('  a blank page (the cost of a print)', '<!doctype html><html><body></body></html>');
  const batch = joinAsPages(htmls.slice(0, PAGES_PER_PRINT));
  ablations.push([`  ${PAGES_PER_PRINT} per print, not split`, (await rate(Math.ceil(m / PAGES_PER_PRINT), () => service.pdf(batch, { landscape: true, tagged: false }), config.documentPages)) * PAGES_PER_PRINT]);
  await service.onApplicationShutdown();

  const browser = await puppeteer.launch({
    executablePath: config.chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const pages = await Promise.all(Array.from({ length: 2 }, () => browser.newPage()));
  await pages[0].setContent(html, { waitUntil: 'load' });
  await pages[0].pdf({ format: 'A4', landscape: true, printBackground: true });
  let rawNext = 0;
  const rawStarted = performance.now();
  await Promise.all(
    pages.map(async (page) => {
      while (rawNext < n) {
        await page.setContent(htmls[rawNext++ % n], { waitUntil: 'load' });
        await page.pdf({ format: 'A4', landscape: true, printBackground: true });
      }
    }),
  );
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  await browser.close();

  const serviceRate = n / serviceSeconds;
  const rawRate = n / rawSeconds;
  console.log(`certificates: ${n} A4 landscape PDFs (${(html.length / 1024).toFixed(0)} KB of HTML each, bundled fonts via fontconfig)`);
  console.log(`  rendering service (${config.documentPages} pages): ${serviceRate.toFixed(1)}/s  (${serviceSeconds.toFixed(1)} s; ${RENDER_CLAIM} per call, up to ${PAGES_PER_PRINT} per print, split with pdf-lib)`);
  console.log(`  raw page.pdf() floor (2 pages):  ${rawRate.toFixed(1)}/s  (${rawSeconds.toFixed(1)} s; one certificate per print)`);
  console.log(`  ratio service/floor:             ${(serviceRate / rawRate).toFixed(2)}`);
  console.log(`  Chromium memory: start ${mb(memStart)}, peak ${mb(memPeak)}, end ${mb(memEnd)} (browser recycled every ${config.documentRecycleAfter} renders)`);
  console.log(`  goals: >= 40/s ${serviceRate >= 40 ? 'met' : 'NOT met'}; >= 0.85 x floor ${serviceRate / rawRate >= 0.85 ? 'met' : 'NOT met'}`);
  console.log(`  building the HTML (template + QR code): ${htmlMs.toFixed(1)} ms per certificate (not in the rates)`);
  console.log(`  rendering service, one certificate alone (a download before the background render): ${single.toFixed(1)}/s`);
  console.log(`  what costs (${m} each through the service's pages, one print each unless said; certificates/s):`);
  for (const [label, value] of ablations) console.log(`    ${label.padEnd(42)} ${value.toFixed(1).padStart(6)}/s  ${(1000 / value).toFixed(0).padStart(4)} ms each`);
}
