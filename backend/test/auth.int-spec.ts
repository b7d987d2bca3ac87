import { api, createPlatformAdmin, login, mailsTo, onboardOrganization, PASSWORD, startTestApp, waitForMail, type TestApp, type TestOrg } from './helpers';

describe('auth (real app, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly SameSite cookie and a Bearer token, and /api/me answers per API.md', async () => {
    const res = await api(t.url, 'POST', '/api/auth/login', { body: { email: org.hrEmail.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('aman_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(res.body.user).toMatchObject({ email: org.hrEmail, roles: ['employee', 'hr_admin'], organizationId: org.id, partnerId: null, locale: 'id' });

    const me = await api(t.url, 'GET', '/api/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(Object.keys(me.body).sort()).toEqual(
      ['email', 'id', 'isLeader', 'isSatgas', 'locale', 'name', 'organizationId', 'partnerId', 'roles', 'totpEnrollmentRequired', 'unitId'].sort(),
    );
  });

  it('answers 401 alike for a wrong password and an unknown account, and 401 without a session', async () => {
    const wrong = await api(t.url, 'POST', '/api/auth/login', { body: { email: org.hrEmail, password: 'not-the-password' } });
    const unknown = await api(t.url, 'POST', '/api/auth/login', { body: { email: 'nobody@nowhere.test', password: 'whatever-123' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect((await api(t.url, 'GET', '/api/me')).status).toBe(401);
    expect((await api(t.url, 'GET', '/api/me', { token: 'forged' })).status).toBe(401);
  });

  it('throttles repeated failures for one account from one address with 429, kept in PostgreSQL', async () => {
    const admin = await createPlatformAdmin(t.dataSource);
    const victim = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    for (let i = 0; i < 3; i++) {
      expect((await api(t.url, 'POST', '/api/auth/login', { body: { email: victim.hrEmail, password: 'bad-password' } })).status).toBe(401);
    }
    const blocked = await api(t.url, 'POST', '/api/auth/login', { body: { email: victim.hrEmail, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/Coba lagi/);
    const [row] = await t.dataSource.query(`SELECT failures FROM login_failures WHERE key LIKE $1`, [`account:${victim.hrEmail}|%`]);
    expect(row.failures).toBe(3);
    // A second instance reading the same database refuses too.
    const other = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    try {
      expect((await api(other.url, 'POST', '/api/auth/login', { body: { email: victim.hrEmail, password: PASSWORD } })).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('logs out by revoking the session in the database', async () => {
    const token = await login(t.url, org.hrEmail, PASSWORD);
    expect((await api(t.url, 'POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await api(t.url, 'GET', '/api/me', { token })).status).toBe(401);
  });

  it('requires the XSRF double submit on cookie-authenticated writes, not on Bearer ones', async () => {
    const first = await fetch(`${t.url}/api/health`);
    const xsrf = first.headers.getSetCookie().find((c) => c.startsWith('XSRF-TOKEN='))!.split(';')[0].split('=')[1];
    expect(xsrf).toBeTruthy();
    const token = await login(t.url, org.hrEmail, PASSWORD);
    // A Bearer caller writes without cookies: it is given none.
    const bearer = await fetch(`${t.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.getSetCookie()).toEqual([]);
    const cookie = `aman_session=${token}; XSRF-TOKEN=${xsrf}`;
    const without = await api(t.url, 'PATCH', '/api/me', { body: { locale: 'en' }, headers: { cookie } });
    expect(without.status).toBe(403);
    expect(without.body.message).toMatch(/CSRF/);
    const forged = await api(t.url, 'PATCH', '/api/me', { body: { locale: 'en' }, headers: { cookie, 'x-xsrf-token': 'other' } });
    expect(forged.status).toBe(403);
    const ok = await api(t.url, 'PATCH', '/api/me', { body: { locale: 'en' }, headers: { cookie, 'x-xsrf-token': xsrf } });
    expect(ok.status).toBe(200);
    expect(ok.body.locale).toBe('en');
    expect((await api(t.url, 'GET', '/api/me', { token })).body.locale).toBe('en');
    expect((await api(t.url, 'PATCH', '/api/me', { token, body: { locale: 'id' } })).status).toBe(200);
    expect((await api(t.url, 'PATCH', '/api/me', { token, body: { locale: 'fr' } })).body.message).toMatch(/locale/);
  });

  it('resets a password through a one-time link in the person’s mail and ends old sessions', async () => {
    const oldToken = await login(t.url, org.hrEmail, PASSWORD);
    const seen = mailsTo(org.hrEmail).length;
    expect((await api(t.url, 'POST', '/api/auth/password-reset', { body: { email: 'nobody@nowhere.test' } })).status).toBe(202);
    expect((await api(t.url, 'POST', '/api/auth/password-reset', { body: { email: org.hrEmail } })).status).toBe(202);

    // HR's outbox shows that a link was sent, never the link; the person reads it in their mail.
    const mail = await waitForMail(org.hrEmail, seen);
    const outbox = await api(t.url, 'GET', '/api/outbox', { token: oldToken });
    expect(outbox.status).toBe(200);
    const stored = outbox.body.items.find((m: { to: string; kind: string }) => m.to === org.hrEmail && m.kind === 'password_reset');
    expect(stored.text).not.toMatch(/token=/);
    expect(mail.link).toMatch(/^http:\/\/aman\.test\/set-password\?token=\S+$/);
    const resetToken = mail.token!;

    const tooShort = await api(t.url, 'POST', '/api/auth/password', { body: { token: resetToken, password: 'short' } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.message).toMatch(/password/);
    const newPassword = 'a-new-password-2026';
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: resetToken, password: newPassword } })).status).toBe(204);
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: resetToken, password: newPassword } })).status).toBe(400);
    expect((await api(t.url, 'GET', '/api/me', { token: oldToken })).status).toBe(401);
    await expect(login(t.url, org.hrEmail, newPassword)).resolves.toBeTruthy();
  });

  it('writes login and role changes to the audit trail', async () => {
    const entries = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE organization_id = $1 ORDER BY id`,
      [org.id],
    );
    const actions = entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['organization.onboarded', 'user.roles_changed', 'auth.login', 'auth.login_failed', 'auth.password_set']));
  });
});

describe('password hashes', () => {
  it('are argon2id', async () => {
    const { hashPassword } = await import('../src/identity/crypto');
    await expect(hashPassword('some-password-1')).resolves.toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
