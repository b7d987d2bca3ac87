import { DemoSeeder } from '../src/demo/demo-seeder';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { api, login, startTestApp, type TestApp } from './helpers';

/** The demo's surveys and indicators (issue 14): results and trends visible from the first start. */
describe('demo: survey waves, agreed indicators and their trend', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoSeeder).seed();
  });
  afterAll(() => t.close());

  it('has two past waves with results above k, one open wave, and indicators whose trend holds two reports and today', async () => {
    const hr = await login(t.url, 'hr@demo.test', DEMO_PASSWORD);
    const [org] = await t.dataSource.query(`SELECT id FROM organizations WHERE code = 'demo'`);
    const waves = (await api(t.url, 'GET', `/api/organizations/${org.id}/survey-waves`, { token: hr })).body as { id: string; closed: boolean; open: boolean; responses: number; participants: number }[];
    const past = waves.filter((w) => w.closed);
    expect(past).toHaveLength(2);
    expect(waves.filter((w) => w.open)).toHaveLength(1);
    for (const w of past) {
      expect(w.responses).toBeGreaterThanOrEqual(5);
      expect(w.responses).toBe(w.participants);
      const results = (await api(t.url, 'GET', `/api/surveys/${w.id}/results?groupBy=role`, { token: hr })).body;
      expect(results.suppressed).toBe(false);
      expect(results.groups.some((g: { suppressed: boolean; responses: number | null }) => !g.suppressed && (g.responses ?? 0) > 0)).toBe(true);
    }
    // staff@demo.test is offered the open wave on the home page.
    const staff = await login(t.url, 'staff@demo.test', DEMO_PASSWORD);
    expect((await api(t.url, 'GET', '/api/my/surveys', { token: staff })).body).toEqual([expect.objectContaining({ answered: false })]);

    const auditor = await login(t.url, 'auditor@mitra.test', DEMO_PASSWORD);
    const overview = (await api(t.url, 'GET', `/api/organizations/${org.id}/indicators?lang=en`, { token: auditor })).body;
    const know = overview.indicators.find((i: { indicator: string }) => i.indicator === 'know_how_to_report');
    expect(know).toMatchObject({ status: 'accepted', target: 0.8 });
    expect(know.values.map((v: { source: string }) => v.source)).toEqual(['report', 'report', 'current']);
    expect(know.values[0].value).toBeLessThan(know.values[1].value);
    // The archived demo reports verify like any other.
    for (const v of know.values.filter((x: { reportId?: string }) => x.reportId)) {
      const verify = await api(t.url, 'GET', `/api/audit-reports/${v.reportId}/verify`, { token: hr });
      expect(verify.status).toBe(200);
      expect(verify.body.signatureValid).toBe(true);
    }
    // They anchor no trail head (counted as unsigned), so the trail still verifies.
    const trail = (await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: hr })).body;
    expect(trail.valid).toBe(true);
  });
});
