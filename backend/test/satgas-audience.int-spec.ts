import { addEmployee, openDueDates } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp } from './helpers';

const SATGAS_MODULE = 'satgas-handling-reports';
const EVERYONE = 'recognising-harassment';

/** The `satgas` audience: modules for the Satgas, and rules that reach exactly the designated members. */
describe('satgas audience (real PostgreSQL)', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
  });
  afterAll(() => t.close());

  it('mirrors the Satgas module into the modules table with the audience satgas', async () => {
    const [row] = await t.dataSource.query(`SELECT audience, recertification_months AS months FROM modules WHERE slug = $1 AND active`, [SATGAS_MODULE]);
    expect(row).toEqual({ audience: 'satgas', months: 12 });
    // Every other module keeps one of the three older audiences.
    const others: { audience: string }[] = await t.dataSource.query(`SELECT DISTINCT audience FROM modules WHERE active AND slug <> $1`, [SATGAS_MODULE]);
    expect(others.map((o) => o.audience).sort()).toEqual(['everyone', 'leaders']);
  });

  it('a rule for the audience satgas assigns the designated Satgas members of the organisation only, leader or not', async () => {
    const org = await onboardOrganization(t.url, adminToken);
    const other = await onboardOrganization(t.url, adminToken);
    const member = await addEmployee(t.dataSource, org.id);
    const leaderMember = await addEmployee(t.dataSource, org.id, { isLeader: true });
    const staff = await addEmployee(t.dataSource, org.id);
    const leader = await addEmployee(t.dataSource, org.id, { isLeader: true });
    const memberElsewhere = await addEmployee(t.dataSource, other.id);
    for (const [o, p] of [[org.id, member.id], [org.id, leaderMember.id], [other.id, memberElsewhere.id]]) {
      await t.dataSource.query(`INSERT INTO satgas_members (organization_id, user_id) VALUES ($1, $2)`, [o, p]);
    }

    const res = await api(t.url, 'POST', '/api/assignment-rules', {
      token: org.hrToken,
      body: { moduleSlug: SATGAS_MODULE, audience: 'satgas', dueWithinDays: 30, dueFrom: 'rule_start' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ audience: 'satgas', assignmentsOpened: 2, openAssignments: 2 });
    expect(Object.keys(await openDueDates(t.dataSource, member.id))).toEqual([SATGAS_MODULE]);
    expect(Object.keys(await openDueDates(t.dataSource, leaderMember.id))).toEqual([SATGAS_MODULE]);
    for (const p of [staff, leader, memberElsewhere]) await expect(openDueDates(t.dataSource, p.id)).resolves.toEqual({});

    // Someone designated later is reached when the rule is applied again (a PATCH re-applies it).
    const newcomer = await addEmployee(t.dataSource, org.id);
    await t.dataSource.query(`INSERT INTO satgas_members (organization_id, user_id) VALUES ($1, $2)`, [org.id, newcomer.id]);
    const patched = await api(t.url, 'PATCH', `/api/assignment-rules/${res.body.id}`, { token: org.hrToken, body: { dueWithinDays: 45 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ assignmentsOpened: 1, openAssignments: 3 });
    expect(Object.keys(await openDueDates(t.dataSource, newcomer.id))).toEqual([SATGAS_MODULE]);
  });

  it('the older audiences still reach leaders and staff as before, never by Satgas membership', async () => {
    const org = await onboardOrganization(t.url, adminToken);
    const member = await addEmployee(t.dataSource, org.id);
    const staff = await addEmployee(t.dataSource, org.id);
    await t.dataSource.query(`INSERT INTO satgas_members (organization_id, user_id) VALUES ($1, $2)`, [org.id, member.id]);
    const res = await api(t.url, 'POST', '/api/assignment-rules', {
      token: org.hrToken,
      body: { moduleSlug: EVERYONE, audience: 'leaders', dueWithinDays: 30, dueFrom: 'rule_start' },
    });
    expect(res.status).toBe(201);
    expect(res.body.assignmentsOpened).toBe(0);
    for (const p of [member, staff]) await expect(openDueDates(t.dataSource, p.id)).resolves.toEqual({});
  });

  it('an unknown audience is a 400 naming the field and the four audiences', async () => {
    const org = await onboardOrganization(t.url, adminToken);
    const res = await api(t.url, 'POST', '/api/assignment-rules?lang=en', {
      token: org.hrToken,
      body: { moduleSlug: SATGAS_MODULE, audience: 'handlers', dueWithinDays: 30, dueFrom: 'rule_start' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('audience must be one of: everyone, leaders, staff, satgas');
  });
});
