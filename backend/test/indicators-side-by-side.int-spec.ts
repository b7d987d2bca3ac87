import { hashPassword } from '../src/identity/crypto';
import { addAssignment, addEmployee } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

interface Cell {
  indicator: string;
  target: number | null;
  value: number | null;
  available: boolean;
  suppressed: boolean;
  status: string;
}
interface Column {
  engagementId: string;
  organizationId: string;
  organizationName: string;
  periodStart: string;
  periodEnd: string;
  scope: string;
  agreement: string | null;
  asOf: string;
  indicators: Cell[];
}

/** Issue 14 (Should): a partner monitoring several organisations sees their indicators side by side, aggregates only. */
describe('indicators side by side: GET /api/partners/me/indicators', () => {
  let t: TestApp;
  let admin: string;
  let orgA: TestOrg;
  let orgB: TestOrg;
  let orgC: TestOrg;
  let orgEnded: TestOrg;
  let partner: string;
  let otherPartner: string;
  let auditor: string;
  let otherAuditor: string;
  const engagement: Record<string, string> = {};
  // A name no aggregate could contain: if it shows up, a person leaked.
  const personName = unique('Siti Rahmawati');

  async function addPartner(): Promise<string> {
    const [p] = await t.dataSource.query(`INSERT INTO partners (name) VALUES ($1) RETURNING id`, [unique('Mitra')]);
    return p.id;
  }

  async function engage(partnerId: string, orgId: string, scope: 'aggregate' | 'named', period: [string, string] = ['2026-01-01', '2099-12-31']): Promise<string> {
    const res = await api(t.url, 'POST', '/api/engagements', {
      token: admin,
      body: { partnerId, organizationId: orgId, periodStart: period[0], periodEnd: period[1], scope },
    });
    expect(res.status).toBeLessThan(300);
    return res.body.id;
  }

  async function addAuditor(partnerId: string): Promise<string> {
    const email = `${unique('auditor')}@mitra.test`;
    await t.dataSource.query(`INSERT INTO users (partner_id, email, name, roles, password_hash) VALUES ($1, $2, 'Auditor', '{auditor}', $3)`, [
      partnerId,
      email,
      await hashPassword(PASSWORD),
    ]);
    return login(t.url, email, PASSWORD);
  }

  async function surveyAnswers(org: TestOrg, answers: string[]): Promise<void> {
    const wave = await api(t.url, 'POST', '/api/surveys/waves', {
      token: org.hrToken,
      body: { questionnaire: 'climate-2026', audience: 'everyone', opensOn: '2026-01-01', closesOn: '2099-12-31' },
    });
    expect(wave.status).toBe(201);
    // Written as the results table holds them (the anonymous pool's flush is the surveys suite's business).
    for (const answer of answers) {
      await t.dataSource.query(`INSERT INTO survey_responses (wave_id, answers) VALUES ($1, $2)`, [wave.body.id, JSON.stringify({ 'know-where': answer })]);
    }
  }

  const sideBySide = (token: string, query = 'lang=en') => api(t.url, 'GET', `/api/partners/me/indicators?${query}`, { token });
  const column = (body: { items: Column[] }, org: TestOrg) => body.items.find((c) => c.organizationId === org.id);
  const cell = (c: Column | undefined, indicator: string) => c?.indicators.find((i) => i.indicator === indicator);

  beforeAll(async () => {
    t = await startTestApp();
    const a = await createPlatformAdmin(t.dataSource);
    admin = await login(t.url, a.email, PASSWORD);
    [orgA, orgB, orgC, orgEnded] = [
      await onboardOrganization(t.url, admin),
      await onboardOrganization(t.url, admin),
      await onboardOrganization(t.url, admin),
      await onboardOrganization(t.url, admin),
    ];
    partner = await addPartner();
    otherPartner = await addPartner();
    engagement.A = await engage(partner, orgA.id, 'aggregate');
    engagement.B = await engage(partner, orgB.id, 'named');
    // The partner's past engagement with orgEnded, and one ended early by the platform admin.
    await engage(partner, orgEnded.id, 'named', ['2024-01-01', '2024-12-31']);
    const endedEarly = await engage(partner, orgEnded.id, 'aggregate');
    expect((await api(t.url, 'POST', `/api/engagements/${endedEarly}/end`, { token: admin })).status).toBe(200);
    // orgC is monitored by another partner only.
    engagement.C = await engage(otherPartner, orgC.id, 'aggregate');
    auditor = await addAuditor(partner);
    otherAuditor = await addAuditor(otherPartner);

    // orgA: 5 leaders (3 completed) and 6 staff (2 completed): completion figures above k.
    const slug = 'recognising-harassment';
    for (let i = 0; i < 11; i++) {
      const leader = i < 5;
      const person = await addEmployee(t.dataSource, orgA.id, { isLeader: leader, name: personName });
      const completed = leader ? i < 3 : i < 7;
      await addAssignment(t.dataSource, orgA.id, person.id, slug, { dueOn: '2099-01-01', completedAt: completed ? '2026-02-01T03:00:00Z' : undefined });
    }
    await surveyAnswers(orgA, ['agree', 'strongly-agree', 'agree', 'disagree', 'neutral']);
    // orgB: four answers, under k: the survey shares are hidden.
    await surveyAnswers(orgB, ['agree', 'agree', 'agree', 'agree']);

    const proposeA = await api(t.url, 'PUT', `/api/engagements/${engagement.A}/indicators`, {
      token: auditor,
      body: [
        { indicator: 'completion_leaders', target: 0.5 },
        { indicator: 'completion_staff', target: 0.8 },
        { indicator: 'know_how_to_report', target: 0.6 },
      ],
    });
    expect(proposeA.status).toBe(200);
    expect((await api(t.url, 'POST', `/api/engagements/${engagement.A}/indicators/accept`, { token: orgA.hrToken, body: {} })).status).toBe(200);
    const proposeB = await api(t.url, 'PUT', `/api/engagements/${engagement.B}/indicators`, {
      token: auditor,
      body: [{ indicator: 'know_how_to_report', target: 0.8 }],
    });
    expect(proposeB.status).toBe(200);
  });
  afterAll(() => t.close());

  it('shows each organisation the partner monitors today, and none other', async () => {
    const res = await sideBySide(auditor);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 10 });
    const ids = res.body.items.map((c: Column) => c.organizationId);
    expect(ids.sort()).toEqual([orgA.id, orgB.id].sort());
    expect(ids).not.toContain(orgC.id);
    expect(ids).not.toContain(orgEnded.id);
    expect(column(res.body, orgA)).toMatchObject({ engagementId: engagement.A, organizationName: `Org ${orgA.code}`, periodStart: '2026-01-01', periodEnd: '2099-12-31', scope: 'aggregate', agreement: 'accepted' });
    expect(column(res.body, orgB)).toMatchObject({ engagementId: engagement.B, scope: 'named', agreement: 'proposed' });
    // Every catalogue indicator for every organisation, in the catalogue's order.
    expect(res.body.catalogue.map((d: { indicator: string }) => d.indicator)).toHaveLength(9);
    for (const c of res.body.items as Column[]) expect(c.indicators.map((i) => i.indicator)).toEqual(res.body.catalogue.map((d: { indicator: string }) => d.indicator));

    // The other partner's auditor sees only orgC.
    const other = await sideBySide(otherAuditor);
    expect(other.status).toBe(200);
    expect(other.body.items.map((c: Column) => c.organizationId)).toEqual([orgC.id]);
    expect(cell(other.body.items[0], 'know_how_to_report')).toMatchObject({ target: null, status: 'no_target' });
  });

  it('gives the values of the per-engagement indicators endpoint, against the agreed targets', async () => {
    const res = await sideBySide(auditor);
    const a = column(res.body, orgA);
    const perEngagement = await api(t.url, 'GET', `/api/engagements/${engagement.A}/indicators?lang=en`, { token: auditor });
    expect(perEngagement.status).toBe(200);
    for (const agreed of perEngagement.body as { indicator: string; target: number; values: { value: number | null }[] }[]) {
      expect(cell(a, agreed.indicator)).toMatchObject({ target: agreed.target, value: agreed.values.at(-1)!.value });
    }
    // Every other catalogue value is the shared view's, the same services.
    const shared = await api(t.url, 'GET', `/api/organizations/${orgA.id}/indicators?lang=en`, { token: orgA.hrToken });
    for (const c of a!.indicators) expect({ value: c.value, suppressed: c.suppressed }).toEqual({ value: shared.body.values[c.indicator].value, suppressed: shared.body.values[c.indicator].suppressed });

    // An independent computation of the figures (people-free counts straight from the tables).
    const [expected] = await t.dataSource.query(
      `SELECT (SELECT count(*) FILTER (WHERE a.completed_at IS NOT NULL)::float8 / count(*) FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.organization_id = $1 AND u.is_leader) AS leaders,
              (SELECT count(*) FILTER (WHERE a.completed_at IS NOT NULL)::float8 / count(*) FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.organization_id = $1 AND NOT u.is_leader) AS staff`,
      [orgA.id],
    );
    expect(expected).toEqual({ leaders: 0.6, staff: 2 / 6 });
    expect(cell(a, 'completion_leaders')).toMatchObject({ value: 0.6, target: 0.5, status: 'met', suppressed: false });
    expect(cell(a, 'completion_staff')!.value).toBeCloseTo(2 / 6, 10);
    expect(cell(a, 'completion_staff')).toMatchObject({ target: 0.8, status: 'not_met' });
    expect(cell(a, 'know_how_to_report')).toMatchObject({ value: 0.6, target: 0.6, status: 'met' });
    // Not agreed for this engagement: a value without a target.
    expect(cell(a, 'trust_process')).toMatchObject({ target: null, status: 'no_target' });
  });

  it('shows hidden figures as suppressed, and never a person', async () => {
    const res = await sideBySide(auditor);
    const b = column(res.body, orgB);
    // Four answers, under k: hidden, so the target cannot be judged.
    expect(cell(b, 'know_how_to_report')).toMatchObject({ value: null, suppressed: true, target: 0.8, status: 'no_value' });
    // No one assigned in orgB: no figure, and nothing was hidden.
    expect(cell(b, 'completion_staff')).toMatchObject({ value: null });
    // No closed finding anywhere: no figure, nothing hidden.
    expect(cell(b, 'findings_closed_on_time')).toMatchObject({ value: null, suppressed: false });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(personName);
    expect(text).not.toMatch(/@org\.test/);
  });

  it('logs each organisation read in its own trail', async () => {
    const before = await t.dataSource.query(`SELECT organization_id AS id, count(*)::int AS n FROM audit_entries WHERE action = 'auditor.read' AND target_id = ANY($1) GROUP BY 1`, [[engagement.A, engagement.B]]);
    await sideBySide(auditor);
    const after = await t.dataSource.query(`SELECT organization_id AS id, count(*)::int AS n FROM audit_entries WHERE action = 'auditor.read' AND target_id = ANY($1) GROUP BY 1`, [[engagement.A, engagement.B]]);
    const count = (rows: { id: string; n: number }[], org: TestOrg) => rows.find((r) => r.id === org.id)?.n ?? 0;
    expect(count(after, orgA) - count(before, orgA)).toBe(1);
    expect(count(after, orgB) - count(before, orgB)).toBe(1);
  });

  it('pages by organisation name, refuses bad paging naming the field, and anyone but an auditor', async () => {
    const first = await sideBySide(auditor, 'pageSize=1');
    const second = await sideBySide(auditor, 'pageSize=1&page=2');
    const past = await sideBySide(auditor, 'pageSize=1&page=3');
    const names = [first.body.items[0].organizationName, second.body.items[0].organizationName];
    expect(names).toEqual([...names].sort());
    expect(new Set([first.body.items[0].organizationId, second.body.items[0].organizationId])).toEqual(new Set([orgA.id, orgB.id]));
    expect(past.body).toMatchObject({ items: [], total: 2, page: 3 });
    for (const [query, field] of [
      ['pageSize=21', 'pageSize'],
      ['page=0', 'page'],
      ['lang=fr', 'lang'],
    ]) {
      const res = await sideBySide(auditor, query);
      expect(res.status).toBe(400);
      expect(res.body.fields[0].field).toBe(field);
    }
    expect((await sideBySide(orgA.hrToken)).status).toBe(403);
    expect((await api(t.url, 'GET', '/api/partners/me/indicators')).status).toBe(401);
  });

  it('answers in the reader’s language', async () => {
    const res = await sideBySide(auditor, 'lang=id');
    expect(res.body.catalogue[0].name).toBe('Penyelesaian modul oleh pimpinan');
  });
});
