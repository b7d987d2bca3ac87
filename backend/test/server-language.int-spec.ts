import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

const HEADER = 'email,name,employeeNumber,unitCode,isLeader,gender,employmentType,hireDate,locale';

/**
 * API.md: what a person reads is in their language — `?lang=`, else the account's locale, else
 * Accept-Language, else Indonesian — while status codes, `fields[].field` and codes stay machine-stable.
 */
describe('server messages in the caller’s language', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    expect((await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: 'LANG-HQ', name: 'Head office' } })).status).toBe(201);
  });
  afterAll(() => t.close());

  const setLocale = async (locale: 'id' | 'en') =>
    expect((await api(t.url, 'PATCH', '/api/me', { token: org.hrToken, body: { locale } })).status).toBeLessThan(300);
  const invalid = (headers: Record<string, string> = {}, query = '') =>
    api(t.url, 'POST', `/api/units${query}`, { token: org.hrToken, headers, body: { code: 'has space', name: 'X', shoeSize: 42 } });
  const conflict = (headers: Record<string, string> = {}) =>
    api(t.url, 'POST', '/api/units', { token: org.hrToken, headers, body: { code: 'LANG-HQ', name: 'Again' } });
  const importLine = (headers: Record<string, string> = {}) =>
    api(t.url, 'POST', '/api/users/import?dryRun=true', {
      token: org.hrToken,
      headers: { 'content-type': 'text/csv', ...headers },
      raw: `${HEADER}\r\n,Budi,E-1,NOWHERE,maybe,female,permanent,2024-01-01,id\r\n`,
    });

  it('answers without an account in Accept-Language, else in Indonesian', async () => {
    const en = await api(t.url, 'POST', '/api/auth/login', { headers: { 'accept-language': 'en-GB,en;q=0.9' }, body: { email: 'nobody@x.test', password: 'wrong-password-1' } });
    const id = await api(t.url, 'POST', '/api/auth/login', { headers: { 'accept-language': 'id-ID,id;q=0.9,en;q=0.8' }, body: { email: 'nobody@x.test', password: 'wrong-password-1' } });
    const none = await api(t.url, 'POST', '/api/auth/login', { body: { email: 'nobody@x.test', password: 'wrong-password-1' } });
    expect([en.status, id.status, none.status]).toEqual([401, 401, 401]);
    expect(en.body.message).toBe('Email or password is wrong');
    expect(id.body.message).toBe('Email atau kata sandi salah');
    expect(none.body.message).toBe('Email atau kata sandi salah');
    expect(id.headers.get('content-language')).toBe('id');
    const missing = await api(t.url, 'POST', '/api/auth/login', { headers: { 'accept-language': 'id' }, body: { email: 'not-an-email' } });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
    expect(missing.body.fields.find((f: { field: string }) => f.field === 'email').message).toBe('email harus berupa alamat email');
  });

  it('answers an Indonesian account in Indonesian whatever the browser says, an English one in English', async () => {
    await setLocale('id');
    const bad = await invalid({ 'accept-language': 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'shoeSize']);
    expect(bad.body.fields.find((f: { field: string }) => f.field === 'shoeSize').message).toBe('properti shoeSize tidak dikenal dan tidak boleh dikirim');
    expect(bad.body.message).toContain('properti shoeSize tidak dikenal');
    const taken = await conflict({ 'accept-language': 'en' });
    expect(taken.status).toBe(409);
    expect(taken.body.fields).toEqual([{ field: 'code', message: 'kode sudah dipakai' }]);
    const lines = await importLine({ 'accept-language': 'en' });
    expect(lines.status).toBe(200);
    expect(lines.body.errors).toEqual([{ line: 2, field: 'isLeader', message: 'isLeader harus true atau false' }]);

    await setLocale('en');
    const badEn = await invalid({ 'accept-language': 'id' });
    expect(badEn.body.fields.find((f: { field: string }) => f.field === 'shoeSize').message).toBe('property shoeSize should not exist');
    expect((await conflict({ 'accept-language': 'id' })).body.fields).toEqual([{ field: 'code', message: 'code is already in use' }]);
    expect((await importLine({ 'accept-language': 'id' })).body.errors).toEqual([{ line: 2, field: 'isLeader', message: 'isLeader must be true or false' }]);
    await setLocale('id');
  });

  it('lets ?lang= choose over the account', async () => {
    const bad = await invalid({}, '?lang=en');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.find((f: { field: string }) => f.field === 'shoeSize').message).toBe('property shoeSize should not exist');
  });

  it('translates import line errors that name values from the file and the database', async () => {
    const res = await api(t.url, 'POST', '/api/users/import?dryRun=true', {
      token: org.hrToken,
      headers: { 'content-type': 'text/csv' },
      raw: `${HEADER}\r\n,Budi,E-2,NOWHERE,false,female,permanent,2024-01-01,id\r\n,Sari,E-2,LANG-HQ,false,other,permanent,2024-13-01,id\r\n`,
    });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { line: 2, field: 'unitCode', message: 'tidak ada unit NOWHERE di organisasi Anda' },
        { line: 3, field: 'gender', message: 'gender harus salah satu dari: female, male, not_stated' },
        { line: 3, field: 'hireDate', message: 'hireDate harus berupa tanggal dengan format YYYY-MM-DD' },
      ]),
    );
  });
});
