import { api, addPerson, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

/**
 * Every org-scoped endpoint, called by organisation B's HR (and others) for organisation A's
 * resources: the answer is 404 or B's own data, never A's.
 */
describe('tenancy across two organisations', () => {
  let t: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  let adminToken: string;
  let personOfA: { id: string; email: string; unitId: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    a = await onboardOrganization(t.url, adminToken);
    b = await onboardOrganization(t.url, adminToken, 'Asia/Makassar');
    personOfA = await addPerson(t.dataSource, a.id, { name: 'Only In A' });
    await addPerson(t.dataSource, b.id, { name: 'Only In B' });
  });
  afterAll(() => t.close());

  const orgPathRoutes = (orgId: string) => [{ method: 'GET', path: `/api/organizations/${orgId}` }];

  it("answers 404 for another organisation's resources on every :orgId route", async () => {
    for (const route of orgPathRoutes(a.id)) {
      expect((await api(t.url, route.method, route.path, { token: a.hrToken })).status).toBe(200);
      const res = await api(t.url, route.method, route.path, { token: b.hrToken });
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 404 });
    }
  });

  it('answers 404 when B’s HR targets a person of A by id', async () => {
    const res = await api(t.url, 'PUT', `/api/users/${personOfA.id}/roles`, { token: b.hrToken, body: { roles: ['employee', 'hr_admin'] } });
    expect(res.status).toBe(404);
    const [row] = await t.dataSource.query(`SELECT roles FROM users WHERE id = $1`, [personOfA.id]);
    expect(row.roles).toEqual(['employee']);
  });

  it('scopes lists without :orgId to the caller’s own organisation', async () => {
    const units = await api(t.url, 'GET', '/api/units', { token: b.hrToken });
    expect(units.body.map((u: { id: string }) => u.id)).not.toContain(personOfA.unitId);
    const people = await api(t.url, 'GET', '/api/users?pageSize=200', { token: b.hrToken });
    expect(people.body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Only In B']));
    expect(people.body.items.map((p: { name: string }) => p.name)).not.toContain('Only In A');
    const search = await api(t.url, 'GET', '/api/users?q=Only%20In%20A', { token: b.hrToken });
    expect(search.body.total).toBe(0);
    const filtered = await api(t.url, 'GET', `/api/users?unitId=${personOfA.unitId}`, { token: b.hrToken });
    expect(filtered.body.total).toBe(0);
    const outbox = await api(t.url, 'GET', '/api/outbox', { token: b.hrToken });
    expect(outbox.body.items.every((m: { to: string }) => !m.to.includes(a.code))).toBe(true);
    const orgs = await api(t.url, 'GET', '/api/organizations', { token: b.hrToken });
    expect(orgs.body.map((o: { id: string }) => o.id)).toEqual([b.id]);
    const engagements = await api(t.url, 'GET', '/api/engagements', { token: b.hrToken });
    expect(engagements.body.every((e: { organizationId: string }) => e.organizationId === b.id)).toBe(true);
  });

  it('lets a platform admin onboard but not read people', async () => {
    expect((await api(t.url, 'GET', '/api/users', { token: adminToken })).status).toBe(403);
    expect((await api(t.url, 'GET', `/api/organizations/${a.id}`, { token: adminToken })).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/units', { token: adminToken })).status).toBe(404);
    const all = await api(t.url, 'GET', '/api/organizations', { token: adminToken });
    expect(all.body.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('lets an auditor in only with an engagement active today, in the organisation’s time zone', async () => {
    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: `Partner ${a.code}` } });
    expect(partner.status).toBe(201);
    const auditor = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, {
      token: adminToken,
      body: { email: `auditor-${a.code}@partner.test`, name: 'Auditor' },
    });
    expect(auditor.status).toBe(201);
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($1)) WHERE id = $2`, [a.hrEmail, auditor.body.id]);
    const token = await login(t.url, `auditor-${a.code}@partner.test`, PASSWORD);

    expect((await api(t.url, 'GET', `/api/organizations/${a.id}`, { token })).status).toBe(404);
    const past = await api(t.url, 'POST', '/api/engagements', {
      token: adminToken,
      body: { partnerId: partner.body.id, organizationId: a.id, periodStart: '2020-01-01', periodEnd: '2020-12-31', scope: 'named' },
    });
    expect(past.status).toBe(201);
    expect(past.body.active).toBe(false);
    expect((await api(t.url, 'GET', `/api/organizations/${a.id}`, { token })).status).toBe(404);

    const today = new Date().toISOString().slice(0, 10);
    const current = await api(t.url, 'POST', '/api/engagements', {
      token: adminToken,
      body: { partnerId: partner.body.id, organizationId: a.id, periodStart: '2020-01-01', periodEnd: '2099-12-31', scope: 'aggregate' },
    });
    expect(current.body.active).toBe(true);
    expect((await api(t.url, 'GET', `/api/organizations/${a.id}`, { token })).status).toBe(200);
    expect((await api(t.url, 'GET', `/api/organizations/${b.id}`, { token })).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/users', { token })).status).toBe(403);
    const mine = await api(t.url, 'GET', '/api/engagements', { token });
    expect(mine.body).toHaveLength(2);
    expect(mine.body[0]).toMatchObject({ organizationId: a.id, organizationName: `Org ${a.code}`, partnerName: `Partner ${a.code}` });
    // HR of A sees the engagement but cannot create or change one.
    const hrView = await api(t.url, 'GET', '/api/engagements', { token: a.hrToken });
    expect(hrView.body.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([current.body.id]));
    expect((await api(t.url, 'POST', '/api/engagements', { token: a.hrToken, body: { partnerId: partner.body.id, organizationId: a.id, periodStart: today, periodEnd: today, scope: 'named' } })).status).toBe(403);
  });

  it('validates onboarding input and refuses a code in use with 409', async () => {
    const bad = await api(t.url, 'POST', '/api/organizations', {
      token: adminToken,
      body: { name: '', code: 'Bad Code', timeZone: 'Mars/Olympus', hrAdmin: { email: 'x', name: 'X', password: 'short' } },
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['code', 'hrAdmin.email', 'hrAdmin.password', 'name', 'timeZone']);
    const taken = await api(t.url, 'POST', '/api/organizations', {
      token: adminToken,
      body: { name: 'Again', code: a.code, hrAdmin: { email: 'new-hr@org.test', name: 'X' } },
    });
    expect(taken.status).toBe(409);
    expect((await api(t.url, 'POST', '/api/organizations', { token: a.hrToken, body: {} })).status).toBe(403);
  });

  it('lets HR grant and revoke hr_admin, never removing the last one, with trail entries', async () => {
    const grant = await api(t.url, 'PUT', `/api/users/${personOfA.id}/roles`, { token: a.hrToken, body: { roles: ['employee', 'hr_admin'] } });
    expect(grant.status).toBe(200);
    expect(grant.body.roles).toEqual(['employee', 'hr_admin']);
    const revoke = await api(t.url, 'PUT', `/api/users/${personOfA.id}/roles`, { token: a.hrToken, body: { roles: [] } });
    expect(revoke.body.roles).toEqual(['employee']);
    const [hr] = await t.dataSource.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [a.hrEmail]);
    const last = await api(t.url, 'PUT', `/api/users/${hr.id}/roles`, { token: a.hrToken, body: { roles: ['employee'] } });
    expect(last.status).toBe(409);
    expect((await api(t.url, 'PUT', `/api/users/${personOfA.id}/roles`, { token: a.hrToken, body: { roles: ['platform_admin'] } })).status).toBe(400);
    expect((await api(t.url, 'PUT', `/api/users/not-a-uuid/roles`, { token: a.hrToken, body: { roles: [] } })).status).toBe(400);
    const changes = await t.dataSource.query(
      `SELECT details FROM audit_entries WHERE organization_id = $1 AND action = 'user.roles_changed' AND target_id = $2 ORDER BY id`,
      [a.id, personOfA.id],
    );
    expect(changes.map((c: { details: { to: string[] } }) => c.details.to)).toEqual([['employee', 'hr_admin'], ['employee']]);
  });
});
