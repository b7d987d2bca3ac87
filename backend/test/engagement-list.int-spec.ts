import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

describe('who lists engagements (real app, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
  });
  afterAll(() => t.close());

  it('answers 403 to staff and leaders, and the list to HR, auditors and platform admins', async () => {
    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: `Partner ${org.code}` } });
    const today = new Date().toISOString().slice(0, 10);
    const engagement = await api(t.url, 'POST', '/api/engagements', {
      token: adminToken,
      body: { partnerId: partner.body.id, organizationId: org.id, periodStart: today, periodEnd: today, scope: 'named' },
    });
    expect(engagement.status).toBe(201);

    const staff = await addPerson(t.dataSource, org.id, { password: true });
    const leader = await addPerson(t.dataSource, org.id, { password: true, isLeader: true });
    for (const person of [staff, leader]) {
      const res = await api(t.url, 'GET', '/api/engagements', { token: await login(t.url, person.email, PASSWORD) });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(partner.body.id);
    }

    const hr = await api(t.url, 'GET', '/api/engagements', { token: org.hrToken });
    expect(hr.status).toBe(200);
    expect(hr.body.map((e: { id: string }) => e.id)).toContain(engagement.body.id);
    const all = await api(t.url, 'GET', '/api/engagements', { token: adminToken });
    expect(all.body.map((e: { id: string }) => e.id)).toContain(engagement.body.id);

    const auditor = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email: `auditor-${org.code}@partner.test`, name: 'Auditor' } });
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE id = $1) WHERE id = $2`, [staff.id, auditor.body.id]);
    const mine = await api(t.url, 'GET', '/api/engagements', { token: await login(t.url, `auditor-${org.code}@partner.test`, PASSWORD) });
    expect(mine.body.map((e: { id: string }) => e.id)).toEqual([engagement.body.id]);
  });
});
