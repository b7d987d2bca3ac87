import { Secret, TOTP } from 'otpauth';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

const codeAt = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

describe('TOTP second factor (real app, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
  });
  afterAll(() => t.close());

  /** Sets TOTP up for the holder of `token`; answers the seed and the recovery codes. */
  async function enrol(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    const setup = await api(t.url, 'POST', '/api/me/totp/setup', { token });
    expect(setup.status).toBe(200);
    const enabled = await api(t.url, 'POST', '/api/me/totp/enable', { token, body: { code: codeAt(setup.body.secret) } });
    expect(enabled.status).toBe(200);
    return { secret: setup.body.secret, recoveryCodes: enabled.body.recoveryCodes };
  }

  it('enrols with a QR code and a confirmation code; the seed is sealed and recovery codes hashed', async () => {
    const hr = await login(t.url, org.hrEmail, PASSWORD);
    expect((await api(t.url, 'GET', '/api/me/totp', { token: hr })).body).toEqual({ enabled: false, allowed: true, required: false, recoveryCodesLeft: 0 });
    const setup = await api(t.url, 'POST', '/api/me/totp/setup', { token: hr });
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Aman:.*secret=/);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [row] = await t.dataSource.query(`SELECT u.totp_secret, u.totp_enabled_at, u.id FROM users u WHERE email = $1`, [org.hrEmail]);
    expect(row.totp_enabled_at).toBeNull();
    expect(row.totp_secret.toString('latin1')).not.toContain(setup.body.secret);

    const wrong = await api(t.url, 'POST', '/api/me/totp/enable', { token: hr, body: { code: codeAt(setup.body.secret, 5) } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.map((f: { field: string }) => f.field)).toEqual(['code']);
    expect((await api(t.url, 'POST', '/api/me/totp/enable', { token: hr, body: { code: 'abc' } })).body.fields[0].field).toBe('code');
    const enabled = await api(t.url, 'POST', '/api/me/totp/enable', { token: hr, body: { code: codeAt(setup.body.secret) } });
    expect(enabled.status).toBe(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    expect(new Set(enabled.body.recoveryCodes).size).toBe(10);
    const stored = (await t.dataSource.query(`SELECT code_hash FROM totp_recovery_codes WHERE user_id = $1`, [row.id])).map((r: { code_hash: string }) => r.code_hash);
    expect(stored).toHaveLength(10);
    expect(stored).not.toContain(enabled.body.recoveryCodes[0]);
    expect((await api(t.url, 'POST', '/api/me/totp/setup', { token: hr })).status).toBe(409);

    // Sign-in becomes two steps: the password alone opens no session.
    const first = await api(t.url, 'POST', '/api/auth/login', { body: { email: org.hrEmail, password: PASSWORD } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ totpRequired: true, challenge: expect.any(String) });
    expect(first.headers.getSetCookie().some((c) => c.startsWith('aman_session='))).toBe(false);
    // The code that confirmed the set-up cannot be replayed.
    const replay = await api(t.url, 'POST', '/api/auth/login/totp', { body: { challenge: first.body.challenge, code: codeAt(setup.body.secret) } });
    expect(replay.status).toBe(401);
    const second = await api(t.url, 'POST', '/api/auth/login/totp', { body: { challenge: first.body.challenge, code: codeAt(setup.body.secret, 1) } });
    expect(second.status).toBe(200);
    expect(second.body.user.email).toBe(org.hrEmail);
    expect(second.headers.getSetCookie().some((c) => c.startsWith('aman_session=') && /HttpOnly/i.test(c))).toBe(true);
    expect((await api(t.url, 'GET', '/api/me', { token: second.body.token })).status).toBe(200);
    // A challenge works once.
    expect((await api(t.url, 'POST', '/api/auth/login/totp', { body: { challenge: first.body.challenge, code: codeAt(setup.body.secret, 1) } })).status).toBe(401);

    // A recovery code replaces the app once.
    const recovery = enabled.body.recoveryCodes[3].toUpperCase();
    const again = await api(t.url, 'POST', '/api/auth/login', { body: { email: org.hrEmail, password: PASSWORD } });
    expect((await api(t.url, 'POST', '/api/auth/login/totp', { body: { challenge: again.body.challenge, code: recovery } })).status).toBe(200);
    const third = await api(t.url, 'POST', '/api/auth/login', { body: { email: org.hrEmail, password: PASSWORD } });
    expect((await api(t.url, 'POST', '/api/auth/login/totp', { body: { challenge: third.body.challenge, code: recovery } })).status).toBe(401);
    expect((await api(t.url, 'GET', '/api/me/totp', { token: second.body.token })).body).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });

    // Five wrong codes end the challenge, even for a right one after.
    const fourth = await api(t.url, 'POST', '/api/auth/login', { body: { email: org.hrEmail, password: PASSWORD } });
    for (let i = 0; i < 5; i++) {
      expect((await api(t.url, 'POST', '/api/auth/login/totp', { body: { challenge: fourth.body.challenge, code: '000000' } })).status).toBe(401);
    }
    expect((await api(t.url, 'POST', '/api/auth/login/totp', { body: { challenge: fourth.body.challenge, code: enabled.body.recoveryCodes[5] } })).status).toBe(401);
    const actions = (await t.dataSource.query(`SELECT action FROM audit_entries WHERE target_id = $1`, [row.id])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.totp_enabled', 'auth.totp_recovery_code_used']));
  });

  it('is for HR admins and platform admins only', async () => {
    const staff = await addPerson(t.dataSource, org.id, { password: true });
    const token = await login(t.url, staff.email, PASSWORD);
    expect((await api(t.url, 'GET', '/api/me/totp', { token })).body.allowed).toBe(false);
    expect((await api(t.url, 'POST', '/api/me/totp/setup', { token })).status).toBe(403);
    expect((await api(t.url, 'POST', '/api/me/totp/setup', { token: adminToken })).status).toBe(200);
  });

  it('lets an organisation require it of HR admins, enforced by the server until they enrol', async () => {
    const other = await onboardOrganization(t.url, adminToken);
    const person = await addPerson(t.dataSource, other.id, { password: true });
    expect((await api(t.url, 'PUT', `/api/users/${person.id}/roles`, { token: other.hrToken, body: { roles: ['employee', 'hr_admin'] } })).status).toBe(200);
    expect((await api(t.url, 'PUT', `/api/organizations/${other.id}/security`, { token: org.hrToken, body: { requireHrTotp: true } })).status).toBe(404);
    expect((await api(t.url, 'PUT', `/api/organizations/${other.id}/security`, { token: other.hrToken, body: { requireHrTotp: 'yes' } })).body.fields[0].field).toBe('requireHrTotp');
    const set = await api(t.url, 'PUT', `/api/organizations/${other.id}/security`, { token: other.hrToken, body: { requireHrTotp: true } });
    expect(set.body).toEqual({ requireHrTotp: true });

    // The sign-in answer and /api/me say it alike (the client routes to the account page on it).
    const signedIn = await api(t.url, 'POST', '/api/auth/login', { body: { email: person.email, password: PASSWORD } });
    expect(signedIn.body.user.totpEnrollmentRequired).toBe(true);
    const token: string = signedIn.body.token;
    const me = await api(t.url, 'GET', '/api/me', { token });
    expect(me.body.totpEnrollmentRequired).toBe(true);
    const blocked = await api(t.url, 'GET', '/api/users', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('totp_enrollment_required');
    expect((await api(t.url, 'GET', '/api/outbox', { token })).status).toBe(403);
    const { secret } = await enrol(token);
    expect((await api(t.url, 'GET', '/api/users', { token })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/me', { token })).body.totpEnrollmentRequired).toBe(false);
    // Required: it cannot be turned off; once the rule is lifted, it can, with the password.
    expect((await api(t.url, 'POST', '/api/me/totp/disable', { token, body: { currentPassword: PASSWORD } })).status).toBe(409);
    await api(t.url, 'PUT', `/api/organizations/${other.id}/security`, { token, body: { requireHrTotp: false } });
    expect((await api(t.url, 'POST', '/api/me/totp/disable', { token, body: { currentPassword: 'wrong-password-1' } })).body.fields[0].field).toBe('currentPassword');
    // Wrong current passwords count towards one limit, whichever form they come from.
    for (let i = 0; i < 4; i++) {
      expect((await api(t.url, 'POST', '/api/me/password', { token, body: { currentPassword: `wrong-password-${i + 2}`, password: 'changed-pass-2026' } })).status).toBe(400);
    }
    expect((await api(t.url, 'POST', '/api/me/totp/disable', { token, body: { currentPassword: 'wrong-password-6' } })).status).toBe(429);
    expect((await api(t.url, 'POST', '/api/me/totp/disable', { token, body: { currentPassword: PASSWORD } })).status).toBe(204);
    await expect(login(t.url, person.email, PASSWORD)).resolves.toBeTruthy();
    expect(secret).toBeTruthy();
  });
});
