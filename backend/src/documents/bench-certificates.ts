import puppeteer from 'puppeteer';
import QRCode from 'qrcode';
import type { AppConfig } from '../config/config';
import { DocumentsService } from './documents.service';

/**
 * `npm run bench:certificates [-- N]`: N certificates through the rendering service and, in the
 * same run, the same HTML through raw Chromium `page.pdf()` on 2 reused pages (the floor).
 */
export async function benchCertificates(config: AppConfig, n: number): Promise<void> {
  if (!config.chromiumPath) throw new Error('No Chromium found: apt-get install -y chromium or set PUPPETEER_EXECUTABLE_PATH');
  const service = new DocumentsService(config);
  const verifyUrl = `${config.publicUrl}/verify/7K3M-Q9TX-ABCD-EFGH-JKMN`;
  const html = service.renderHtml('certificate', {
    lang: 'id',
    t: { title: 'Sertifikat Pelatihan', certifies: 'Dengan ini menerangkan bahwa', completed: 'telah menyelesaikan modul pelatihan', at: 'di', issued: 'Tanggal terbit', expires: 'Berlaku sampai', version: 'Versi modul', serial: 'Nomor seri', verify: 'Pindai untuk memverifikasi' },
    holder: 'Sari Wulandari',
    module: 'Mengenali Pelecehan dan Kekerasan Seksual di Tempat Kerja',
    organization: 'Dinas Sosial Provinsi Nusa Demo',
    issuedOn: '25 November 2026',
    expiresOn: '25 November 2027',
    versionShort: 'a9821441c0de',
    serial: '7K3M-Q9TX-ABCD-EFGH-JKMN',
    verifyUrl,
    qrDataUrl: await QRCode.toDataURL(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 300 }),
  });
  const concurrency = config.documentPages * 2;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

  // Warm-up launches the browser so start-up is not counted.
  await service.pdf(html, { landscape: true });
  const memStart = await service.memoryBytes();
  let next = 0;
  let memPeak = memStart;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        await service.pdf(html, { landscape: true });
        if (next % 100 === 0) memPeak = Math.max(memPeak, await service.memoryBytes());
      }
    }),
  );
  const serviceSeconds = (performance.now() - started) / 1000;
  const memEnd = await service.memoryBytes();
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
        rawNext++;
        await page.setContent(html, { waitUntil: 'load' });
        await page.pdf({ format: 'A4', landscape: true, printBackground: true });
      }
    }),
  );
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  await browser.close();

  const serviceRate = n / serviceSeconds;
  const rawRate = n / rawSeconds;
  console.log(`certificates: ${n} A4 landscape PDFs (${(html.length / 1024).toFixed(0)} KB of HTML each, bundled fonts via fontconfig)`);
  console.log(`  rendering service (${config.documentPages} pages): ${serviceRate.toFixed(1)}/s  (${serviceSeconds.toFixed(1)} s)`);
  console.log(`  raw page.pdf() floor (2 pages):  ${rawRate.toFixed(1)}/s  (${rawSeconds.toFixed(1)} s)`);
  console.log(`  ratio service/floor:             ${(serviceRate / rawRate).toFixed(2)}`);
  console.log(`  Chromium memory: start ${mb(memStart)}, peak ${mb(memPeak)}, end ${mb(memEnd)} (browser recycled every ${config.documentRecycleAfter} renders)`);
  console.log(`  goals: >= 40/s ${serviceRate >= 40 ? 'met' : 'NOT met'}; >= 0.85 x floor ${serviceRate / rawRate >= 0.85 ? 'met' : 'NOT met'}`);
}
