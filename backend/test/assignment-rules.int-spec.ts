import { AssignmentRulesService } from '../src/assignments/assignment-rules.service';
import { AssignmentsService } from '../src/assignments/assignments.service';
import { addAssignment, addDays, addEmployee, addUnit, only, openDueDates, orgToday } from './assignment-fixtures';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

const EVERYONE = 'recognising-harassment';
const OTHER = 'power-relations';
const LEADERS = 'leaders-receiving-disclosures';

describe('assignment rules (real PostgreSQL)', () => {
  let t: TestApp;
  let adminToken: string;
  let sut: AssignmentRulesService;

  const newOrg = (timeZone?: string) => onboardOrganization(t.url, adminToken, timeZone);
  const createRule = (org: TestOrg, body: Record<string, unknown>) => api(t.url, 'POST', '/api/assignment-rules', { token: org.hrToken, body });
  const auditActions = async (targetId: string): Promise<string[]> =>
    (await t.dataSource.query(`SELECT action FROM audit_entries WHERE target_id = $1 ORDER BY id`, [targetId])).map((r: { action: string }) => r.action);

  beforeAll(async () => {
    t = await startTestApp();
    sut = t.app.get(AssignmentRulesService);
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
  });
  afterAll(() => t.close());

  it('counts from the hire date, never due in the past (due = max(base + days, today + 7)), and skips deactivated people', async () => {
    const org = await newOrg();
    const today = await orgToday(t.dataSource, org.id);
    const unit = await addUnit(t.dataSource, org.id);
    const longAgo = await addEmployee(t.dataSource, org.id, { unitId: unit, hireDate: addDays(today, -100) });
    const recent = await addEmployee(t.dataSource, org.id, { unitId: unit, hireDate: addDays(today, -5) });
    const noDate = await addEmployee(t.dataSource, org.id, { unitId: unit, hireDate: null });
    const gone = await addEmployee(t.dataSource, org.id, { unitId: unit, status: 'deactivated' });

    const res = await createRule(org, { moduleSlug: EVERYONE, audience: 'everyone', unitId: unit, dueWithinDays: 30, dueFrom: 'hire_date', recurrence: { enabled: false } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ moduleSlug: EVERYONE, audience: 'everyone', unitId: unit, employmentType: null, dueWithinDays: 30, dueFrom: 'hire_date', recurrence: { enabled: false, windowDays: null }, startsOn: today, active: true, assignmentsOpened: 3, openAssignments: 3 });
    await expect(openDueDates(t.dataSource, longAgo.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 7) });
    await expect(openDueDates(t.dataSource, recent.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 25) });
    await expect(openDueDates(t.dataSource, noDate.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 30) });
    await expect(openDueDates(t.dataSource, gone.id)).resolves.toEqual({});
    await expect(auditActions(res.body.id)).resolves.toEqual(['assignment_rule.created']);

    const list = await api(t.url, 'GET', `/api/assignments?userId=${recent.id}&lang=en`, { token: org.hrToken });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ module: { slug: EVERYONE, title: 'Recognising Sexual Harassment and Violence at Work', audience: 'everyone' }, status: 'not_started', current: true, dueOn: addDays(today, 25), ruleId: res.body.id, extensions: 0 }),
    ]);
  });

  it('filters by unit subtree and employment type', async () => {
    const org = await newOrg();
    const root = await addUnit(t.dataSource, org.id);
    const branch = await addUnit(t.dataSource, org.id, root);
    const leaf = await addUnit(t.dataSource, org.id, branch);
    const sibling = await addUnit(t.dataSource, org.id, root);
    const inRoot = await addEmployee(t.dataSource, org.id, { unitId: root, employmentType: 'contract' });
    const inBranch = await addEmployee(t.dataSource, org.id, { unitId: branch, employmentType: 'contract' });
    const inLeaf = await addEmployee(t.dataSource, org.id, { unitId: leaf, employmentType: 'contract' });
    const permanentInLeaf = await addEmployee(t.dataSource, org.id, { unitId: leaf, employmentType: 'permanent' });
    const inSibling = await addEmployee(t.dataSource, org.id, { unitId: sibling, employmentType: 'contract' });

    const res = await createRule(org, { moduleSlug: EVERYONE, audience: 'staff', unitId: branch, employmentType: 'contract', dueWithinDays: 14, dueFrom: 'rule_start' });
    expect(res.status).toBe(201);
    expect(res.body.assignmentsOpened).toBe(2);
    for (const [person, expected] of [[inRoot, 0], [inBranch, 1], [inLeaf, 1], [permanentInLeaf, 0], [inSibling, 0]] as const) {
      expect(Object.keys(await openDueDates(t.dataSource, person.id))).toHaveLength(expected);
    }

    // Widening the rule applies it again to the people it now covers; open assignments keep their dates.
    const before = await openDueDates(t.dataSource, inLeaf.id);
    const patched = await api(t.url, 'PATCH', `/api/assignment-rules/${res.body.id}`, { token: org.hrToken, body: { employmentType: null, dueWithinDays: 60 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ employmentType: null, dueWithinDays: 60, assignmentsOpened: 1, openAssignments: 3 });
    await expect(openDueDates(t.dataSource, inLeaf.id)).resolves.toEqual(before);
    expect(Object.keys(await openDueDates(t.dataSource, permanentInLeaf.id))).toEqual([EVERYONE]);
    await expect(auditActions(res.body.id)).resolves.toEqual(['assignment_rule.created', 'assignment_rule.updated']);
  });

  it('gives the leaders’ modules to someone promoted from staff to leader on the next apply, counted from leader_since', async () => {
    const org = await newOrg();
    const today = await orgToday(t.dataSource, org.id);
    const unit = await addUnit(t.dataSource, org.id);
    const staff = await addEmployee(t.dataSource, org.id, { unitId: unit });
    const leader = await addEmployee(t.dataSource, org.id, { unitId: unit, isLeader: true, leaderSince: addDays(today, -2) });
    const everyoneRule = await createRule(org, { moduleSlug: EVERYONE, audience: 'staff', unitId: unit, dueWithinDays: 30, dueFrom: 'rule_start' });
    const leadersRule = await createRule(org, { moduleSlug: LEADERS, audience: 'leaders', dueWithinDays: 30, dueFrom: 'became_leader' });
    expect([everyoneRule.status, leadersRule.status]).toEqual([201, 201]);
    expect(leadersRule.body.assignmentsOpened).toBe(1);
    await expect(openDueDates(t.dataSource, leader.id)).resolves.toEqual({ [LEADERS]: addDays(today, 28) });
    await expect(openDueDates(t.dataSource, staff.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 30) });

    await t.dataSource.query(`UPDATE users SET is_leader = true, leader_since = $2::date WHERE id = $1`, [staff.id, addDays(today, -1)]);
    await expect(t.dataSource.transaction((m) => sut.applyForPeople(m, org.id, [staff.id]))).resolves.toBe(1);
    await expect(openDueDates(t.dataSource, staff.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 30), [LEADERS]: addDays(today, 29) });
    await expect(sut.applyAll(org.id)).resolves.toBe(0);
  });

  it('skips people holding a valid completion, and assigns those whose completion had expired before the rule started', async () => {
    const org = await newOrg();
    const today = await orgToday(t.dataSource, org.id);
    const unit = await addUnit(t.dataSource, org.id);
    const valid = await addEmployee(t.dataSource, org.id, { unitId: unit });
    const lapsed = await addEmployee(t.dataSource, org.id, { unitId: unit });
    await addAssignment(t.dataSource, org.id, valid.id, EVERYONE, { dueOn: addDays(today, -200), completedAt: `${addDays(today, -200)}T03:00:00Z`, expiresOn: addDays(today, 165) });
    await addAssignment(t.dataSource, org.id, lapsed.id, EVERYONE, { dueOn: addDays(today, -400), completedAt: `${addDays(today, -400)}T03:00:00Z`, expiresOn: addDays(today, -35) });
    const res = await createRule(org, { moduleSlug: EVERYONE, audience: 'everyone', unitId: unit, dueWithinDays: 20, dueFrom: 'rule_start' });
    expect(res.body.assignmentsOpened).toBe(1);
    await expect(openDueDates(t.dataSource, valid.id)).resolves.toEqual({});
    await expect(openDueDates(t.dataSource, lapsed.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 20) });
  });

  it('opens the next cycle within the recurrence window (due on the expiry), once; without recurrence the completion shows expired', async () => {
    const org = await newOrg();
    const today = await orgToday(t.dataSource, org.id);
    const unit = await addUnit(t.dataSource, org.id);
    const soon = await addEmployee(t.dataSource, org.id, { unitId: unit });
    const later = await addEmployee(t.dataSource, org.id, { unitId: unit });
    const completed = (userId: string, slug: string, expiresOn: string) =>
      addAssignment(t.dataSource, org.id, userId, slug, { dueOn: addDays(today, -300), completedAt: `${addDays(today, -300)}T03:00:00Z`, expiresOn });
    await completed(soon.id, EVERYONE, addDays(today, 20));
    await completed(later.id, EVERYONE, addDays(today, 60));
    await completed(later.id, OTHER, addDays(today, 10));

    const recurring = await createRule(org, { moduleSlug: EVERYONE, audience: 'everyone', unitId: unit, dueWithinDays: 30, dueFrom: 'rule_start', recurrence: { enabled: true, windowDays: 30 } });
    expect(recurring.body).toMatchObject({ recurrence: { enabled: true, windowDays: 30 }, assignmentsOpened: 1 });
    await expect(openDueDates(t.dataSource, soon.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 20) });
    await expect(openDueDates(t.dataSource, later.id)).resolves.toEqual({});
    const once = await createRule(org, { moduleSlug: OTHER, audience: 'everyone', unitId: unit, dueWithinDays: 30, dueFrom: 'rule_start' });
    expect(once.body.assignmentsOpened).toBe(1); // `soon` never took it; `later` holds a valid completion
    await expect(openDueDates(t.dataSource, later.id)).resolves.toEqual({});

    // Forty days on: the later expiry is inside the window now; the cycle already open is not doubled.
    const in40Days = new Date(Date.now() + 40 * 86_400_000);
    await expect(sut.applyAll(org.id, in40Days)).resolves.toBe(1);
    await expect(openDueDates(t.dataSource, later.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 60) });
    await expect(sut.applyAll(org.id, in40Days)).resolves.toBe(0);

    const statuses = await t.app.get(AssignmentsService).listForPerson(org.id, later.id, 'en', in40Days);
    expect(statuses.filter((s) => s.current).map((s) => [s.module.slug, s.status]).sort()).toEqual([[OTHER, 'expired'], [EVERYONE, 'not_started']]);
  });

  it('is idempotent: applying twice, or twice at once, leaves the same rows', async () => {
    const org = await newOrg();
    const unit = await addUnit(t.dataSource, org.id);
    for (let i = 0; i < 20; i++) await addEmployee(t.dataSource, org.id, { unitId: unit, isLeader: i % 5 === 0 });
    await createRule(org, { moduleSlug: EVERYONE, audience: 'everyone', dueWithinDays: 30, dueFrom: 'rule_start' });
    await createRule(org, { moduleSlug: EVERYONE, audience: 'leaders', dueWithinDays: 10, dueFrom: 'rule_start' });
    await createRule(org, { moduleSlug: OTHER, audience: 'staff', unitId: unit, dueWithinDays: 30, dueFrom: 'rule_start' });
    const snapshot = () => t.dataSource.query(`SELECT id, user_id, module_slug, due_on FROM assignments WHERE organization_id = $1 ORDER BY id`, [org.id]);
    const before = await snapshot();
    expect(before).toHaveLength(21 + 16); // the HR admin takes the training too
    await expect(sut.applyAll(org.id)).resolves.toBe(0);
    await expect(Promise.all([sut.applyAll(org.id), sut.applyAll(org.id)])).resolves.toEqual([0, 0]);
    await expect(snapshot()).resolves.toEqual(before);

    // Two applications racing over new people still open one assignment per person and module.
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await addEmployee(t.dataSource, org.id, { unitId: unit, isLeader: i % 2 === 0 })).id);
    const opened = await Promise.all([
      t.dataSource.transaction((m) => sut.applyForPeople(m, org.id, ids)),
      t.dataSource.transaction((m) => sut.applyForPeople(m, org.id, ids)),
    ]);
    expect(opened[0] + opened[1]).toBe(10 + 5);
    const [dupes] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM assignments WHERE user_id = ANY($1::uuid[]) GROUP BY user_id, module_slug HAVING count(*) > 1) d`,
      [ids],
    );
    expect(dupes.n).toBe(0);
    // The earliest due date wins where two rules give one person the same module.
    const leaderRows = await t.dataSource.query(
      `SELECT DISTINCT a.due_on - r.starts_on AS days FROM assignments a JOIN users u ON u.id = a.user_id JOIN assignment_rules r ON r.id = a.rule_id
        WHERE a.user_id = ANY($1::uuid[]) AND u.is_leader AND a.module_slug = $2`,
      [ids, EVERYONE],
    );
    expect(leaderRows).toEqual([{ days: 10 }]);
  });

  it('deactivates a rule: its assignments stay, it opens no more', async () => {
    const org = await newOrg();
    const unit = await addUnit(t.dataSource, org.id);
    const first = await addEmployee(t.dataSource, org.id, { unitId: unit });
    const rule = await createRule(org, { moduleSlug: EVERYONE, audience: 'everyone', unitId: unit, dueWithinDays: 30, dueFrom: 'rule_start' });
    const res = await api(t.url, 'DELETE', `/api/assignment-rules/${rule.body.id}`, { token: org.hrToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: rule.body.id, active: false, openAssignments: 1 });
    expect((await api(t.url, 'DELETE', `/api/assignment-rules/${rule.body.id}`, { token: org.hrToken })).status).toBe(200);
    await expect(auditActions(rule.body.id)).resolves.toEqual(['assignment_rule.created', 'assignment_rule.deactivated']);
    const second = await addEmployee(t.dataSource, org.id, { unitId: unit });
    await expect(t.dataSource.transaction((m) => sut.applyForPeople(m, org.id, [first.id, second.id]))).resolves.toBe(0);
    expect(Object.keys(await openDueDates(t.dataSource, first.id))).toEqual([EVERYONE]);
    expect((await api(t.url, 'PATCH', `/api/assignment-rules/${rule.body.id}`, { token: org.hrToken, body: { dueWithinDays: 5 } })).status).toBe(409);
    const list = await api(t.url, 'GET', '/api/assignment-rules', { token: org.hrToken });
    expect(list.body).toEqual([expect.objectContaining({ id: rule.body.id, active: false })]);
  });

  it('extends to a later date only, exempts, and keeps an exemption from being undone by the rules', async () => {
    const org = await newOrg();
    const today = await orgToday(t.dataSource, org.id);
    const unit = await addUnit(t.dataSource, org.id);
    const person = await addEmployee(t.dataSource, org.id, { unitId: unit });
    await createRule(org, { moduleSlug: EVERYONE, audience: 'everyone', unitId: unit, dueWithinDays: 30, dueFrom: 'rule_start' });
    await createRule(org, { moduleSlug: OTHER, audience: 'everyone', unitId: unit, dueWithinDays: 30, dueFrom: 'rule_start' });
    const mine = (await api(t.url, 'GET', `/api/assignments?userId=${person.id}`, { token: org.hrToken })).body as { id: string; module: { slug: string } }[];
    const first = only(mine, (a) => a.module.slug === EVERYONE, 'assignment').id;
    const second = only(mine, (a) => a.module.slug === OTHER, 'assignment').id;

    const earlier = await api(t.url, 'POST', `/api/assignments/${first}/extend`, { token: org.hrToken, body: { dueOn: addDays(today, 10), reason: 'Cuti' } });
    expect(earlier.status).toBe(400);
    expect(earlier.body.fields).toEqual([expect.objectContaining({ field: 'dueOn' })]);
    const same = await api(t.url, 'POST', `/api/assignments/${first}/extend`, { token: org.hrToken, body: { dueOn: addDays(today, 30), reason: 'Cuti' } });
    expect(same.status).toBe(400);
    const bad = await api(t.url, 'POST', `/api/assignments/${first}/extend`, { token: org.hrToken, body: { dueOn: '2026-02-30', reason: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['dueOn', 'reason']);
    const later = await api(t.url, 'POST', `/api/assignments/${first}/extend`, { token: org.hrToken, body: { dueOn: addDays(today, 45), reason: 'Cuti melahirkan' } });
    expect(later.status).toBe(200);
    expect(later.body).toEqual({ id: first, userId: person.id, moduleSlug: EVERYONE, dueOn: addDays(today, 45), exempted: false });
    await expect(auditActions(first)).resolves.toEqual(['assignment.due_extended']);
    const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE target_id = $1`, [first]);
    expect(JSON.stringify(entry.details)).not.toContain('Cuti'); // the reason stays with the assignment

    const exempt = await api(t.url, 'POST', `/api/assignments/${second}/exempt`, { token: org.hrToken, body: { reason: 'Pelatihan setara di luar' } });
    expect(exempt.status).toBe(200);
    expect(exempt.body.exempted).toBe(true);
    await expect(auditActions(second)).resolves.toEqual(['assignment.exempted']);
    expect((await api(t.url, 'POST', `/api/assignments/${second}/exempt`, { token: org.hrToken, body: { reason: 'again' } })).status).toBe(409);
    expect((await api(t.url, 'POST', `/api/assignments/${second}/extend`, { token: org.hrToken, body: { dueOn: addDays(today, 90), reason: 'x' } })).status).toBe(409);
    await expect(sut.applyAll(org.id)).resolves.toBe(0);

    const list = await api(t.url, 'GET', `/api/assignments?userId=${person.id}`, { token: org.hrToken });
    expect(list.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first, dueOn: addDays(today, 45), extensions: 1, status: 'not_started' }),
        // The latest of its module: labelled exempted, not shown as an earlier cycle.
        expect.objectContaining({ id: second, status: 'exempted', exemptReason: 'Pelatihan setara di luar', current: true }),
      ]),
    );
  });

  it('validates rules, naming the field', async () => {
    const org = await newOrg();
    const other = await newOrg();
    const foreignUnit = await addUnit(t.dataSource, other.id);
    const base = { moduleSlug: EVERYONE, audience: 'everyone', dueWithinDays: 30, dueFrom: 'rule_start' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, dueWithinDays: 0 }, 'dueWithinDays'],
      [{ ...base, dueWithinDays: 366 }, 'dueWithinDays'],
      [{ ...base, audience: 'interns' }, 'audience'],
      [{ ...base, employmentType: 'freelance' }, 'employmentType'],
      [{ ...base, moduleSlug: 'no-such-module' }, 'moduleSlug'],
      [{ ...base, unitId: foreignUnit }, 'unitId'],
      [{ ...base, dueFrom: 'became_leader' }, 'dueFrom'],
      [{ ...base, recurrence: { enabled: true, windowDays: 0 } }, 'recurrence.windowDays'],
      [{ ...base, recurrence: 'yearly' }, 'recurrence'],
    ];
    for (const [body, field] of cases) {
      const res = await createRule(org, body);
      expect({ field, status: res.status, fields: res.body.fields?.map((f: { field: string }) => f.field) }).toEqual({ field, status: 400, fields: [field] });
    }
  });

  it("answers 404 to another organisation's HR and 403 to employees", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const today = await orgToday(t.dataSource, org.id);
    const person = await addPerson(t.dataSource, org.id, { password: true });
    const rule = await createRule(org, { moduleSlug: EVERYONE, audience: 'everyone', dueWithinDays: 30, dueFrom: 'rule_start' });
    const [assignment] = await t.dataSource.query(`SELECT id FROM assignments WHERE user_id = $1`, [person.id]);
    const routes: [string, string, unknown?][] = [
      ['PATCH', `/api/assignment-rules/${rule.body.id}`, { dueWithinDays: 5 }],
      ['DELETE', `/api/assignment-rules/${rule.body.id}`],
      ['POST', `/api/assignments/${assignment.id}/extend`, { dueOn: addDays(today, 90), reason: 'x' }],
      ['POST', `/api/assignments/${assignment.id}/exempt`, { reason: 'x' }],
      ['GET', `/api/assignments?userId=${person.id}`],
    ];
    for (const [method, path, body] of routes) {
      const res = await api(t.url, method, path, { token: other.hrToken, body });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const otherList = await api(t.url, 'GET', '/api/assignment-rules', { token: other.hrToken });
    expect(otherList.body).toEqual([]);
    const employee = await login(t.url, person.email, PASSWORD);
    expect((await api(t.url, 'GET', '/api/assignment-rules', { token: employee })).status).toBe(403);
    expect((await api(t.url, 'POST', `/api/assignments/${assignment.id}/exempt`, { token: employee, body: { reason: 'x' } })).status).toBe(403);
    // Nothing changed.
    const [row] = await t.dataSource.query(`SELECT exempted_at, to_char(due_on, 'YYYY-MM-DD') AS due FROM assignments WHERE id = $1`, [assignment.id]);
    expect(row).toEqual({ exempted_at: null, due: addDays(today, 30) });
  });
});
