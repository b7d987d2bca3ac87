import { hashPassword } from '../src/identity/crypto';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

/** Agreed indicators (issue 14): proposal, acceptance, values from the owning services, trend from report snapshots. */
describe('indicators: the partner proposes, HR accepts, values and trends', () => {
  let t: TestApp;
  let org: TestOrg;
  let otherOrg: TestOrg;
  let engagementId: string;
  let auditor: string;
  let auditorUserId: string;
  let otherAuditor: string;

  async function partnerAuditor(orgId: string): Promise<{ token: string; userId: string; engagementId: string }> {
    const [partner] = await t.dataSource.query(`INSERT INTO partners (name) VALUES ($1) RETURNING id`, [unique('Mitra')]);
    const [e] = await t.dataSource.query(
      `INSERT INTO engagements (partner_id, organization_id, period_start, period_end, scope) VALUES ($1, $2, '2026-01-01', '2099-12-31', 'aggregate') RETURNING id`,
      [partner.id, orgId],
    );
    const email = `${unique('auditor')}@mitra.test`;
    const [u] = await t.dataSource.query(`INSERT INTO users (partner_id, email, name, roles, password_hash) VALUES ($1, $2, 'Auditor', '{auditor}', $3) RETURNING id`, [
      partner.id,
      email,
      await hashPassword(PASSWORD),
    ]);
    return { token: await login(t.url, email, PASSWORD), userId: u.id, engagementId: e.id };
  }

  const put = (token: string, body: unknown, id = engagementId) => api(t.url, 'PUT', `/api/engagements/${id}/indicators?lang=en`, { token, body });
  const get = (token: string, id = engagementId) => api(t.url, 'GET', `/api/engagements/${id}/indicators?lang=en`, { token });
  const decide = (token: string, body: unknown) => api(t.url, 'POST', `/api/engagements/${engagementId}/indicators/accept?lang=en`, { token, body });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    const adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    otherOrg = await onboardOrganization(t.url, adminToken);
    const a = await partnerAuditor(org.id);
    auditor = a.token;
    auditorUserId = a.userId;
    engagementId = a.engagementId;
    otherAuditor = (await partnerAuditor(otherOrg.id)).token;
  });
  afterAll(() => t.close());

  it('refuses bad proposals naming the field, and anyone but an auditor of the partner', async () => {
    const cases: [unknown, string][] = [
      [[], 'indicators'],
      [[{ indicator: 'happiness', target: 1 }], 'indicators.0.indicator'],
      [[{ indicator: 'completion_staff', target: 1.5 }], 'indicators.0.target'],
      [[{ indicator: 'completion_staff', target: '0.9' }], 'indicators.0.target'],
      [[{ indicator: 'completion_staff', target: 0.9 }, { indicator: 'completion_staff', target: 0.8 }], 'indicators.1.indicator'],
      [{ indicators: [{ indicator: 'median_days_to_close', target: -2 }] }, 'indicators.0.target'],
    ];
    for (const [body, field] of cases) {
      const res = await put(auditor, body);
      expect(res.status).toBe(400);
      expect(res.body.fields[0].field).toBe(field);
    }
    expect((await put(org.hrToken, [{ indicator: 'completion_staff', target: 0.9 }])).status).toBe(403);
    expect((await put(otherAuditor, [{ indicator: 'completion_staff', target: 0.9 }])).status).toBe(404);
    expect((await get(otherAuditor)).status).toBe(404);
    expect((await get(otherOrg.hrToken)).status).toBe(404);
    // Nothing proposed yet: HR has nothing to accept.
    expect((await decide(org.hrToken, {})).status).toBe(409);
  });

  it('the auditor proposes, HR comments then accepts; each step is in the organisation’s trail', async () => {
    const proposal = [
      { indicator: 'completion_leaders', target: 0.9 },
      { indicator: 'completion_staff', target: 0.85 },
      { indicator: 'know_how_to_report', target: 0.8 },
      { indicator: 'knowledge_gain', target: 0.2 },
      { indicator: 'findings_closed_on_time', target: 1 },
    ];
    const proposed = await put(auditor, proposal);
    expect(proposed.status).toBe(200);
    expect(proposed.body.map((i: { indicator: string; target: number; status: string }) => [i.indicator, i.target, i.status])).toEqual(
      proposal.map((p) => [p.indicator, p.target, 'proposed']),
    );
    const commentOnly = await decide(org.hrToken, { accept: false });
    expect(commentOnly.status).toBe(400);
    expect(commentOnly.body.fields[0].field).toBe('comment');
    expect((await decide(auditor, {})).status).toBe(403);

    const commented = await decide(org.hrToken, { accept: false, comment: 'Staff target is too low' });
    expect(commented.status).toBe(200);
    expect(commented.body[0]).toMatchObject({ status: 'commented', comment: 'Staff target is too low' });
    const accepted = await decide(org.hrToken, { accept: true });
    expect(accepted.status).toBe(200);
    expect(accepted.body.every((i: { status: string }) => i.status === 'accepted')).toBe(true);

    const trail = await t.dataSource.query(
      `SELECT action, actor_id AS "actorId" FROM audit_entries WHERE organization_id = $1 AND target_type = 'engagement' AND target_id = $2 AND action LIKE 'indicators.%' ORDER BY id`,
      [org.id, engagementId],
    );
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['indicators.proposed', 'indicators.commented', 'indicators.accepted']);
    expect(trail[0].actorId).toBe(auditorUserId);
  });

  it('values come from the owning services and match an independent computation; trends read report snapshots', async () => {
    // Survey: 5 answers to the "know how to report" question, 3 agreeing (written as the results table holds them).
    const wave = await api(t.url, 'POST', '/api/surveys/waves', {
      token: org.hrToken,
      body: { questionnaire: 'climate-2026', audience: 'everyone', opensOn: '2026-01-01', closesOn: '2099-12-31' },
    });
    expect(wave.status).toBe(201);
    for (const answer of ['agree', 'strongly-agree', 'agree', 'disagree', 'neutral']) {
      await t.dataSource.query(`INSERT INTO survey_responses (wave_id, answers) VALUES ($1, $2)`, [wave.body.id, JSON.stringify({ 'know-where': answer })]);
    }
    // Findings: two closed by their due date, one late, one open.
    const [report] = await t.dataSource.query(
      `INSERT INTO audit_reports (organization_id, period_start, period_end, lang, status, numbers) VALUES ($1, '2026-01-01', '2026-03-31', 'en', 'done', $2) RETURNING id`,
      [org.id, JSON.stringify({ indicators: { completion_staff: 0.4, know_how_to_report: 0.5, findings_closed_on_time: null } })],
    );
    for (const [due, closed] of [
      ['2026-06-30', '2026-06-01T03:00:00Z'],
      ['2026-06-30', '2026-06-30T16:00:00Z'], // 23:00 in Jakarta: still the due day
      ['2026-06-30', '2026-06-30T17:30:00Z'], // 00:30 on 1 July in Jakarta: late
      ['2026-06-30', null],
    ] as const) {
      await t.dataSource.query(
        `INSERT INTO findings (organization_id, report_id, created_by, severity, text, due_on, status, closed_at) VALUES ($1, $2, $3, 'low', 'x', $4, $5, $6)`,
        [org.id, report.id, auditorUserId, due, closed ? 'closed' : 'open', closed],
      );
    }
    const [expected] = await t.dataSource.query(
      `SELECT (SELECT count(*) FILTER (WHERE answers->>'know-where' IN ('agree', 'strongly-agree'))::float8 / count(*) FROM survey_responses WHERE wave_id = $2) AS know,
              (SELECT count(*) FILTER (WHERE (closed_at AT TIME ZONE 'Asia/Jakarta')::date <= due_on)::float8 / count(*) FROM findings WHERE organization_id = $1 AND status = 'closed') AS ontime`,
      [org.id, wave.body.id],
    );
    expect(expected).toEqual({ know: 0.6, ontime: 2 / 3 });

    const res = await get(auditor);
    expect(res.status).toBe(200);
    const by = (key: string) => res.body.find((i: { indicator: string }) => i.indicator === key);
    const current = (key: string) => by(key).values.at(-1);
    expect(current('know_how_to_report')).toMatchObject({ value: expected.know, source: 'current' });
    expect(current('findings_closed_on_time').value).toBeCloseTo(expected.ontime, 10);
    // The same figure the HR dashboard publishes (suppressed: null for a group under k).
    const summary = await api(t.url, 'GET', '/api/reports/summary', { token: org.hrToken });
    expect(current('completion_staff').value).toBe(summary.body.staff.moduleCompletionRate);
    expect(current('completion_leaders').value).toBe(summary.body.leaders.moduleCompletionRate);
    // No pre-test taken in this organisation: knowledge gain has no figure yet.
    expect(by('knowledge_gain')).toMatchObject({ available: true });
    expect(current('knowledge_gain').value).toBeNull();
    // Trend: the stored snapshot first, then today.
    expect(by('completion_staff').values[0]).toEqual({ period: '2026-03-31', value: 0.4, source: 'report', reportId: report.id });
    expect(by('know_how_to_report').values.map((v: { value: number }) => v.value)).toEqual([0.5, 0.6]);
    // The auditor's read is logged; the shared view gives the same indicators to HR and to the auditor.
    expect(await t.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'auditor.read' AND target_type = 'engagement' AND target_id = $1`, [engagementId])).not.toHaveLength(0);
    const shared = await api(t.url, 'GET', `/api/organizations/${org.id}/indicators?lang=en`, { token: org.hrToken });
    const sharedAuditor = await api(t.url, 'GET', `/api/organizations/${org.id}/indicators?lang=en`, { token: auditor });
    expect(shared.status).toBe(200);
    expect(shared.body.engagementId).toBe(engagementId);
    expect(sharedAuditor.body.indicators).toEqual(shared.body.indicators);
    expect(shared.body.values.know_how_to_report.value).toBe(0.6);
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}/indicators`, { token: otherAuditor })).status).toBe(404);
  });

  it('cases received and closed in the latest quarter and the median days to close come from the channel’s statistics', async () => {
    const admin = await createPlatformAdmin(t.dataSource);
    const o = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    const days = [3, 5, 8, 10, 21, 30];
    for (const [i, d] of days.entries()) {
      await t.dataSource.query(
        `INSERT INTO confidential_reports (organization_id, category, status, allow_satgas_referral, created_on, closed_on, receipt_lookup, reporter_salt)
         VALUES ($1, 'other', 'closed', false, '2026-04-01', DATE '2026-04-01' + $2::int, $3, '\\x00')`,
        [o.id, d, Buffer.from(unique(`r${i}`))],
      );
    }
    const [expected] = await t.dataSource.query(
      `SELECT count(*)::int AS received, count(closed_on)::int AS closed, percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_on - created_on) AS median
       FROM confidential_reports WHERE organization_id = $1`,
      [o.id],
    );
    expect(expected).toEqual({ received: 6, closed: 6, median: 9 });
    const values = (await api(t.url, 'GET', `/api/organizations/${o.id}/indicators`, { token: o.hrToken })).body.values;
    expect(values.cases_received_per_quarter).toMatchObject({ value: expected.received, available: true });
    expect(values.cases_closed_per_quarter.value).toBe(expected.closed);
    expect(values.median_days_to_close.value).toBe(expected.median);
    // Fewer than k closed in the latest quarter: the channel hides it, so the indicator is null too.
    await t.dataSource.query(
      `INSERT INTO confidential_reports (organization_id, category, status, allow_satgas_referral, created_on, closed_on, receipt_lookup, reporter_salt)
       VALUES ($1, 'other', 'closed', false, '2026-07-01', '2026-07-05', $2, '\\x00')`,
      [o.id, Buffer.from(unique('late'))],
    );
    const later = (await api(t.url, 'GET', `/api/organizations/${o.id}/indicators`, { token: o.hrToken })).body.values;
    expect([later.cases_received_per_quarter.value, later.cases_closed_per_quarter.value, later.median_days_to_close.value]).toEqual([null, null, null]);
  });

  it('knowledge gain is the knowledge-gain service’s published figure, as an independent computation gives it', async () => {
    const admin = await createPlatformAdmin(t.dataSource);
    const o = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    const slug = 'recognising-harassment';
    const scores: [number, number[]][] = [[40, [80, 90]], [50, [85]], [60, [70, 100]], [30, [80]], [70, [90]], [55, [60]]];
    for (const [before, quiz] of scores) {
      const [u] = await t.dataSource.query(`INSERT INTO users (organization_id, email, name) VALUES ($1, $2, 'P') RETURNING id`, [o.id, `${unique('kg')}@org.test`]);
      const [a] = await t.dataSource.query(
        `INSERT INTO assignments (organization_id, user_id, module_slug, due_on) VALUES ($1, $2, $3, '2099-01-01') RETURNING id`,
        [o.id, u.id, slug],
      );
      await t.dataSource.query(
        `INSERT INTO pretest_attempts (assignment_id, organization_id, user_id, module_slug, module_version, answers, score) VALUES ($1, $2, $3, $4, 'v', '{}', $5)`,
        [a.id, o.id, u.id, slug, before],
      );
      for (const score of quiz) {
        await t.dataSource.query(
          `INSERT INTO quiz_attempts (organization_id, assignment_id, user_id, module_slug, module_version, answers, score, passed, result, request_hash)
           VALUES ($1, $2, $3, $4, 'v', '{}', $5, $5 >= 80, '{}', 'h')`,
          [o.id, a.id, u.id, slug, score],
        );
      }
    }
    const [expected] = await t.dataSource.query(
      `SELECT avg(best - p.score)::float8 AS gain FROM pretest_attempts p
       JOIN LATERAL (SELECT max(q.score) AS best FROM quiz_attempts q WHERE q.assignment_id = p.assignment_id) b ON true
       WHERE p.organization_id = $1`,
      [o.id],
    );
    expect(expected.gain).toBeCloseTo(200 / 6, 5);
    const values = (await api(t.url, 'GET', `/api/organizations/${o.id}/indicators`, { token: o.hrToken })).body.values;
    expect(values.knowledge_gain.value).toBeCloseTo(expected.gain / 100, 3);
  });

  it('a survey share is null while fewer than k answered', async () => {
    const admin = await createPlatformAdmin(t.dataSource);
    const small = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    const wave = await api(t.url, 'POST', '/api/surveys/waves', {
      token: small.hrToken,
      body: { questionnaire: 'climate-2026', audience: 'everyone', opensOn: '2026-01-01', closesOn: '2099-12-31' },
    });
    for (let i = 0; i < 4; i++) await t.dataSource.query(`INSERT INTO survey_responses (wave_id, answers) VALUES ($1, $2)`, [wave.body.id, JSON.stringify({ 'know-where': 'agree' })]);
    const res = await api(t.url, 'GET', `/api/organizations/${small.id}/indicators`, { token: small.hrToken });
    expect(res.body.values.know_how_to_report.value).toBeNull();
    expect(res.body.engagementId).toBeNull();
  });
});
