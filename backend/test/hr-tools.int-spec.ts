import { addAssignment, addDays, addEmployee, addUnit, openDueDates, orgToday } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, waitForMail, type TestApp, type TestOrg } from './helpers';

const EVERYONE = 'recognising-harassment';
const OTHER = 'power-relations';

describe('HR tools: manual assignment, rule preview and hiredAfter, reminders now (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let today: string;
  let adminToken: string;

  const post = (path: string, body: unknown, token = org.hrToken) => api(t.url, 'POST', path, { token, body });
  const trail = async (action: string) =>
    (await t.dataSource.query(`SELECT details FROM audit_entries WHERE organization_id = $1 AND action = $2`, [org.id, action])) as { details: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    today = await orgToday(t.dataSource, org.id);
  });
  afterAll(() => t.close());

  describe('manual assignment', () => {
    it('assigns a module to a selection in one transaction, reports who already has it, and writes one trail entry', async () => {
      const unit = await addUnit(t.dataSource, org.id);
      const fresh = await addEmployee(t.dataSource, org.id, { unitId: unit, name: 'Fresh Person' });
      const second = await addEmployee(t.dataSource, org.id, { unitId: unit, name: 'Second Person' });
      const open = await addEmployee(t.dataSource, org.id, { unitId: unit, name: 'Open Person' });
      const done = await addEmployee(t.dataSource, org.id, { unitId: unit, name: 'Done Person' });
      const gone = await addEmployee(t.dataSource, org.id, { unitId: unit, status: 'deactivated' });
      await addAssignment(t.dataSource, org.id, open.id, EVERYONE, { dueOn: addDays(today, 3) });
      await addAssignment(t.dataSource, org.id, done.id, EVERYONE, { dueOn: addDays(today, -3), completedAt: new Date().toISOString(), expiresOn: addDays(today, 300) });
      const dueOn = addDays(today, 14);
      const res = await post('/api/assignments', { moduleSlug: EVERYONE, userIds: [fresh.id, second.id, open.id, done.id, gone.id, fresh.id], dueOn });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        assigned: 2,
        alreadyAssigned: [{ userId: open.id, name: 'Open Person' }],
        alreadyCompleted: [{ userId: done.id, name: 'Done Person' }],
        notFound: 1,
      });
      await expect(openDueDates(t.dataSource, fresh.id)).resolves.toEqual({ [EVERYONE]: dueOn });
      await expect(openDueDates(t.dataSource, open.id)).resolves.toEqual({ [EVERYONE]: addDays(today, 3) });
      await expect(openDueDates(t.dataSource, done.id)).resolves.toEqual({});
      const [entry] = await trail('assignments.assigned_manually');
      expect(entry.details).toMatchObject({ module: EVERYONE, dueOn, alreadyAssigned: 1, alreadyCompleted: 1 });
      expect((entry.details['assignments'] as { userId: string }[]).map((a) => a.userId).sort()).toEqual([fresh.id, second.id].sort());

      // Again: nothing is duplicated.
      const again = await post('/api/assignments', { moduleSlug: EVERYONE, userIds: [fresh.id], dueOn });
      expect(again.body).toMatchObject({ assigned: 0, alreadyAssigned: [{ userId: fresh.id, name: 'Fresh Person' }] });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE user_id = $1`, [fresh.id]);
      expect(n).toBe(1);
    });

    it('refuses bad input with 400 naming the field, and non-HR with 403', async () => {
      const person = await addEmployee(t.dataSource, org.id, {});
      const cases: [unknown, string][] = [
        [{ moduleSlug: 'nope', userIds: [person.id], dueOn: addDays(today, 5) }, 'moduleSlug'],
        [{ moduleSlug: EVERYONE, userIds: [], dueOn: addDays(today, 5) }, 'userIds'],
        [{ moduleSlug: EVERYONE, userIds: ['x'], dueOn: addDays(today, 5) }, 'userIds'],
        [{ moduleSlug: EVERYONE, userIds: [person.id], dueOn: addDays(today, -1) }, 'dueOn'],
        [{ moduleSlug: EVERYONE, userIds: [person.id], dueOn: '2026-02-30' }, 'dueOn'],
        [{ moduleSlug: EVERYONE, userIds: [person.id] }, 'dueOn'],
      ];
      for (const [body, field] of cases) {
        const res = await post('/api/assignments', body);
        expect([res.status, res.body.message]).toEqual([400, expect.stringContaining(field)]);
      }
      await expect(openDueDates(t.dataSource, person.id)).resolves.toEqual({});
    });
  });

  describe('rules', () => {
    it('previews how many people a rule reaches without writing anything, and limits a rule to people hired after a date', async () => {
      const unit = await addUnit(t.dataSource, org.id);
      const veteran = await addEmployee(t.dataSource, org.id, { unitId: unit, hireDate: '2015-03-01' });
      const newcomer = await addEmployee(t.dataSource, org.id, { unitId: unit, hireDate: '2026-02-01' });
      const newest = await addEmployee(t.dataSource, org.id, { unitId: unit, hireDate: '2026-06-01' });
      const undated = await addEmployee(t.dataSource, org.id, { unitId: unit });
      const rule = { moduleSlug: OTHER, audience: 'everyone', unitId: unit, dueWithinDays: 30, dueFrom: 'rule_start', hiredAfter: '2026-01-01' };
      const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE organization_id = $1`, [org.id]);

      const preview = await post('/api/assignment-rules/preview', rule);
      expect([preview.status, preview.body]).toEqual([200, { count: 2 }]);
      expect((await post('/api/assignment-rules/preview', { ...rule, hiredAfter: null })).body).toEqual({ count: 4 });
      const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE organization_id = $1`, [org.id]);
      expect(after).toBe(before);
      const [{ rules }] = await t.dataSource.query(`SELECT count(*)::int AS rules FROM assignment_rules WHERE organization_id = $1 AND unit_id = $2`, [org.id, unit]);
      expect(rules).toBe(0);

      const created = await post('/api/assignment-rules', rule);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ hiredAfter: '2026-01-01', assignmentsOpened: 2 });
      await expect(openDueDates(t.dataSource, veteran.id)).resolves.toEqual({});
      await expect(openDueDates(t.dataSource, undated.id)).resolves.toEqual({});
      expect(Object.keys(await openDueDates(t.dataSource, newcomer.id))).toEqual([OTHER]);
      expect(Object.keys(await openDueDates(t.dataSource, newest.id))).toEqual([OTHER]);

      // Moving the date later, then clearing it.
      const later = await api(t.url, 'PATCH', `/api/assignment-rules/${created.body.id}`, { token: org.hrToken, body: { hiredAfter: '2026-03-01' } });
      expect(later.body).toMatchObject({ hiredAfter: '2026-03-01', assignmentsOpened: 0 });
      const cleared = await api(t.url, 'PATCH', `/api/assignment-rules/${created.body.id}`, { token: org.hrToken, body: { hiredAfter: null } });
      expect(cleared.body).toMatchObject({ hiredAfter: null, assignmentsOpened: 2 });
    });

    it('checks a preview like a save: 400 naming the field', async () => {
      const base = { moduleSlug: OTHER, audience: 'everyone', dueWithinDays: 30, dueFrom: 'rule_start' };
      for (const [body, field] of [
        [{ ...base, hiredAfter: '2026-13-01' }, 'hiredAfter'],
        [{ ...base, moduleSlug: 'nope' }, 'moduleSlug'],
        [{ ...base, unitId: '00000000-0000-0000-0000-000000000000' }, 'unitId'],
        [{ ...base, dueWithinDays: 0 }, 'dueWithinDays'],
      ] as const) {
        const res = await post('/api/assignment-rules/preview', body);
        expect([res.status, res.body.message]).toEqual([400, expect.stringContaining(field)]);
      }
    });
  });

  describe('exemption undo', () => {
    it('brings an exempted assignment back with a reason, keeps both reasons, and writes a trail entry', async () => {
      const person = await addEmployee(t.dataSource, org.id, { name: 'Exempt Person' });
      const id = await addAssignment(t.dataSource, org.id, person.id, OTHER, { dueOn: addDays(today, 6) });
      const exempt = await post(`/api/assignments/${id}/exempt`, { reason: 'Sudah ikut pelatihan setara' });
      expect(exempt.status).toBe(200);
      const listed = async () =>
        (await api(t.url, 'GET', `/api/assignments?userId=${person.id}`, { token: org.hrToken })).body as { id: string; status: string; current: boolean }[];
      expect((await listed()).find((a) => a.id === id)).toMatchObject({ status: 'exempted', current: true });

      const undo = await post(`/api/assignments/${id}/undo-exemption`, { reason: 'Sertifikat luar tidak diakui' });
      expect([undo.status, undo.body]).toEqual([200, { id, userId: person.id, moduleSlug: OTHER, dueOn: addDays(today, 6), exempted: false }]);
      expect((await listed()).find((a) => a.id === id)).toMatchObject({ status: 'not_started', current: true, exemptedAt: null, exemptReason: null });
      await expect(openDueDates(t.dataSource, person.id)).resolves.toEqual({ [OTHER]: addDays(today, 6) });

      const reasons = await api(t.url, 'GET', `/api/assignments/${id}/reasons`, { token: org.hrToken });
      expect(reasons.body.map((r: { kind: string; reason: string }) => [r.kind, r.reason])).toEqual([
        ['exemption', 'Sudah ikut pelatihan setara'],
        ['exemption_undone', 'Sertifikat luar tidak diakui'],
      ]);
      const [entry] = (await trail('assignment.exemption_undone')).filter((e) => e.details['userId'] === person.id);
      const undone = reasons.body[1] as { digest: string };
      expect(entry.details).toEqual({ userId: person.id, module: OTHER, dueOn: addDays(today, 6), reasonDigest: undone.digest });
      expect(JSON.stringify(entry.details)).not.toContain('Sertifikat');

      // Not exempted any more: a second undo is a conflict; it can be exempted again.
      expect((await post(`/api/assignments/${id}/undo-exemption`, { reason: 'again' })).status).toBe(409);
      expect((await post(`/api/assignments/${id}/exempt`, { reason: 'Cuti panjang' })).status).toBe(200);
    });

    it('refuses an undo that would give the person the module twice, a missing reason, and another organisation’s assignment', async () => {
      const person = await addEmployee(t.dataSource, org.id, {});
      const exempted = await addAssignment(t.dataSource, org.id, person.id, OTHER, { dueOn: addDays(today, 6), exempted: true });
      await addAssignment(t.dataSource, org.id, person.id, OTHER, { dueOn: addDays(today, 30) });
      const twice = await post(`/api/assignments/${exempted}/undo-exemption`, { reason: 'x' });
      expect(twice.status).toBe(409);
      const blank = await post(`/api/assignments/${exempted}/undo-exemption`, { reason: '  ' });
      expect([blank.status, blank.body.message]).toEqual([400, expect.stringContaining('reason')]);
      const other = await onboardOrganization(t.url, adminToken);
      const foreign = await addEmployee(t.dataSource, other.id, {});
      const foreignAssignment = await addAssignment(t.dataSource, other.id, foreign.id, OTHER, { dueOn: addDays(today, 6), exempted: true });
      expect((await post(`/api/assignments/${foreignAssignment}/undo-exemption`, { reason: 'x' })).status).toBe(404);
    });
  });

  describe('reminders now', () => {
    it('reminds the listed people or a filtered selection through the outbox, once per person and day', async () => {
      const other = await onboardOrganization(t.url, adminToken);
      const today2 = await orgToday(t.dataSource, other.id);
      const parent = await addUnit(t.dataSource, other.id);
      const child = await addUnit(t.dataSource, other.id, parent);
      const late = await addEmployee(t.dataSource, other.id, { unitId: child, name: 'Late Lina', locale: 'en' });
      const soon = await addEmployee(t.dataSource, other.id, { unitId: parent, name: 'Soon Sari' });
      const done = await addEmployee(t.dataSource, other.id, { unitId: parent, name: 'Done Dewi' });
      const outside = await addEmployee(t.dataSource, other.id, { name: 'Outside Oka' });
      await addAssignment(t.dataSource, other.id, late.id, EVERYONE, { dueOn: addDays(today2, -4) });
      await addAssignment(t.dataSource, other.id, soon.id, EVERYONE, { dueOn: addDays(today2, 4) });
      await addAssignment(t.dataSource, other.id, done.id, EVERYONE, { dueOn: addDays(today2, -4), completedAt: new Date().toISOString(), expiresOn: addDays(today2, 300) });
      await addAssignment(t.dataSource, other.id, outside.id, EVERYONE, { dueOn: addDays(today2, -4) });
      const send = (body: unknown) => post('/api/assignments/reminders', body, other.hrToken);

      const overdue = await send({ unitId: parent, status: 'overdue' });
      expect([overdue.status, overdue.body]).toEqual([200, { queued: 1, alreadyRemindedToday: 0, nothingOpen: 0, noEmail: 0, notFound: 0 }]);
      const mail = await waitForMail(late.email);
      expect(mail.headers).toContain('Subject: Aman: a training reminder from HR Admin');
      expect(mail.text).toContain('HR Admin (HR) reminds you');

      const listed = await send({ userIds: [late.id, soon.id, done.id, '00000000-0000-0000-0000-000000000000'] });
      expect(listed.body).toEqual({ queued: 1, alreadyRemindedToday: 1, nothingOpen: 1, noEmail: 0, notFound: 1 });
      await waitForMail(soon.email);
      const everyone = await send({});
      expect(everyone.body).toMatchObject({ queued: 1, alreadyRemindedToday: 2 });
      await waitForMail(outside.email);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE organization_id = $1 AND kind = 'assignment.manual_reminder'`, [other.id]);
      expect(n).toBe(3);
    });

    it('refuses bad selections with 400 naming the field, and non-HR with 403', async () => {
      for (const [body, field] of [[{ userIds: [] }, 'userIds'], [{ userIds: ['x'] }, 'userIds'], [{ status: 'completed' }, 'status'], [{ unitId: 'x' }, 'unitId']] as const) {
        const res = await post('/api/assignments/reminders', body);
        expect([res.status, res.body.message]).toEqual([400, expect.stringContaining(field)]);
      }
      const staff = await addEmployee(t.dataSource, org.id, { name: 'Staff Only' });
      await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($2)) WHERE id = $1`, [staff.id, org.hrEmail]);
      const token = await login(t.url, staff.email, PASSWORD);
      expect((await post('/api/assignments/reminders', { userIds: [staff.id] }, token)).status).toBe(403);
      expect((await post('/api/assignments', { moduleSlug: EVERYONE, userIds: [staff.id], dueOn: addDays(today, 9) }, token)).status).toBe(403);
      expect((await post('/api/assignment-rules/preview', { moduleSlug: OTHER, audience: 'everyone', dueWithinDays: 30, dueFrom: 'rule_start' }, token)).status).toBe(403);
    });
  });
});
