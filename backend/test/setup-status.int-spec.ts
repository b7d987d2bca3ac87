import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

describe("A new organisation's set-up checklist", () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    const adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    other = await onboardOrganization(t.url, adminToken);
  });
  afterAll(() => t.close());

  const setup = async (token = org.hrToken, orgId = org.id) => api(t.url, 'GET', `/api/organizations/${orgId}/setup`, { token });
  const steps = async () => {
    const res = await setup();
    expect(res.status).toBe(200);
    return res.body;
  };
  const settings = (taskForce: unknown[]) => ({
    timeZone: 'Asia/Jakarta',
    sopSteps: { id: ['Laporkan ke Satgas'], en: ['Report to the task force'] },
    taskForce,
    channels: [{ name: { id: 'Hotline Satgas', en: 'Task force hotline' }, contact: '0800-1', independent: false }],
  });

  it('ticks each step once its data exists, in order units → settings and Satgas → policy → people → rules → invite', async () => {
    await expect(steps()).resolves.toEqual({
      units: false, settings: false, satgas: false, policy: false, people: false, rules: false, invite: false, notInvited: 0, complete: false,
    });

    const unit = await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: 'SETUP-HQ', name: 'Head office' } });
    expect(unit.status).toBe(201);
    await expect(steps()).resolves.toMatchObject({ units: true, settings: false });

    expect((await api(t.url, 'PUT', `/api/organizations/${org.id}/settings`, { token: org.hrToken, body: settings([]) })).status).toBe(200);
    await expect(steps()).resolves.toMatchObject({ settings: true, satgas: false });
    const member = { name: 'Rina Satgas', role: { id: 'Ketua', en: 'Chair' }, contact: 'rina@satgas.test' };
    expect((await api(t.url, 'PUT', `/api/organizations/${org.id}/settings`, { token: org.hrToken, body: settings([member]) })).status).toBe(200);
    await expect(steps()).resolves.toMatchObject({ satgas: true, policy: false });

    const publish = (kind: string) =>
      api(t.url, 'POST', '/api/policies', { token: org.hrToken, body: { kind, title: { id: 'Kebijakan', en: 'Policy' }, body: { id: 'Isi', en: 'Text' } } });
    expect((await publish('policy')).status).toBe(201);
    await expect(steps()).resolves.toMatchObject({ policy: false }); // the commitment declaration too
    expect((await publish('commitment')).status).toBe(201);
    await expect(steps()).resolves.toMatchObject({ policy: true, people: false });

    const csv = [
      'email,name,employeeNumber,unitCode,isLeader,gender,employmentType,hireDate,locale',
      'sari@setup.test,Sari,S-1,SETUP-HQ,false,female,permanent,,',
      'tono@setup.test,Tono,S-2,SETUP-HQ,true,male,permanent,,',
      ',Umi No Mail,S-3,SETUP-HQ,false,female,permanent,,',
    ].join('\n');
    expect((await api(t.url, 'POST', '/api/users/import', { token: org.hrToken, raw: csv, headers: { 'content-type': 'text/csv' } })).body).toMatchObject({ written: true });
    await expect(steps()).resolves.toMatchObject({ people: true, rules: false, invite: false, notInvited: 2 });

    const rule = await api(t.url, 'POST', '/api/assignment-rules', {
      token: org.hrToken,
      body: { moduleSlug: 'recognising-harassment', audience: 'everyone', dueWithinDays: 30, dueFrom: 'rule_start', recurrence: { enabled: false } },
    });
    expect(rule.status).toBe(201);
    await expect(steps()).resolves.toMatchObject({ rules: true, invite: false, complete: false });

    expect((await api(t.url, 'POST', '/api/people/invitations', { token: org.hrToken, body: { all: true } })).body).toMatchObject({ invited: 2 });
    await expect(steps()).resolves.toEqual({
      units: true, settings: true, satgas: true, policy: true, people: true, rules: true, invite: true, notInvited: 0, complete: true,
    });
    // Designated Satgas members count as the Satgas step too.
    const [someone] = await t.dataSource.query(`SELECT id FROM users WHERE organization_id = $1 LIMIT 1`, [other.id]);
    await t.dataSource.query(`INSERT INTO satgas_members (organization_id, user_id) VALUES ($1, $2)`, [other.id, someone.id]);
    await expect(setup(other.hrToken, other.id)).resolves.toMatchObject({ body: { satgas: true } });
    await t.dataSource.query(`DELETE FROM satgas_members WHERE organization_id = $1`, [other.id]);
    // Another organisation's checklist is untouched by all this.
    await expect(setup(other.hrToken, other.id)).resolves.toMatchObject({ status: 200, body: { units: false, complete: false } });
  });

  it("is HR's own: another organisation's or a malformed id → 404 (the tenancy guard's answer)", async () => {
    expect((await setup(other.hrToken, org.id)).status).toBe(404);
    expect((await setup(org.hrToken, 'not-a-uuid')).status).toBe(404);
  });
});
