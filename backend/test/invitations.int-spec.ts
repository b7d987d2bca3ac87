import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, waitForMail, type TestApp, type TestOrg } from './helpers';

describe('invitations: a platform admin never types another person’s password (real app, real PostgreSQL)', () => {
  let t: TestApp;
  let adminToken: string;
  let org: TestOrg;
  const stateOf = async (userId: string) =>
    (await api(t.url, 'GET', '/api/invitations', { token: adminToken })).body.find((i: { userId: string }) => i.userId === userId)?.state;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
  });
  afterAll(() => t.close());

  it('onboards an organisation with name and email only; a password field is refused; the HR admin gets a 7-day invitation', async () => {
    const code = unique('org');
    const withPassword = await api(t.url, 'POST', '/api/organizations', {
      token: adminToken,
      body: { name: 'Org', code, hrAdmin: { email: `hr-${code}@org.test`, name: 'Rina', password: PASSWORD } },
    });
    expect(withPassword.status).toBe(400);
    expect(withPassword.body.fields.map((f: { field: string }) => f.field)).toEqual(['hrAdmin.password']);

    const email = `hr-${code}@org.test`;
    const created = await api(t.url, 'POST', '/api/organizations', { token: adminToken, body: { name: 'Org', code, hrAdmin: { email, name: 'Rina' } } });
    expect(created.status).toBe(201);
    const [hr] = await t.dataSource.query(
      `SELECT u.id, u.password_hash, t.purpose, round(extract(epoch FROM t.expires_at - t.created_at) / 3600) AS hours
         FROM users u JOIN password_tokens t ON t.user_id = u.id WHERE u.email = $1`,
      [email],
    );
    expect(hr).toMatchObject({ password_hash: null, purpose: 'invite', hours: '168' });
    const mail = await waitForMail(email);
    expect(mail.headers).toMatch(/^Subject: Aman: undangan ke akun Anda$/m);
    expect(mail.text).toContain('berlaku 7 hari');
    expect(await stateOf(hr.id)).toBe('pending');
    // The platform admin's list never holds a link.
    expect(JSON.stringify((await api(t.url, 'GET', '/api/invitations', { token: adminToken })).body)).not.toContain(mail.token);

    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: mail.token, password: PASSWORD } })).status).toBe(204);
    await expect(login(t.url, email, PASSWORD)).resolves.toBeTruthy();
    expect(await stateOf(hr.id)).toBe('used');
    expect((await api(t.url, 'POST', `/api/invitations/${hr.id}/resend`, { token: adminToken })).status).toBe(409);
  });

  it('invites auditors the same way; resending voids the old link; an expired invitation says so', async () => {
    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: `Partner ${unique('p')}` } });
    const email = `${unique('auditor')}@partner.test`;
    const refused = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email, name: 'Dian', password: PASSWORD } });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual(['password']);
    const auditor = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email, name: 'Dian' } });
    expect(auditor.status).toBe(201);
    const first = await waitForMail(email);
    expect(await stateOf(auditor.body.id)).toBe('pending');

    await t.dataSource.query(`UPDATE password_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [auditor.body.id]);
    expect(await stateOf(auditor.body.id)).toBe('expired');

    const resent = await api(t.url, 'POST', `/api/invitations/${auditor.body.id}/resend`, { token: adminToken });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ userId: auditor.body.id, email, state: 'pending', roles: ['auditor'], partnerId: partner.body.id });
    const second = await waitForMail(email, 1);
    expect(second.token).not.toBe(first.token);
    // A resend while the older link is still valid voids it as well.
    const third = await api(t.url, 'POST', `/api/invitations/${auditor.body.id}/resend`, { token: adminToken });
    expect(third.status).toBe(200);
    const latest = await waitForMail(email, 2);
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: second.token, password: PASSWORD } })).status).toBe(400);
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: latest.token, password: PASSWORD } })).status).toBe(204);
    expect(await stateOf(auditor.body.id)).toBe('used');
    const [entry] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.invitation_resent' AND target_id = $1`, [auditor.body.id]);
    expect(entry.n).toBe(2);
  });

  it('keeps invitations to platform admins', async () => {
    expect((await api(t.url, 'GET', '/api/invitations', { token: org.hrToken })).status).toBe(403);
    expect((await api(t.url, 'POST', `/api/invitations/${org.id}/resend`, { token: org.hrToken })).status).toBe(403);
    expect((await api(t.url, 'POST', `/api/invitations/${org.id}/resend`, { token: adminToken })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/invitations/not-a-uuid/resend`, { token: adminToken })).status).toBe(400);
  });
});
