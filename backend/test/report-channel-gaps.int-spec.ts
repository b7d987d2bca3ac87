import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { acceptInvitation, addPerson, api, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp } from './helpers';
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

  describe('POST /api/cases/phone-reports', () => {
    const call = { category: 'sexual_harassment', description: 'Caller: PHONE-MARKER-7731, harassed at the depot', contact: 'WhatsApp 0812', allowSatgasReferral: false };

    it('records the report for the handler’s partner, whose receipt opens the follow-up; the partner’s chain says "by phone", without content', async () => {
      const h = await partnerWithHandler();
      const res = await api(t.url, 'POST', '/api/cases/phone-reports', { token: h.token, body: { organizationCode: c.org.code, ...call } });
      expect(res.status).toBe(201);
      expect(res.body.receipt).toMatch(/^\d{16}$/);

      // The caller follows up with the receipt, as after a public submission.
      const session = await api(t.url, 'POST', '/api/reporter/session', { body: { receipt: res.body.receipt } });
      expect(session.status).toBe(200);
      const followUp = await api(t.url, 'GET', '/api/reporter/report', { token: session.body.token });
      expect(followUp.status).toBe(200);
      expect(followUp.body).toMatchObject({ category: 'sexual_harassment', description: call.description, status: 'received' });

      // Wrapped for the recording handler's partner only, and stored encrypted.
      const opened = await api(t.url, 'GET', `/api/cases/${res.body.caseId}`, { token: h.token });
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ description: call.description, contact: 'WhatsApp 0812', allowSatgasReferral: false });
      const recipients: { kind: string; partner_id: string | null }[] = await t.dataSource.query(
        `SELECT kind, partner_id FROM confidential_report_recipients WHERE report_id = $1`,
        [res.body.caseId],
      );
      expect(recipients).toEqual([{ kind: 'partner', partner_id: h.partnerId }]);
      const [raw] = await t.dataSource.query(`SELECT row_to_json(r)::text AS text FROM confidential_reports r WHERE id = $1`, [res.body.caseId]);
      expect(raw.text).not.toContain('PHONE-MARKER-7731');

      await t.app.get(AuditTrailService).sequenceNow();
      const log = await api(t.url, 'GET', `/api/partners/${h.partnerId}/case-log`, { token: h.token });
      const byPhone = (log.body as { action: string; targetId: string; details: unknown }[]).filter((e) => e.action === 'case.recorded_by_phone');
      expect(byPhone).toHaveLength(1);
      expect(byPhone[0].targetId).toBe(res.body.caseId);
      expect(JSON.stringify(log.body)).not.toContain('PHONE-MARKER-7731');
    });

    it('accepts organizationId too, and names the organisation field when neither is given (400)', async () => {
      const h = await partnerWithHandler();
      expect((await api(t.url, 'POST', '/api/cases/phone-reports', { token: h.token, body: { organizationId: c.org.id, ...call } })).status).toBe(201);
      const missing = await api(t.url, 'POST', '/api/cases/phone-reports', { token: h.token, body: call });
      expect(missing.status).toBe(400);
      expect(missing.body.fields.map((f: { field: string }) => f.field)).toContain('organizationCode');
      const noCategory = await api(t.url, 'POST', '/api/cases/phone-reports', { token: h.token, body: { ...call, organizationCode: c.org.code, category: 'gossip' } });
      expect(noCategory.status).toBe(400);
      expect(noCategory.body.fields.map((f: { field: string }) => f.field)).toEqual(['category']);
    });

    it('refuses anyone but a case handler (403) and an organisation not engaged with the handler’s partner (404)', async () => {
      const h = await partnerWithHandler();
      const employee = await addPerson(t.dataSource, c.org.id, { password: true });
      for (const token of [c.org.hrToken, c.adminToken, await login(t.url, employee.email, PASSWORD)]) {
        expect((await api(t.url, 'POST', '/api/cases/phone-reports', { token, body: { organizationCode: c.org.code, ...call } })).status).toBe(403);
      }
      const elsewhere = await onboardOrganization(t.url, c.adminToken);
      // Counted for the handler's partner only: other suites submit reports into the same database in parallel.
      const recorded = `SELECT count(*)::int AS n FROM confidential_report_recipients WHERE partner_id = $1`;
      const before: { n: number }[] = await t.dataSource.query(recorded, [h.partnerId]);
      for (const body of [{ organizationCode: elsewhere.code }, { organizationId: elsewhere.id }, { organizationCode: 'no-such-org' }]) {
        expect((await api(t.url, 'POST', '/api/cases/phone-reports', { token: h.token, body: { ...body, ...call } })).status).toBe(404);
      }
      const after: { n: number }[] = await t.dataSource.query(recorded, [h.partnerId]);
      expect(after[0].n).toBe(before[0].n);
    });
  });
});
