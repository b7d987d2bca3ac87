import { jest } from '@jest/globals';
import { CatalogService } from '../src/catalog/catalog.service';
import { CERTIFICATE_LABELS, CertificatesService } from '../src/certificates/certificates.service';
import { DocumentsService } from '../src/documents/documents.service';
import { LearningService } from '../src/learning/learning.service';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';
import { englishLeft } from './language-check';
import { pdfFonts, pdfText, qrPayload } from './pdf-tools';
import { drawnAnswers, readAllLessons } from './quiz-fixtures';

const slug = 'recognising-harassment';


async function pdfOf(base: string, token: string, serial: string): Promise<{ status: number; body: Buffer; type: string | null }> {
  const res = await fetch(`${base}/api/certificates/${serial}/pdf`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

jest.setTimeout(90000);

describe('certificates (real Chromium, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let adminToken: string;

  /** A learner who passes the module through the API; returns the serial from the attempt. */
  async function passModule(name: string, locale: 'id' | 'en' = 'en') {
    const person = await addPerson(t.dataSource, org.id, { password: true, name });
    await t.dataSource.query(`UPDATE users SET locale = $2 WHERE id = $1`, [person.id, locale]);
    await t.dataSource.transaction((m) => t.app.get(LearningService).assign(m, org.id, [person.id], slug, '2099-01-01'));
    const token = await login(t.url, person.email, PASSWORD);
    const module = t.app.get(CatalogService).get(slug)!;
    await readAllLessons(t.dataSource, person.id, module);
    const answers = await drawnAnswers(t.url, t.dataSource, token, module, true);
    const attempt = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token, body: { answers } });
    if (!attempt.body.passed) throw new Error(JSON.stringify(attempt));
    return { person, token, serial: attempt.body.certificateSerial as string };
  }

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://aman.example.org' });
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
  });
  afterAll(() => t.close());

  it('issues a certificate on a pass without rendering in the request, and renders it in the background', async () => {
    const { serial, token } = await passModule('Sari Wulandari');
    expect(serial).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
    const [row] = await t.dataSource.query(`SELECT pdf IS NULL AS pending FROM certificates WHERE serial = $1`, [serial]);
    expect(row.pending).toBe(true);
    // Any instance's background worker may claim it (test apps of other files share this database
    // and claim across organisations), so wait for it to be rendered by whoever took it.
    let after: { sha256: string | null } = { sha256: null };
    for (let tries = 0; tries < 60 && !after.sha256; tries++) {
      await t.app.get(CertificatesService).renderPending();
      [after] = await t.dataSource.query(`SELECT sha256 FROM certificates WHERE serial = $1`, [serial]);
      if (!after.sha256) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(after.sha256).toMatch(/^[0-9a-f]{64}$/);
    const mine = await api(t.url, 'GET', '/api/my/assignments', { token });
    expect(mine.body[0].certificateSerial).toBe(serial);
  });

  it("prints an Indonesian holder's certificate in Indonesian, with the organisation's signatory, the module's duration and the score", async () => {
    const settings = await api(t.url, 'GET', `/api/organizations/${org.id}/settings`, { token: org.hrToken });
    const { name: _name, ...facts } = settings.body;
    const signatory = { name: 'Dr. Ratna Sari', title: { id: 'Ketua Satgas PPKS', en: 'Chair of the task force' } };
    const saved = await api(t.url, 'PUT', `/api/organizations/${org.id}/settings`, { token: org.hrToken, body: { ...facts, certificateSignatory: signatory } });
    expect(saved.status).toBe(200);
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}/settings`, { token: org.hrToken })).body.certificateSignatory).toEqual(signatory);
    const bad = await api(t.url, 'PUT', `/api/organizations/${org.id}/settings`, { token: org.hrToken, body: { ...facts, certificateSignatory: { name: '', title: { id: 'x' } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['certificateSignatory.name', 'certificateSignatory.title.en']);

    const { serial, token } = await passModule('Ayu Pertiwi', 'id');
    const module = t.app.get(CatalogService).get(slug)!;
    const text = (await pdfText((await pdfOf(t.url, token, serial)).body)).replace(/\s+/g, ' ');
    expect(text).toContain('Sertifikat Pelatihan');
    expect(text).toContain(module.title.id);
    expect(text).toContain('Dr. Ratna Sari');
    expect(text).toContain('Ketua Satgas PPKS');
    expect(text).not.toContain('Chair of the task force');
    expect(englishLeft(text, CERTIFICATE_LABELS.en, CERTIFICATE_LABELS.id)).toEqual([]);
    expect(text).toContain(`Perkiraan durasi ${module.estimatedMinutes} menit`);
    expect(text).toContain('Nilai kuis 100/100');
    // The signatory takes room from nothing else: the serial and the verification address stay whole.
    expect(text).toContain(serial);
    expect(text).toContain(`https://aman.example.org/verify/${serial}`);
    const en = await passModule('Ben Carter', 'en');
    const englishText = (await pdfText((await pdfOf(t.url, en.token, en.serial)).body)).replace(/\s+/g, ' ');
    // The title may wrap in its 50 mm block, and the text extraction then interleaves its lines with
    // the block beside it: its words, in order, and not the Indonesian title.
    expect(englishText).toMatch(/Chair\b.*\bof\b.*\bthe\b.*\btask\b.*\bforce\b/);
    expect(englishText).not.toContain('Ketua Satgas PPKS');
    expect(englishText).toContain(`Estimated duration ${module.estimatedMinutes} minutes`);
    expect(englishText).toContain('Quiz score 100/100');
  });

  it('renders a real PDF whose text has the holder, module, serial and dates, with the verify URL in the QR code', async () => {
    const { serial, token } = await passModule('Dewi Lestari Hidayat');
    // Issued at 03:00 on 11 March in Jakarta, still 10 March in UTC: the certificate prints the organisation's day.
    await t.dataSource.query(`UPDATE certificates SET issued_at = '2026-03-10T20:00:00Z' WHERE serial = $1`, [serial]);
    const pdf = await pdfOf(t.url, token, serial);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = await pdfText(pdf.body);
    expect(text).toContain('Dewi Lestari Hidayat');
    expect(text).toContain('Recognising Sexual Harassment and Violence at Work');
    expect(text).toContain(serial);
    expect(text).toContain(`Org ${org.code}`);
    const [row] = await t.dataSource.query(`SELECT to_char(expires_on, 'YYYY-MM-DD') AS expires FROM certificates WHERE serial = $1`, [serial]);
    const fmt = (d: Date) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
    expect(text).toContain('11 March 2026');
    expect(text).not.toContain('10 March 2026');
    expect(text).toContain(fmt(new Date(row.expires)));
    expect(text).toContain(`https://aman.example.org/verify/${serial}`);
    // The QR code printed in the PDF decodes to exactly the verification URL.
    expect(await qrPayload(pdf.body)).toBe(`https://aman.example.org/verify/${serial}`);
    // The bundled fonts are the ones embedded, not whatever the machine has.
    const fonts = await pdfFonts(pdf.body);
    expect(fonts).toMatch(/NotoSans-Regular/);
    expect(fonts).toMatch(/NotoSerif-Bold/);
    // A later download returns the stored bytes, not a new render.
    const again = await pdfOf(t.url, token, serial);
    expect(again.body.equals(pdf.body)).toBe(true);
  });

  it('lets the holder, HR and a named-engagement auditor download; anyone else gets 404', async () => {
    const { serial } = await passModule('Budi Santoso');
    expect((await pdfOf(t.url, org.hrToken, serial)).status).toBe(200);
    const stranger = await addPerson(t.dataSource, org.id, { password: true });
    expect((await pdfOf(t.url, await login(t.url, stranger.email, PASSWORD), serial)).status).toBe(404);
    const other = await onboardOrganization(t.url, adminToken);
    expect((await pdfOf(t.url, other.hrToken, serial)).status).toBe(404);
    expect((await pdfOf(t.url, org.hrToken, 'AAAA-BBBB-CCCC-DDDD-EEEE')).status).toBe(404);

    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: `P ${org.code} ${Date.now()}` } });
    const auditor = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email: `aud-${Date.now()}@p.test`, name: 'Aud' } });
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($1)) WHERE id = $2`, [org.hrEmail, auditor.body.id]);
    const auditorToken = await login(t.url, auditor.body.email, PASSWORD);
    await api(t.url, 'POST', '/api/engagements', { token: adminToken, body: { partnerId: partner.body.id, organizationId: org.id, periodStart: '2020-01-01', periodEnd: '2099-01-01', scope: 'aggregate' } });
    expect((await pdfOf(t.url, auditorToken, serial)).status).toBe(404);
    await api(t.url, 'POST', '/api/engagements', { token: adminToken, body: { partnerId: partner.body.id, organizationId: org.id, periodStart: '2020-01-01', periodEnd: '2099-01-01', scope: 'named' } });
    expect((await pdfOf(t.url, auditorToken, serial)).status).toBe(200);
    const reads = await t.dataSource.query(`SELECT 1 FROM audit_entries WHERE actor_id = $1 AND action = 'auditor.read'`, [auditor.body.id]);
    expect(reads).toHaveLength(1);
  });

  it('verifies publicly with the holder masked, counts verifications, and reflects revocation and expiry', async () => {
    const { serial } = await passModule('Rina Siregar');
    const res = await api(t.url, 'GET', `/api/verify/${serial.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serial, valid: true, holder: 'R*** S***', module: 'Recognising Sexual Harassment and Violence at Work', organization: `Org ${org.code}`, revoked: false });
    expect(JSON.stringify(res.body)).not.toContain('Rina');
    expect((await api(t.url, 'GET', '/api/verify/AAAA-BBBB-CCCC-DDDD-EEEE')).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/verify/not-a-serial')).status).toBe(404);

    expect((await api(t.url, 'POST', `/api/certificates/${serial}/revoke`, { token: org.hrToken, body: {} })).status).toBe(400);
    const other = await onboardOrganization(t.url, adminToken);
    expect((await api(t.url, 'POST', `/api/certificates/${serial}/revoke`, { token: other.hrToken, body: { reason: 'x' } })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/certificates/${serial}/revoke`, { token: org.hrToken, body: { reason: 'Completed on behalf of someone else' } })).status).toBe(201);
    expect((await api(t.url, 'POST', `/api/certificates/${serial}/revoke`, { token: org.hrToken, body: { reason: 'again' } })).status).toBe(409);
    expect((await api(t.url, 'GET', `/api/verify/${serial}`)).body).toMatchObject({ valid: false, revoked: true });

    const list = await api(t.url, 'GET', `/api/certificates?q=${serial}`, { token: org.hrToken });
    expect(list.body.items[0]).toMatchObject({ serial, verifications: 2 });

    const expiring = await passModule('Yuni Pratama');
    await t.dataSource.query(`UPDATE certificates SET expires_on = current_date - 1 WHERE serial = $1`, [expiring.serial]);
    await t.dataSource.query(`UPDATE assignments SET expires_on = current_date - 1 WHERE id = (SELECT assignment_id FROM certificates WHERE serial = $1)`, [expiring.serial]);
    expect((await api(t.url, 'GET', `/api/verify/${expiring.serial}`)).body).toMatchObject({ valid: false, expired: true, revoked: false });
    const mine = await api(t.url, 'GET', '/api/my/assignments', { token: expiring.token });
    expect(mine.body[0].status).toBe('expired');
  });

  it('rate-limits public verification per address', async () => {
    const key = `test-${Date.now()}`;
    const sut = t.app.get(CertificatesService);
    for (let i = 0; i < 60; i++) await sut.verify('AAAA-BBBB-CCCC-DDDD-EEEE', key).catch(() => undefined);
    await expect(sut.verify('AAAA-BBBB-CCCC-DDDD-EEEE', key)).rejects.toMatchObject({ status: 429 });
  });

  it('survives Chromium being killed in the middle of a batch', async () => {
    const documents = t.app.get(DocumentsService);
    const html = '<html><body><h1>Batch</h1></body></html>';
    await documents.pdf(html);
    const pid = await documents.browserPid();
    expect(pid).toBeGreaterThan(0);
    const batch = Array.from({ length: 6 }, () => documents.pdf(html).then(() => 'ok', (e: Error) => e.message));
    process.kill(pid!, 'SIGKILL');
    const outcomes = await Promise.all(batch);
    // Each render in flight either succeeded (retried on a fresh browser) or answered the clear 503 message.
    for (const outcome of outcomes) expect(outcome).toMatch(/^(ok|The PDF could not be rendered right now)/);
    const next = await documents.pdf(html);
    expect(await pdfText(next)).toContain('Batch');
    expect(await documents.browserPid()).not.toBe(pid);
  });
});
