import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

describe('policy templates and the publish preview', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  const preview = (body: unknown, token = org.hrToken) => api(t.url, 'POST', '/api/policies/preview', { token, body });
  const doc = { kind: 'policy', title: { id: 'Kebijakan', en: 'Policy' }, body: { id: '## Tujuan\n\nAman <b>x</b>', en: '## Purpose\n\nSafe' } };

  it('offers a bilingual policy and commitment declaration citing UU 12/2022', async () => {
    const res = await api(t.url, 'GET', '/api/policies/templates', { token: org.hrToken });
    expect(res.status).toBe(200);
    expect(res.body.map((d: { kind: string }) => d.kind)).toEqual(['policy', 'commitment']);
    for (const template of res.body) {
      expect(template.body.id).toContain('12 Tahun 2022');
      expect(template.body.en).toContain('12 of 2022');
      // Accepted as it is by the publish route.
      expect((await preview(template)).status).toBe(200);
    }
  });

  it('counts in SQL who will have to sign, and who signed the current version and signs again; writes nothing', async () => {
    const first = await preview(doc);
    expect(first.status).toBe(200);
    // Only the HR admin is active yet; there is no current version.
    expect(first.body).toMatchObject({ kind: 'policy', version: 1, toSign: 1, signedCurrent: 0, title: doc.title });
    expect(first.body.body.id).toContain('<h2');
    expect(first.body.body.id).toContain('&lt;b&gt;');

    const a = await addPerson(t.dataSource, org.id, { password: true, name: 'Ani Signer' });
    await addPerson(t.dataSource, org.id, { password: true, name: 'Bayu Later' });
    const gone = await addPerson(t.dataSource, org.id, { password: true, name: 'Cici Gone' });
    const v1 = await api(t.url, 'POST', '/api/policies', { token: org.hrToken, body: doc });
    expect(v1.status).toBe(201);
    const signed = await api(t.url, 'POST', `/api/policies/${v1.body.id}/acknowledge`, { token: await login(t.url, a.email, PASSWORD), body: { typedName: 'Ani Signer' } });
    expect(signed.status).toBe(201);
    await api(t.url, 'POST', `/api/policies/${v1.body.id}/acknowledge`, { token: await login(t.url, gone.email, PASSWORD), body: { typedName: 'Cici Gone' } });
    await t.dataSource.query(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [gone.id]);

    const second = await preview(doc);
    expect(second.body).toMatchObject({ version: 2, toSign: 3, signedCurrent: 1 });
    // The other kind has its own versions.
    await expect(preview({ ...doc, kind: 'commitment' })).resolves.toMatchObject({ body: { version: 1, signedCurrent: 0 } });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM policy_documents WHERE organization_id = $1`, [org.id]);
    expect(n).toBe(1);
  });

  it('answers 400 naming the field, and 403 to staff', async () => {
    const bad = await preview({ ...doc, title: { id: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('title.en');
    const staff = await addPerson(t.dataSource, org.id, { password: true });
    expect((await preview(doc, await login(t.url, staff.email, PASSWORD))).status).toBe(403);
  });
});
