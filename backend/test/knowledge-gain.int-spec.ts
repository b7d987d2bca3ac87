import { randomUUID } from 'node:crypto';
import { AuditReportsService } from '../src/audit/audit-reports.service';
import type { ReportRow } from '../src/audit/audit-reports.repository';
import { KnowledgeGainService } from '../src/reporting/knowledge-gain.service';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg, unique } from './helpers';

/**
 * The knowledge-gain figures on fixture data, against an independent computation in SQL: the mean
 * pre-test score and the mean best quiz score of each group's people, written the plain way
 * (correlated sub-queries, no DISTINCT ON, no roll-up of unit paths).
 */
describe('knowledge gain (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  const slug = 'recognising-harassment';
  const unit: Record<string, string> = {};

  async function addUnit(orgId: string, name: string, parent: string | null): Promise<string> {
    const [row] = await t.dataSource.query(
      `WITH n AS (SELECT gen_random_uuid() AS id)
       INSERT INTO units (id, organization_id, parent_id, code, name, path)
       SELECT n.id, $1, $2::uuid, $3, $4, COALESCE((SELECT path FROM units WHERE id = $2::uuid), '{}'::uuid[]) || n.id FROM n RETURNING id`,
      [orgId, parent, unique('U'), name],
    );
    return row.id;
  }

  /** A person with an assignment of the module, a pre-test score and quiz scores on it (either may be absent). */
  async function person(orgId: string, p: { unitId: string; leader?: boolean; before?: number; quiz?: number[]; active?: boolean; pretestAt?: string }) {
    const [user] = await t.dataSource.query(
      `INSERT INTO users (organization_id, email, name, unit_id, is_leader, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [orgId, `${unique('kg')}@org.test`, unique('Person'), p.unitId, p.leader ?? false, p.active === false ? 'deactivated' : 'active'],
    );
    await assignment(orgId, user.id, p);
    return user.id as string;
  }

  async function assignment(orgId: string, userId: string, p: { before?: number; quiz?: number[]; pretestAt?: string; completed?: boolean }) {
    const [a] = await t.dataSource.query(
      `INSERT INTO assignments (organization_id, user_id, module_slug, due_on, completed_at, module_version, assigned_at)
       VALUES ($1, $2, $3, '2099-01-01', $4, $5, COALESCE($6::timestamptz, now())) RETURNING id`,
      [orgId, userId, slug, p.completed ? new Date('2025-01-01') : null, p.completed ? 'v0' : null, p.pretestAt ?? null],
    );
    if (p.before !== undefined) {
      await t.dataSource.query(
        `INSERT INTO pretest_attempts (assignment_id, organization_id, user_id, module_slug, module_version, answers, score, created_at)
         VALUES ($1, $2, $3, $4, 'v', '{}', $5, COALESCE($6::timestamptz, now()))`,
        [a.id, orgId, userId, slug, p.before, p.pretestAt ?? null],
      );
    }
    for (const score of p.quiz ?? []) {
      await t.dataSource.query(
        `INSERT INTO quiz_attempts (organization_id, assignment_id, user_id, module_slug, module_version, answers, score, passed, result, request_hash)
         VALUES ($1, $2, $3, $4, 'v', '{}', $5, $5 >= 80, '{}', 'h')`,
        [orgId, a.id, userId, slug, score],
      );
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD);
    org = await onboardOrganization(t.url, admin);
    other = await onboardOrganization(t.url, admin);
    unit['root'] = await addUnit(org.id, 'Root', null);
    unit['alpha'] = await addUnit(org.id, 'Alpha', unit['root']);
    unit['beta'] = await addUnit(org.id, 'Beta', unit['root']);

    // Alpha: 4 leaders and 3 staff. One leader's best of two attempts counts (90, not 40).
    await person(org.id, { unitId: unit['alpha'], leader: true, before: 40, quiz: [40, 90] });
    await person(org.id, { unitId: unit['alpha'], leader: true, before: 60, quiz: [80] });
    await person(org.id, { unitId: unit['alpha'], leader: true, before: 20, quiz: [100] });
    await person(org.id, { unitId: unit['alpha'], leader: true, before: 50, quiz: [70] });
    for (const [before, quiz] of [[30, 80], [45, 85], [55, 95]]) await person(org.id, { unitId: unit['alpha'], before, quiz: [quiz] });
    // Beta: 3 staff (fewer than k = 5).
    for (const [before, quiz] of [[10, 60], [20, 70], [35, 75]]) await person(org.id, { unitId: unit['beta'], before, quiz: [quiz] });
    // Root itself: 2 staff, one of whom was assigned twice: the latest pre-test with a quiz after it counts.
    await person(org.id, { unitId: unit['root'], before: 25, quiz: [65] });
    const twice = await person(org.id, { unitId: unit['root'], before: 10, quiz: [20], pretestAt: '2025-01-01T00:00:00Z' });
    await t.dataSource.query(`UPDATE assignments SET completed_at = '2025-02-01', module_version = 'v0' WHERE user_id = $1`, [twice]);
    await assignment(org.id, twice, { before: 50, quiz: [90] });

    // Not counted: a pre-test without a quiz, a quiz without a pre-test, a deactivated person, another organisation.
    await person(org.id, { unitId: unit['alpha'], before: 99 });
    await person(org.id, { unitId: unit['alpha'], quiz: [99] });
    await person(org.id, { unitId: unit['alpha'], leader: true, before: 0, quiz: [100], active: false });
    const elsewhere = await addUnit(other.id, 'Elsewhere', null);
    for (let i = 0; i < 6; i++) await person(other.id, { unitId: elsewhere, before: 0, quiz: [100] });
  });
  afterAll(() => t.close());

  /** The independent computation: the same figures, the plain way, for the people of a group. */
  async function expected(where: string, params: unknown[]): Promise<{ people: number; before: number; after: number }> {
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS people, round(avg(before), 1)::float8 AS before, round(avg(after), 1)::float8 AS after
         FROM (SELECT u.id, u.unit_id, u.is_leader,
                      (SELECT p.score FROM pretest_attempts p
                        WHERE p.user_id = u.id AND p.module_slug = $1
                          AND (SELECT count(*) FROM quiz_attempts q WHERE q.assignment_id = p.assignment_id) > 0
                        ORDER BY p.created_at DESC LIMIT 1) AS before,
                      (SELECT max(q.score) FROM quiz_attempts q WHERE q.assignment_id =
                         (SELECT p.assignment_id FROM pretest_attempts p
                           WHERE p.user_id = u.id AND p.module_slug = $1
                             AND (SELECT count(*) FROM quiz_attempts q2 WHERE q2.assignment_id = p.assignment_id) > 0
                           ORDER BY p.created_at DESC LIMIT 1)) AS after
                 FROM users u WHERE u.organization_id = $2 AND u.status = 'active') x
        WHERE before IS NOT NULL AND after IS NOT NULL AND ${where}`,
      [slug, org.id, ...params],
    );
    return row;
  }

  it('gives the organisation, leaders and staff the means of the same people, hiding leaders (4) and the staff that would give them away', async () => {
    const res = await api(t.url, 'GET', `/api/reports/knowledge-gain?module=${slug}&lang=en`, { token: org.hrToken });
    expect(res.status).toBe(200);
    const all = await expected('true', []);
    expect(all).toEqual({ people: 12, before: 36.7, after: 80 });
    expect(res.body.minGroupSize).toBe(5);
    expect(res.body.rows).toEqual([
      {
        module: slug,
        moduleTitle: 'Recognising Sexual Harassment and Violence at Work',
        groupKind: 'organization',
        group: 'all',
        groupId: null,
        parentId: null,
        people: all.people,
        before: all.before,
        after: all.after,
        gain: Math.round(10 * (all.after - all.before)) / 10,
        suppressed: false,
      },
      // 4 leaders are fewer than 5; the staff would be the total minus them.
      expect.objectContaining({ groupKind: 'role', group: 'leaders', people: null, before: null, after: null, gain: null, suppressed: true }),
      expect.objectContaining({ groupKind: 'role', group: 'staff', people: null, before: null, suppressed: true }),
    ]);
  });

  it('rolls units up their subtree, hides the small unit and whatever would give it away', async () => {
    const res = await api(t.url, 'GET', `/api/reports/knowledge-gain?module=${slug}&groupBy=unit`, { token: org.hrToken });
    expect(res.status).toBe(200);
    const rows = res.body.rows as { group: string; groupId: string | null; people: number | null; before: number | null; after: number | null; suppressed: boolean }[];
    expect(rows.map((r) => r.group)).toEqual(['all', 'Root', 'Alpha', 'Beta']);
    const byName = Object.fromEntries(rows.map((r) => [r.group, r]));
    expect(byName['Beta']).toMatchObject({ people: null, before: null, after: null, suppressed: true });
    const subtree = (id: string) => expected(`x.unit_id IN (SELECT s.id FROM units s WHERE s.path @> ARRAY[$3::uuid])`, [id]);
    expect(byName['Root']).toMatchObject({ ...(await subtree(unit['root'])), suppressed: false });
    // Root (12) = Alpha (7) + Beta (3, hidden) + Root's own 2 people: two unknowns, Alpha can stay.
    expect(byName['Alpha']).toMatchObject({ ...(await subtree(unit['alpha'])), suppressed: false });
    expect(byName['Alpha'].people).toBe(7);
  });

  it('is the figure other features read (KnowledgeGainService.figures), and refuses a bad group or module with 400 naming it', async () => {
    const direct = await t.app.get(KnowledgeGainService).figures(org.id, { module: slug }, 'en');
    const viaApi = await api(t.url, 'GET', `/api/reports/knowledge-gain?module=${slug}&lang=en`, { token: org.hrToken });
    expect(direct).toEqual(viaApi.body.rows);
    // The other organisation sees only its own six people.
    expect((await t.app.get(KnowledgeGainService).figures(other.id, {}, 'en'))[0]).toMatchObject({ people: 6, before: 0, after: 100, gain: 100 });
    const badGroup = await api(t.url, 'GET', '/api/reports/knowledge-gain?groupBy=gender', { token: org.hrToken });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.fields[0].field).toBe('groupBy');
    const badModule = await api(t.url, 'GET', '/api/reports/knowledge-gain?module=nope', { token: org.hrToken });
    expect(badModule.status).toBe(400);
    expect(badModule.body.fields[0].field).toBe('module');
    expect((await api(t.url, 'GET', '/api/reports/knowledge-gain', { token: org.hrToken })).status).toBe(200);
  });

  it('puts the same figures in the audit report, in its language', async () => {
    const report = (lang: 'id' | 'en') =>
      ({ id: randomUUID(), organizationId: org.id, lang, periodStart: '2026-01-01', periodEnd: '2026-12-31', createdAt: new Date() }) as unknown as ReportRow;
    const section = (html: string) => html.slice(html.indexOf('<h2>Knowledge gain') >= 0 ? html.indexOf('<h2>Knowledge gain') : html.indexOf('<h2>Peningkatan pengetahuan'));
    const en = section((await t.app.get(AuditReportsService).compose(report('en'))).html);
    expect(en).toMatch(/^<h2>Knowledge gain<\/h2>/);
    expect(en).toContain('<td>Everyone</td><td class="n">12</td><td class="n">36.7</td><td class="n">80.0</td><td class="n">+43.3</td>');
    expect(en).toContain('<td>Leaders</td><td class="n" colspan="4">hidden</td>');
    const id = section((await t.app.get(AuditReportsService).compose(report('id'))).html);
    expect(id).toContain('<td>Semua</td><td class="n">12</td><td class="n">36,7</td><td class="n">80,0</td><td class="n">+43,3</td>');
  });
});
