import { DemoSeeder } from '../src/demo/demo-seeder';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { api, login, startTestApp, type TestApp } from './helpers';

describe('demo data of the confidential channel', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the demo handler signs in with the password alone and reads demo cases in several states; the demo channel lists the partner', async () => {
    await t.app.get(DemoSeeder).seed();
    const token = await login(t.url, 'handler@mitra.test', DEMO_PASSWORD);
    const cases = await api(t.url, 'GET', '/api/cases', { token });
    expect(cases.status).toBe(200);
    expect(cases.body.map((c: { status: string }) => c.status).sort()).toEqual(['closed', 'in_review', 'received', 'referred']);
    const inReview = cases.body.find((c: { status: string }) => c.status === 'in_review');
    const opened = await api(t.url, 'GET', `/api/cases/${inReview.id}`, { token });
    expect(opened.body.description).toContain('WhatsApp');
    expect(opened.body.messages.map((m: { from: string }) => m.from)).toEqual(['handler', 'reporter']);
    const channel = await api(t.url, 'GET', '/api/report-channel/demo');
    expect(channel.body.recipients).toEqual([expect.objectContaining({ kind: 'partner', name: 'Yayasan Mitra Setara' })]);
  });
});
