import { AssignmentRulesService } from '../src/assignments/assignment-rules.service';
import { AssignmentsService } from '../src/assignments/assignments.service';
import { RemindersRepository } from '../src/assignments/reminders.repository';
import { RemindersService } from '../src/assignments/reminders.service';
import { addAssignment, addEmployee, addUnit, only, openDueDates } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp } from './helpers';

const EVERYONE = 'recognising-harassment';
const OTHER = 'power-relations';
const THIRD = 'online-violence';
const FOURTH = 'bystander-intervention';
const DAY = 86_400_000;

describe('daily job and reminders (real PostgreSQL)', () => {
  let t: TestApp;
  let adminToken: string;

  // Reminders only: onboarding also writes the HR admin's invitation to the organisation's outbox.
  const outbox = async (organizationId: string): Promise<{ key: string; kind: string; to: string; subject: string; text: string; copies: number }[]> =>
    t.dataSource.query(
      `SELECT dedupe_key AS key, min(kind) AS kind, min(to_address) AS to, min(subject) AS subject, min(text_body) AS text, count(*)::int AS copies
         FROM outbox_messages WHERE organization_id = $1 AND kind NOT LIKE 'password_%' GROUP BY dedupe_key ORDER BY dedupe_key`,
      [organizationId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
  });
  afterAll(() => t.close());

  it('sends each reminder exactly once when two instances run the job at the same moment, and escalates to the unit’s own leaders only', async () => {
    const second = await startTestApp();
    try {
      const org = await onboardOrganization(t.url, adminToken);
      const parent = await addUnit(t.dataSource, org.id);
      const unit = await addUnit(t.dataSource, org.id, parent);
      const otherUnit = await addUnit(t.dataSource, org.id);
      const leaderless = await addUnit(t.dataSource, org.id);
      const l1 = await addEmployee(t.dataSource, org.id, { unitId: unit, isLeader: true, locale: 'en', name: 'Leader One' });
      const l2 = await addEmployee(t.dataSource, org.id, { unitId: unit, isLeader: true, name: 'Leader Two' });
      await addEmployee(t.dataSource, org.id, { unitId: parent, isLeader: true, name: 'Parent Leader' });
      await addEmployee(t.dataSource, org.id, { unitId: otherUnit, isLeader: true, name: 'Other Leader' });
      const s1 = await addEmployee(t.dataSource, org.id, { unitId: leaderless, name: 'Sari Satu' });
      const s2 = await addEmployee(t.dataSource, org.id, { unitId: leaderless, name: 'Sari Dua' });
      const s3 = await addEmployee(t.dataSource, org.id, { unitId: unit, name: 'Siti Rahma' });
      const gone = await addEmployee(t.dataSource, org.id, { unitId: unit, status: 'deactivated' });

      const now = new Date('2031-01-15T03:00:00Z'); // 10:00 on 15 January in Jakarta
      const add = (userId: string, slug: string, a: Parameters<typeof addAssignment>[4]) => addAssignment(t.dataSource, org.id, userId, slug, a);
      const a1 = await add(s1.id, EVERYONE, { dueOn: '2031-01-22' });
      const a2 = await add(s1.id, OTHER, { dueOn: '2031-01-16' });
      await add(s1.id, THIRD, { dueOn: '2031-02-15' });
      await add(s1.id, FOURTH, { dueOn: '2031-01-10', completedAt: '2031-01-09T03:00:00Z', expiresOn: '2032-01-09' });
      const a3 = await add(s2.id, EVERYONE, { dueOn: '2031-01-14' });
      await add(s2.id, OTHER, { dueOn: '2031-01-05', exempted: true });
      const a4 = await add(s3.id, EVERYONE, { dueOn: '2031-01-05' });
      const a8 = await add(l1.id, EVERYONE, { dueOn: '2031-01-05' });
      await add(gone.id, EVERYONE, { dueOn: '2031-01-05' });

      const results = await Promise.all([t.app.get(RemindersService).runDaily(org.id, now), second.app.get(RemindersService).runDaily(org.id, now)]);
      expect(results.filter((r) => r.ran)).toEqual([
        { ran: true, date: '2031-01-15', assignmentsOpened: 0, reminders: { dueSoon: 2, overdue: 3, escalations: 2 } },
      ]);
      const sent = await outbox(org.id);
      expect(sent.every((m) => m.copies === 1)).toBe(true);
      expect(sent.map((m) => m.key).sort()).toEqual(
        [
          `reminder:${a1}:due-soon:2031-01-22:7`,
          `reminder:${a2}:due-soon:2031-01-16:1`,
          `reminder:${a3}:overdue:2031-01-14:0`,
          `reminder:${a4}:overdue:2031-01-05:1`,
          `reminder:${a8}:overdue:2031-01-05:1`,
          `reminder:escalation:${l1.id}:2031-01-15`,
          `reminder:escalation:${l2.id}:2031-01-15`,
        ].sort(),
      );
      // Leaders of the person's own unit only; a leader who is late is reported to the other leader, not to themself.
      const escalations = sent.filter((m) => m.kind === 'assignment.escalation');
      expect(escalations.map((m) => m.to).sort()).toEqual([l1.email, l2.email].sort());
      const toLeaderOne = only(escalations, (m) => m.to === l1.email, 'digest');
      expect(toLeaderOne.subject).toBe('Aman: 1 person(s) in your unit are late with their training');
      expect(toLeaderOne.text).toContain('- Siti Rahma: "Recognising Sexual Harassment and Violence at Work", due 5 January 2031 (10 day(s) ago)');
      expect(toLeaderOne.text).not.toContain('Leader One:');
      expect(toLeaderOne.text).toContain('http://aman.test/learn');
      expect(toLeaderOne.text.indexOf('Hello Leader One')).toBeLessThan(toLeaderOne.text.indexOf('Halo Leader One'));
      const toLeaderTwo = only(escalations, (m) => m.to === l2.email, 'digest');
      expect(toLeaderTwo.subject).toBe('Aman: 2 orang di unit Anda terlambat menyelesaikan pelatihan');
      expect(toLeaderTwo.text).toMatch(/- Leader One: .*\n- Siti Rahma: /);
      expect(sent.find((m) => m.key.startsWith(`reminder:${a2}:`))).toMatchObject({ to: s1.email, kind: 'assignment.due_soon' });

      // The same day again: nothing. The next day: every stage was already sent.
      await expect(second.app.get(RemindersService).runDaily(org.id, now)).resolves.toMatchObject({ ran: false, date: '2031-01-15' });
      await expect(t.app.get(RemindersService).runDaily(org.id, new Date(now.getTime() + DAY))).resolves.toMatchObject({
        ran: true,
        reminders: { dueSoon: 0, overdue: 0, escalations: 0 },
      });
      // A week on: due today, first overdue day, and the next weekly overdue reminders; escalations only once.
      const week = await Promise.all([
        second.app.get(RemindersService).runDaily(org.id, new Date(now.getTime() + 7 * DAY)),
        t.app.get(RemindersService).runDaily(org.id, new Date(now.getTime() + 7 * DAY)),
      ]);
      expect(week.filter((r) => r.ran).map((r) => r.reminders)).toEqual([{ dueSoon: 1, overdue: 4, escalations: 0 }]);
      const after = await outbox(org.id);
      expect(after).toHaveLength(7 + 5);
      expect(after.every((m) => m.copies === 1)).toBe(true);
      expect(after.map((m) => m.key)).toEqual(expect.arrayContaining([`reminder:${a1}:due-soon:2031-01-22:1`, `reminder:${a2}:overdue:2031-01-16:0`, `reminder:${a3}:overdue:2031-01-14:1`]));
      const [trail] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1 AND action = 'assignments.daily_run'`, [org.id]);
      expect(trail.n).toBe(2); // the quiet day left no entry
    } finally {
      await second.close();
    }
  });

  it("follows each organisation's own calendar around midnight (Asia/Jayapura vs Asia/Jakarta)", async () => {
    const now = new Date('2030-03-10T15:30:00Z'); // 00:30 on 11 March in Jayapura, 22:30 on 10 March in Jakarta
    const setUp = async (timeZone: string) => {
      const org = await onboardOrganization(t.url, adminToken, timeZone);
      const unit = await addUnit(t.dataSource, org.id);
      const rule = await api(t.url, 'POST', '/api/assignment-rules', {
        token: org.hrToken,
        body: { moduleSlug: EVERYONE, audience: 'everyone', unitId: unit, dueWithinDays: 10, dueFrom: 'hire_date' },
      });
      expect(rule.status).toBe(201);
      const person = await addEmployee(t.dataSource, org.id, { unitId: unit, hireDate: '2030-03-01' });
      const dueToday = await addAssignment(t.dataSource, org.id, person.id, OTHER, { dueOn: '2030-03-10' });
      return { org, person, dueToday };
    };
    const east = await setUp('Asia/Jayapura');
    const west = await setUp('Asia/Jakarta');
    const rules = t.app.get(AssignmentRulesService);
    await expect(rules.applyAll(east.org.id, now)).resolves.toBe(1);
    await expect(rules.applyAll(west.org.id, now)).resolves.toBe(1);
    // Hire date + 10 is 11 March, but nobody gets less than 7 days from their organisation's today.
    await expect(openDueDates(t.dataSource, east.person.id)).resolves.toMatchObject({ [EVERYONE]: '2030-03-18' });
    await expect(openDueDates(t.dataSource, west.person.id)).resolves.toMatchObject({ [EVERYONE]: '2030-03-17' });

    const reminders = t.app.get(RemindersService);
    await expect(reminders.runDaily(east.org.id, now)).resolves.toMatchObject({ ran: true, date: '2030-03-11' });
    await expect(reminders.runDaily(west.org.id, now)).resolves.toMatchObject({ ran: true, date: '2030-03-10' });
    const kindOf = async (orgId: string, assignmentId: string) => (await outbox(orgId)).filter((m) => m.key.startsWith(`reminder:${assignmentId}:`)).map((m) => m.key);
    await expect(kindOf(east.org.id, east.dueToday)).resolves.toEqual([`reminder:${east.dueToday}:overdue:2030-03-10:0`]);
    await expect(kindOf(west.org.id, west.dueToday)).resolves.toEqual([`reminder:${west.dueToday}:due-soon:2030-03-10:1`]);
    const dueTodayText = only(await outbox(west.org.id), (m) => m.key.startsWith(`reminder:${west.dueToday}:`), 'reminder').text;
    expect(dueTodayText).toContain('Hari ini batas waktu');

    const hr = t.app.get(AssignmentsService);
    const statusOf = async (orgId: string, userId: string) =>
      only(await hr.listForPerson(orgId, userId, 'en', now), (a) => a.module.slug === OTHER, 'assignment').status;
    await expect(statusOf(east.org.id, east.person.id)).resolves.toBe('overdue');
    await expect(statusOf(west.org.id, west.person.id)).resolves.toBe('not_started');
  });

  it('runs once per local day after the configured reminder hour, with the configured reminder days and escalation', async () => {
    const org = await onboardOrganization(t.url, adminToken);
    const repository = t.app.get(RemindersRepository);
    const at = (iso: string) => new Date(iso);
    await expect(repository.organizationsDue(at('2032-06-01T00:30:00Z'))).resolves.not.toContain(org.id); // 07:30 in Jakarta
    await expect(repository.organizationsDue(at('2032-06-01T01:30:00Z'))).resolves.toContain(org.id); // 08:30

    const defaults = await api(t.url, 'GET', '/api/assignment-rules/settings', { token: org.hrToken });
    expect(defaults.body).toEqual({ reminderHour: 8, remindDaysBefore: [7, 1], escalateAfterDays: 7, overdueEveryDays: 7 });
    const bad = await api(t.url, 'PUT', '/api/assignment-rules/settings', { token: org.hrToken, body: { reminderHour: 24, remindDaysBefore: [7, 7], escalateAfterDays: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['remindDaysBefore', 'reminderHour']);
    const put = await api(t.url, 'PUT', '/api/assignment-rules/settings', { token: org.hrToken, body: { reminderHour: 6, remindDaysBefore: [1, 3], escalateAfterDays: 2 } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ reminderHour: 6, remindDaysBefore: [3, 1], escalateAfterDays: 2, overdueEveryDays: 7 });
    await expect(api(t.url, 'GET', `/api/organizations/${org.id}/settings`, { token: org.hrToken })).resolves.toMatchObject({ status: 200 });
    const [trail] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1 AND action = 'organization.reminder_settings_changed'`, [org.id]);
    expect(trail.n).toBe(1);

    const morning = at('2032-06-01T00:30:00Z');
    await expect(repository.organizationsDue(morning)).resolves.toContain(org.id);
    const unit = await addUnit(t.dataSource, org.id);
    const leader = await addEmployee(t.dataSource, org.id, { unitId: unit, isLeader: true });
    const person = await addEmployee(t.dataSource, org.id, { unitId: unit });
    const inThreeDays = await addAssignment(t.dataSource, org.id, person.id, EVERYONE, { dueOn: '2032-06-04' });
    const twoDaysLate = await addAssignment(t.dataSource, org.id, person.id, OTHER, { dueOn: '2032-05-30' });
    await expect(t.app.get(RemindersService).runDaily(org.id, morning)).resolves.toMatchObject({ ran: true, date: '2032-06-01' });
    await expect(repository.organizationsDue(at('2032-06-01T10:00:00Z'))).resolves.not.toContain(org.id);
    await expect(repository.organizationsDue(at('2032-06-02T00:00:00Z'))).resolves.toContain(org.id);
    expect((await outbox(org.id)).map((m) => m.key).sort()).toEqual(
      [
        `reminder:${inThreeDays}:due-soon:2032-06-04:3`,
        `reminder:${twoDaysLate}:overdue:2032-05-30:0`,
        `reminder:escalation:${leader.id}:2032-06-01`,
      ].sort(),
    );
  });
});
