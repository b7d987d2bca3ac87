import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

describe('policy acknowledgement and commitment declaration', () => {
  let t: TestApp;
  let org: TestOrg;
  const doc = (v: string) => ({ kind: 'commitment', title: { id: `Deklarasi ${v}`, en: `Declaration ${v}` }, body: { id: 'Saya berkomitmen <b>tegas</b>.', en: 'I commit.' } });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  it('publishes versions, lets people sign with their typed name, asks again on a new version, counts leaders and staff apart', async () => {
    const staff = await addPerson(t.dataSource, org.id, { password: true, name: 'Siti Rahma' });
    const leader = await addPerson(t.dataSource, org.id, { password: true, name: 'Budi Santoso', isLeader: true });
    const staffToken = await login(t.url, staff.email, PASSWORD);
    const leaderToken = await login(t.url, leader.email, PASSWORD);

    expect((await api(t.url, 'POST', '/api/policies', { token: staffToken, body: doc('1') })).status).toBe(403);
    expect((await api(t.url, 'POST', '/api/policies', { token: org.hrToken, body: { kind: 'memo' } })).status).toBe(400);
    const v1 = await api(t.url, 'POST', '/api/policies', { token: org.hrToken, body: doc('1') });
    expect(v1.status).toBe(201);
    expect(v1.body.version).toBe(1);

    const mine = await api(t.url, 'GET', '/api/my/policies?lang=id', { token: staffToken });
    expect(mine.body).toEqual([expect.objectContaining({ id: v1.body.id, version: 1, title: 'Deklarasi 1', signedAt: null })]);
    expect(mine.body[0].body).toContain('&lt;b&gt;');

    const wrongName = await api(t.url, 'POST', `/api/policies/${v1.body.id}/acknowledge`, { token: staffToken, body: { typedName: 'Someone Else' } });
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.message).toMatch(/typedName/);
    const signed = await api(t.url, 'POST', `/api/policies/${v1.body.id}/acknowledge`, { token: staffToken, body: { typedName: '  siti   RAHMA ' } });
    expect(signed.status).toBe(201);
    const again = await api(t.url, 'POST', `/api/policies/${v1.body.id}/acknowledge`, { token: staffToken, body: { typedName: 'Siti Rahma' } });
    expect(again.body.signedAt).toBe(signed.body.signedAt);
    await api(t.url, 'POST', `/api/policies/${v1.body.id}/acknowledge`, { token: leaderToken, body: { typedName: 'Budi Santoso' } });

    const counts = await api(t.url, 'GET', '/api/policies', { token: org.hrToken });
    expect(counts.body[0]).toMatchObject({ version: 1, current: true, leadersSigned: 1, staffSigned: 1, leadersTotal: 1, staffTotal: 2 });
    const leaders = await api(t.url, 'GET', `/api/policies/${v1.body.id}/signatures?group=leaders`, { token: org.hrToken });
    expect(leaders.body.items.map((i: { name: string }) => i.name)).toEqual(['Budi Santoso']);
    const notYet = await api(t.url, 'GET', `/api/policies/${v1.body.id}/signatures?signed=false`, { token: org.hrToken });
    expect(notYet.body.total).toBe(1); // the HR admin

    const v2 = await api(t.url, 'POST', '/api/policies', { token: org.hrToken, body: doc('2') });
    expect(v2.body.version).toBe(2);
    const mineAfter = await api(t.url, 'GET', '/api/my/policies', { token: staffToken });
    expect(mineAfter.body).toEqual([expect.objectContaining({ id: v2.body.id, signedAt: null })]);
    expect((await api(t.url, 'POST', `/api/policies/${v1.body.id}/acknowledge`, { token: staffToken, body: { typedName: 'Siti Rahma' } })).status).toBe(409);
  });

  it('answers 404 to another organisation', async () => {
    const admin = await createPlatformAdmin(t.dataSource);
    const other = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    const v = await api(t.url, 'POST', '/api/policies', { token: org.hrToken, body: doc('x') });
    expect((await api(t.url, 'GET', `/api/policies/${v.body.id}/signatures`, { token: other.hrToken })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/policies/${v.body.id}/acknowledge`, { token: other.hrToken, body: { typedName: 'HR Admin' } })).status).toBe(404);
  });
});
