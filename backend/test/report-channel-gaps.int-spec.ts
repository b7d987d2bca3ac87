import { acceptInvitation, addPerson, api, login, PASSWORD, startTestApp, unique, type TestApp } from './helpers';
import { channelFixture, engagedPartner, type Channel } from './report-channel-fixtures';

describe('Confidential reports: Satgas navigation, partner settings, phone reports', () => {
  let t: TestApp;
  let c: Channel;

  /** A partner engaged with the fixture's organisation and its first handler, signed in with a key pair (password alone, as the demo). */
  async function partnerWithHandler(organizationId = c.org.id): Promise<{ partnerId: string; userId: string; token: string }> {
    const partnerId = await engagedPartner(t, c.adminToken, organizationId);
    const email = `${unique('h9')}@mitra.test`;
    const invited = await api(t.url, 'POST', `/api/partners/${partnerId}/case-handlers`, { token: c.adminToken, body: { email, name: 'Phone Handler' } });
    if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
    await acceptInvitation(t.url, email);
    await t.dataSource.query(`UPDATE users SET totp_exempt = true WHERE id = $1`, [invited.body.id]);
    return { partnerId, userId: invited.body.id, token: await login(t.url, email, PASSWORD) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    c = await channelFixture(t);
  });
  afterAll(() => t.close());

  it('GET /api/me says isSatgas for a designated Satgas member only, and stops saying it once HR removes them', async () => {
    const member = await addPerson(t.dataSource, c.org.id, { password: true });
    const colleague = await addPerson(t.dataSource, c.org.id, { password: true });
    const memberToken = await login(t.url, member.email, PASSWORD);
    const colleagueToken = await login(t.url, colleague.email, PASSWORD);
    expect((await api(t.url, 'GET', '/api/me', { token: memberToken })).body.isSatgas).toBe(false);

    expect((await api(t.url, 'PUT', '/api/satgas-members', { token: c.org.hrToken, body: { userIds: [member.id] } })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/me', { token: memberToken })).body.isSatgas).toBe(true);
    expect((await api(t.url, 'GET', '/api/me', { token: colleagueToken })).body.isSatgas).toBe(false);
    expect((await api(t.url, 'GET', '/api/me', { token: c.org.hrToken })).body.isSatgas).toBe(false);

    expect((await api(t.url, 'PUT', '/api/satgas-members', { token: c.org.hrToken, body: { userIds: [] } })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/me', { token: memberToken })).body.isSatgas).toBe(false);
  });

  it('GET /api/partners/:id/case-settings answers the partner’s own handlers (365 by default, then what they set); others 404/403', async () => {
    const own = await partnerWithHandler();
    const other = await partnerWithHandler();
    const path = `/api/partners/${own.partnerId}/case-settings`;
    const first = await api(t.url, 'GET', path, { token: own.token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ caseRetentionDays: 365 });

    const tooShort = await api(t.url, 'PUT', path, { token: own.token, body: { caseRetentionDays: 30 } });
    expect(tooShort.status).toBe(400);
    expect(JSON.stringify(tooShort.body)).toContain('caseRetentionDays');
    expect((await api(t.url, 'PUT', path, { token: own.token, body: { caseRetentionDays: 120 } })).status).toBe(200);
    expect((await api(t.url, 'GET', path, { token: own.token })).body).toEqual({ caseRetentionDays: 120 });

    expect((await api(t.url, 'GET', path, { token: other.token })).status).toBe(404);
    expect((await api(t.url, 'GET', path, { token: c.org.hrToken })).status).toBe(403);
    expect((await api(t.url, 'GET', path, { token: c.adminToken })).status).toBe(403);
  });
});
