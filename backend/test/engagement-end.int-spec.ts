import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

describe('a platform admin lists engagements by state and ends one', () => {
  let t: TestApp;
  let org: TestOrg;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
  });
  afterAll(() => t.close());

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  it('labels active, upcoming and ended engagements; ending one stops the auditor at once and writes the trail', async () => {
    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: `Partner ${org.code}` } });
    const engage = async (periodStart: string, periodEnd: string) =>
      (await api(t.url, 'POST', '/api/engagements', { token: adminToken, body: { partnerId: partner.body.id, organizationId: org.id, periodStart, periodEnd, scope: 'named' } })).body.id as string;
    const active = await engage(day(-30), day(30));
    const upcoming = await engage(day(10), day(40));
    const past = await engage(day(-60), day(-40));
    const states = async () =>
      Object.fromEntries(
        (await api(t.url, 'GET', '/api/engagements', { token: adminToken })).body
          .filter((e: { organizationId: string }) => e.organizationId === org.id)
          .map((e: { id: string; state: string }) => [e.id, e.state]),
      );
    await expect(states()).resolves.toEqual({ [active]: 'active', [upcoming]: 'upcoming', [past]: 'ended' });

    // An auditor of the partner reads the organisation while the engagement is active.
    const auditor = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email: `auditor-${org.code}@end.test`, name: 'Auditor' } });
    const helper = await addPerson(t.dataSource, org.id, { password: true });
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE id = $1) WHERE id = $2`, [helper.id, auditor.body.id]);
    const auditorToken = await login(t.url, `auditor-${org.code}@end.test`, PASSWORD);
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}`, { token: auditorToken })).status).toBe(200);

    const ended = await api(t.url, 'POST', `/api/engagements/${active}/end`, { token: adminToken });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: active, state: 'ended', active: false, periodEnd: day(30) });
    expect(ended.body.endedAt).not.toBeNull();
    await expect(states()).resolves.toMatchObject({ [active]: 'ended', [upcoming]: 'upcoming' });
    // engagement_active() is the one rule: the tenancy check now refuses the auditor.
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}`, { token: auditorToken })).status).toBe(404);
    const [entry] = await t.dataSource.query(
      `SELECT actor_id IS NOT NULL AS "byAdmin" FROM audit_entries WHERE organization_id = $1 AND action = 'engagement.ended' AND target_id = $2`,
      [org.id, active],
    );
    expect(entry).toEqual({ byAdmin: true });

    // An upcoming engagement can be called off before it starts.
    await expect(api(t.url, 'POST', `/api/engagements/${upcoming}/end`, { token: adminToken })).resolves.toMatchObject({ status: 200, body: { state: 'ended' } });
    expect((await api(t.url, 'POST', `/api/engagements/${active}/end`, { token: adminToken })).status).toBe(409);
    expect((await api(t.url, 'POST', `/api/engagements/${past}/end`, { token: adminToken })).status).toBe(409);
    expect((await api(t.url, 'POST', `/api/engagements/00000000-0000-4000-8000-000000000000/end`, { token: adminToken })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/engagements/not-a-uuid/end`, { token: adminToken })).status).toBe(400);
    expect((await api(t.url, 'POST', `/api/engagements/${past}/end`, { token: org.hrToken })).status).toBe(403);
  });
});
