import { jest } from '@jest/globals';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';
import { pdfText, qrPayload } from './pdf-tools';

jest.setTimeout(90000);

async function posterOf(base: string, token: string): Promise<{ status: number; body: Buffer; type: string | null; disposition: string | null }> {
  const res = await fetch(`${base}/api/report-channel/poster`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

describe('report channel poster (real Chromium, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://aman.example.org' });
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    const settings = await api(t.url, 'PUT', `/api/organizations/${org.id}/settings`, {
      token: org.hrToken,
      body: {
        timeZone: 'Asia/Makassar',
        sopSteps: { id: ['Lapor ke Satgas'], en: ['Report to the task force'] },
        taskForce: [],
        channels: [
          { name: { id: 'Hotline Satgas', en: 'Task force hotline' }, contact: '0800-1234-567', independent: false },
          { name: { id: 'Layanan LSM Mitra', en: 'Partner NGO line' }, contact: 'lapor@mitra.test', independent: true },
        ],
      },
    });
    expect(settings.status).toBe(200);
  });
  afterAll(() => t.close());

  it("gives HR an A4 PDF in both languages with the channel's address, its QR code and the other channels", async () => {
    const poster = await posterOf(t.url, org.hrToken);

    expect(poster.status).toBe(200);
    expect(poster.type).toBe('application/pdf');
    expect(poster.disposition).toContain(`aman-report-channel-${org.code}.pdf`);
    const url = `https://aman.example.org/report/${org.code}`;
    const text = (await pdfText(poster.body, { layout: false })).replace(/\s+/g, ' ');
    expect(text).toContain('Mengalami atau melihat pelecehan?');
    expect(text).toContain('Experienced or witnessed harassment?');
    expect(text).toContain(`Org ${org.code}`);
    expect(text).toContain(url);
    for (const words of ['Hotline Satgas', 'Task force hotline', '0800-1234-567', 'Layanan LSM Mitra', 'lapor@mitra.test', 'independen / independent']) {
      expect(text).toContain(words);
    }
    await expect(qrPayload(poster.body)).resolves.toBe(url);
    // A4 portrait: 595 × 842 points.
    expect(poster.body.toString('latin1')).toMatch(/\/MediaBox \[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
  });

  it('is for HR only: an employee is refused and nobody signed out gets it', async () => {
    const person = await addPerson(t.dataSource, org.id, { password: true });
    const employee = await posterOf(t.url, await login(t.url, person.email, PASSWORD));
    expect(employee.status).toBe(403);
    expect((await fetch(`${t.url}/api/report-channel/poster`)).status).toBe(401);
  });
});
