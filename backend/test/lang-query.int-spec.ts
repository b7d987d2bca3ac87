import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

/**
 * API.md: `?lang=` chooses the language of what a person reads, on every route. A query DTO that does
 * not declare it must not turn it into "property lang should not exist" (the whitelist's 400).
 */
describe('?lang= on routes whose query does not declare it', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    // The account reads English: only ?lang=id can make the answers Indonesian.
    expect((await api(t.url, 'PATCH', '/api/me', { token: org.hrToken, body: { locale: 'en' } })).status).toBeLessThan(300);
  });
  afterAll(() => t.close());

  const get = (path: string) => api(t.url, 'GET', path, { token: org.hrToken });

  it.each(['/api/users', '/api/outbox', '/api/certificates', `/api/organizations/ORG/audit-log/entries`])('answers %s?lang=id with 200', async (route) => {
    const res = await get(`${route.replace('ORG', org.id)}?lang=id`);
    expect(res.status).toBe(200);
  });

  it('answers in the language asked for, on those routes too', async () => {
    const id = await get('/api/certificates?lang=id&status=lost&page=0');
    expect(id.status).toBe(400);
    expect(id.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['page', 'status']);
    expect(id.body.fields.find((f: { field: string }) => f.field === 'page').message).toBe('page tidak boleh kurang dari 1');
    expect(id.headers.get('content-language')).toBe('id');
    const en = await get('/api/users?lang=en&isLeader=maybe');
    expect(en.body.fields).toEqual([{ field: 'isLeader', message: 'isLeader must be true or false' }]);
    const idPeople = await get('/api/users?lang=id&isLeader=maybe');
    expect(idPeople.body.fields).toEqual([{ field: 'isLeader', message: 'isLeader harus true atau false' }]);
  });

  it('still refuses a language it does not speak, naming lang, and other unknown parameters', async () => {
    const fr = await get('/api/outbox?lang=fr');
    expect(fr.status).toBe(400);
    expect(fr.body.fields).toEqual([{ field: 'lang', message: 'lang must be one of: id, en' }]);
    const unknown = await get('/api/outbox?lang=id&shoeSize=42');
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([{ field: 'shoeSize', message: 'properti shoeSize tidak dikenal dan tidak boleh dikirim' }]);
  });

  it('leaves a DTO that declares lang to use it (module titles of the overdue list)', async () => {
    expect((await get('/api/reports/overdue?lang=id')).status).toBe(200);
    const fr = await get('/api/reports/overdue?lang=fr');
    expect(fr.body.fields.map((f: { field: string }) => f.field)).toEqual(['lang']);
  });
});
