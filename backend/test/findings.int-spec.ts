import { hashPassword } from '../src/identity/crypto';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

/** Findings lifecycle (API.md Auditors → Findings) on real PostgreSQL, through HTTP. */
describe('findings: open → responded → closure_proposed → closed, or back to open', () => {
  let t: TestApp;
  let org: TestOrg;
  let otherOrg: TestOrg;
  let reportId: string;
  let hrEnEmail: string;
  let hrEn: string;
  let auditorA: { email: string; token: string };
  let auditorA2: { email: string; token: string };
  let auditorB: { email: string; token: string };

  async function newPartnerWithAuditors(locales: ('id' | 'en')[]): Promise<{ email: string; token: string }[]> {
    const [partner] = await t.dataSource.query(`INSERT INTO partners (name) VALUES ($1) RETURNING id`, [unique('Mitra')]);
    await t.dataSource.query(
      `INSERT INTO engagements (partner_id, organization_id, period_start, period_end, scope) VALUES ($1, $2, '2026-01-01', '2099-12-31', 'aggregate')`,
      [partner.id, org.id],
    );
    const hash = await hashPassword(PASSWORD);
    const auditors = [];
    for (const locale of locales) {
      const email = `${unique('auditor')}@mitra.test`;
      await t.dataSource.query(`INSERT INTO users (partner_id, email, name, roles, password_hash, locale) VALUES ($1, $2, 'Auditor', '{auditor}', $3, $4)`, [
        partner.id,
        email,
        hash,
        locale,
      ]);
      auditors.push({ email, token: await login(t.url, email, PASSWORD) });
    }
    return auditors;
  }

  const path = (id: string, action: string) => `/api/organizations/${org.id}/findings/${id}/${action}`;
  const post = (token: string, id: string, action: string, body: unknown = {}) => api(t.url, 'POST', path(id, action), { token, body });
  const record = async (dueOn = '2099-12-31') => {
    const res = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports/${reportId}/findings`, {
      token: auditorA.token,
      body: { severity: 'high', text: `Interns lack module 5 ${unique('f')}`, dueOn },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  };
  const trail = async (id: string) =>
    (await t.dataSource.query(`SELECT action, details FROM audit_entries WHERE target_type = 'finding' AND target_id = $1 ORDER BY id`, [id])) as {
      action: string;
      details: Record<string, unknown> | null;
    }[];
  const mails = async (kind: string, to: string[]) =>
    (await t.dataSource.query(
      `SELECT to_address AS to, subject, organization_id AS "organizationId" FROM outbox_messages WHERE kind = $1 AND to_address = ANY($2) ORDER BY to_address, created_at`,
      [kind, to],
    )) as { to: string; subject: string; organizationId: string | null }[];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    const adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    otherOrg = await onboardOrganization(t.url, adminToken);
    hrEnEmail = `${unique('hr-en')}@org.test`;
    await t.dataSource.query(`INSERT INTO users (organization_id, email, name, roles, password_hash, locale) VALUES ($1, $2, 'HR En', '{employee,hr_admin}', $3, 'en')`, [
      org.id,
      hrEnEmail,
      await hashPassword(PASSWORD),
    ]);
    hrEn = await login(t.url, hrEnEmail, PASSWORD);
    [auditorA, auditorA2] = await newPartnerWithAuditors(['id', 'en']);
    [auditorB] = await newPartnerWithAuditors(['en']);
    [{ id: reportId }] = await t.dataSource.query(
      `INSERT INTO audit_reports (organization_id, period_start, period_end, lang, status) VALUES ($1, '2026-01-01', '2026-06-30', 'en', 'done') RETURNING id`,
      [org.id],
    );
  });
  afterAll(() => t.close());

  it('runs the whole loop; each step is a trail entry and a mail to the other side in their language', async () => {
    const f = await record();
    expect(f.status).toBe('open');

    const responded = await post(org.hrToken, f.id, 'response', { correctiveAction: 'Module 5 assigned to interns' });
    expect(responded.status).toBe(200);
    expect(responded.body).toMatchObject({ status: 'responded', correctiveAction: 'Module 5 assigned to interns', closedOnTime: null });
    const toAuditors = await mails('finding_responded', [auditorA.email, auditorA2.email, auditorB.email, org.hrEmail, hrEnEmail]);
    expect(toAuditors).toHaveLength(2);
    expect(toAuditors.find((m) => m.to === auditorA.email)?.subject).toMatch(/^HR telah menanggapi temuan audit/);
    expect(toAuditors.find((m) => m.to === auditorA2.email)?.subject).toMatch(/^HR responded to an audit finding/);
    expect(toAuditors.every((m) => m.organizationId === null)).toBe(true);

    const proposed = await post(hrEn, f.id, 'propose-closure');
    expect(proposed.status).toBe(200);
    expect(proposed.body.status).toBe('closure_proposed');
    expect(await mails('finding_closure_proposed', [auditorA.email, auditorA2.email, auditorB.email])).toHaveLength(2);

    // Any auditor of the raising partner, not only the one who recorded it.
    const closed = await post(auditorA2.token, f.id, 'close');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedOnTime: true });
    const toHr = await mails('finding_closed', [org.hrEmail, hrEnEmail, auditorA.email, auditorA2.email]);
    expect(toHr.map((m) => m.to).sort()).toEqual([org.hrEmail, hrEnEmail].sort());
    expect(toHr.find((m) => m.to === org.hrEmail)?.subject).toMatch(/^Auditor menutup temuan audit/);
    expect(toHr.find((m) => m.to === hrEnEmail)?.subject).toMatch(/^The auditor closed an audit finding/);
    expect(toHr.every((m) => m.organizationId === org.id)).toBe(true);

    expect(await trail(f.id)).toEqual([
      { action: 'finding.recorded', details: expect.any(Object) },
      { action: 'finding.responded', details: { from: 'open', to: 'responded' } },
      { action: 'finding.closure_proposed', details: { from: 'responded', to: 'closure_proposed' } },
      { action: 'finding.closed', details: { from: 'closure_proposed', to: 'closed' } },
    ]);
  });

  it('reopens a closed finding (back to open, no longer closed) and lets HR respond again', async () => {
    const f = await record();
    await post(org.hrToken, f.id, 'response', { correctiveAction: 'Done' });
    await post(org.hrToken, f.id, 'propose-closure');
    await post(auditorA.token, f.id, 'close');
    const reopened = await post(auditorA.token, f.id, 'reopen');
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null, closureProposedAt: null, closedOnTime: null, reopenedAt: expect.any(String) });
    expect(await mails('finding_reopened', [org.hrEmail, hrEnEmail])).toHaveLength(2);
    expect((await trail(f.id)).map((e) => e.action).slice(-1)).toEqual(['finding.reopened']);
    expect((await post(org.hrToken, f.id, 'response', { correctiveAction: 'Really done now' })).body.status).toBe('responded');
    // A proposal can be turned down too.
    await post(org.hrToken, f.id, 'propose-closure');
    expect((await post(auditorA2.token, f.id, 'reopen')).body.status).toBe('open');
  });

  it('answers 409 with a message for transitions the lifecycle does not have', async () => {
    const f = await record();
    const cases: [string, string, string, RegExp][] = [
      [org.hrToken, 'propose-closure', 'open', /Tanggapi dengan tindakan perbaikan/],
      [auditorA.token, 'close', 'open', /belum mengusulkan penutupan/],
      [auditorA.token, 'reopen', 'open', /sudah terbuka/],
    ];
    for (const [token, action, from, message] of cases) {
      const res = await post(token, f.id, action);
      expect({ action, from, status: res.status }).toEqual({ action, from, status: 409 });
      expect(res.body.message).toMatch(message);
    }
    await post(org.hrToken, f.id, 'response', { correctiveAction: 'x' });
    expect((await post(auditorA.token, f.id, 'close')).status).toBe(409);
    await post(org.hrToken, f.id, 'propose-closure');
    const respondWhileProposed = await post(org.hrToken, f.id, 'response', { correctiveAction: 'y' });
    expect(respondWhileProposed.status).toBe(409);
    expect(respondWhileProposed.body.message).toMatch(/Penutupan sudah diusulkan/);
    await post(auditorA.token, f.id, 'close');
    expect((await post(auditorA.token, f.id, 'close')).body.message).toMatch(/sudah ditutup/);
    expect((await post(org.hrToken, f.id, 'propose-closure')).status).toBe(409);
    // Nothing of the refused attempts reached the trail.
    expect((await trail(f.id)).map((e) => e.action)).toEqual(['finding.recorded', 'finding.responded', 'finding.closure_proposed', 'finding.closed']);
  });

  it('lets only HR respond and propose, only the raising partner’s auditors close and reopen; others 403/404', async () => {
    const f = await record();
    expect((await post(auditorA.token, f.id, 'response', { correctiveAction: 'x' })).status).toBe(403);
    await post(org.hrToken, f.id, 'response', { correctiveAction: 'x' });
    expect((await post(auditorA.token, f.id, 'propose-closure')).status).toBe(403);
    await post(org.hrToken, f.id, 'propose-closure');
    expect((await post(org.hrToken, f.id, 'close')).status).toBe(403);
    expect((await post(org.hrToken, f.id, 'reopen')).status).toBe(403);
    const otherPartner = await post(auditorB.token, f.id, 'close');
    expect(otherPartner.status).toBe(403);
    expect(otherPartner.body.message).toMatch(/partner that raised/); // auditor B's account is in English
    expect((await post(auditorB.token, f.id, 'reopen')).status).toBe(403);
    // Another organisation's HR: the :orgId guard answers 404 before anything about the finding.
    expect((await api(t.url, 'POST', `/api/organizations/${org.id}/findings/${f.id}/propose-closure`, { token: otherOrg.hrToken })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/organizations/${otherOrg.id}/findings/${f.id}/propose-closure`, { token: otherOrg.hrToken })).status).toBe(404);
    expect((await post(auditorA.token, '00000000-0000-4000-8000-000000000000', 'close')).status).toBe(404);
    expect((await post(auditorA.token, 'nope', 'close')).status).toBe(400);
    const [row] = await t.dataSource.query(`SELECT status FROM findings WHERE id = $1`, [f.id]);
    expect(row.status).toBe('closure_proposed');
  });

  it('counts a finding closed by its due date in the organisation’s calendar as closed on time', async () => {
    // Asia/Jakarta is UTC+7: 16:30Z is 23:30 on the due date there, 17:30Z is already the next day.
    const onTime = await record('2026-03-10');
    const late = await record('2026-03-10');
    for (const [f, at] of [[onTime, '2026-03-10T16:30:00Z'], [late, '2026-03-10T17:30:00Z']] as const) {
      await post(org.hrToken, f.id, 'response', { correctiveAction: 'x' });
      await post(org.hrToken, f.id, 'propose-closure');
      await post(auditorA.token, f.id, 'close');
      await t.dataSource.query(`UPDATE findings SET closed_at = $2 WHERE id = $1`, [f.id, at]);
    }
    const list = (await api(t.url, 'GET', `/api/organizations/${org.id}/findings`, { token: org.hrToken })).body as { id: string; closedOnTime: boolean | null }[];
    expect(list.find((x) => x.id === onTime.id)?.closedOnTime).toBe(true);
    expect(list.find((x) => x.id === late.id)?.closedOnTime).toBe(false);
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}/findings`, { token: auditorB.token })).body.find((x: { id: string }) => x.id === late.id)).toMatchObject({
      status: 'closed',
      closedOnTime: false,
    });
  });
});
