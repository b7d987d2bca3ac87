import { hashPassword } from '../src/identity/crypto';
import { RemindersService } from '../src/assignments/reminders.service';
import { addAssignment, addDays, addEmployee, addUnit, orgToday, type PersonFixture } from './assignment-fixtures';
import { api, createPlatformAdmin, login, mailsTo, onboardOrganization, PASSWORD, startTestApp, waitForMail, type TestApp, type TestOrg } from './helpers';

const EVERYONE = 'recognising-harassment';
const OTHER = 'power-relations';
const THIRD = 'online-violence';

describe('a leader’s team view (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let today: string;
  let titles: Record<string, { id: string; en: string }>;
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};
  const units: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const person = async (key: string, p: PersonFixture, password = false) => {
    const made = await addEmployee(t.dataSource, org.id, { name: key, ...p });
    ids[key] = made.id;
    emails[key] = made.email;
    if (password) {
      await t.dataSource.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [made.id, await hashPassword(PASSWORD)]);
      tokens[key] = await login(t.url, made.email, PASSWORD);
    }
  };
  const assign = (key: string, slug: string, a: Parameters<typeof addAssignment>[4]) => addAssignment(t.dataSource, org.id, ids[key], slug, a);
  const team = (token: string, query = '') => api(t.url, 'GET', `/api/my/team${query}`, { token });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    today = await orgToday(t.dataSource, org.id);
    titles = Object.fromEntries((await t.dataSource.query(`SELECT slug, title FROM modules`)).map((m: { slug: string; title: { id: string; en: string } }) => [m.slug, m.title]));
    units['division'] = await addUnit(t.dataSource, org.id);
    units['section'] = await addUnit(t.dataSource, org.id, units['division']);
    units['subsection'] = await addUnit(t.dataSource, org.id, units['section']);
    units['elsewhere'] = await addUnit(t.dataSource, org.id);
    await person('Leader Lina', { unitId: units['division'], isLeader: true }, true);
    await person('Section Head Sari', { unitId: units['section'], isLeader: true }, true);
    await person('Staff Staf', { unitId: units['division'] }, true);
    await person('Ani Overdue', { unitId: units['division'], locale: 'en' });
    await person('Budi Done', { unitId: units['section'] });
    await person('Citra Reading', { unitId: units['subsection'] });
    await person('Dedi Nothing', { unitId: units['subsection'] });
    await person('Eka Elsewhere', { unitId: units['elsewhere'] });
    await person('Fajar Gone', { unitId: units['section'], status: 'deactivated' });
    await assign('Ani Overdue', EVERYONE, { dueOn: addDays(today, -3) });
    await assign('Ani Overdue', OTHER, { dueOn: addDays(today, 20) });
    await assign('Budi Done', EVERYONE, { dueOn: addDays(today, -10), completedAt: new Date(Date.now() - 86_400_000).toISOString(), expiresOn: addDays(today, 300) });
    const reading = await assign('Citra Reading', EVERYONE, { dueOn: addDays(today, 5) });
    await t.dataSource.query(`UPDATE assignments SET started_at = now() WHERE id = $1`, [reading]);
    // Exempted: no longer current, so not listed.
    await assign('Citra Reading', OTHER, { dueOn: addDays(today, 5), exempted: true });
    await assign('Eka Elsewhere', EVERYONE, { dueOn: addDays(today, -3) });
    await assign('Fajar Gone', EVERYONE, { dueOn: addDays(today, -3) });
    await assign('Section Head Sari', THIRD, { dueOn: addDays(today, 9) });
  });
  afterAll(() => t.close());

  it('lists the people of the leader’s unit and every sub-unit, the leader excluded, with each current assignment’s status and dates', async () => {
    const res = await team(tokens['Leader Lina'], '?lang=en');
    expect(res.status).toBe(200);
    expect(res.body.units.map((u: { id: string }) => u.id)).toEqual([units['division'], units['section'], units['subsection']]);
    expect(res.body.total).toBe(6);
    const byName = Object.fromEntries(res.body.people.map((p: { name: string }) => [p.name, p]));
    expect(Object.keys(byName)).toEqual(['Ani Overdue', 'Budi Done', 'Citra Reading', 'Dedi Nothing', 'Section Head Sari', 'Staff Staf']);
    expect(byName['Ani Overdue']).toEqual({
      id: ids['Ani Overdue'],
      name: 'Ani Overdue',
      unitName: expect.any(String),
      hasOpen: true,
      remindedToday: false,
      assignments: [
        { module: { slug: EVERYONE, title: titles[EVERYONE].en }, status: 'overdue', dueAt: addDays(today, -3), completedAt: null },
        { module: { slug: OTHER, title: titles[OTHER].en }, status: 'not_started', dueAt: addDays(today, 20), completedAt: null },
      ],
    });
    expect(byName['Budi Done'].assignments).toEqual([
      { module: { slug: EVERYONE, title: titles[EVERYONE].en }, status: 'completed', dueAt: addDays(today, -10), completedAt: expect.any(String) },
    ]);
    expect(byName['Budi Done'].hasOpen).toBe(false);
    expect(byName['Citra Reading'].assignments.map((a: { status: string }) => a.status)).toEqual(['in_progress']);
    expect(byName['Dedi Nothing'].assignments).toEqual([]);
    // Titles follow ?lang=.
    const indonesian = await team(tokens['Leader Lina'], '?lang=id');
    expect(indonesian.body.people[0].assignments[0].module.title).toBe(titles[EVERYONE].id);
  });

  it('a leader of a sub-unit sees only that part of the tree', async () => {
    const res = await team(tokens['Section Head Sari']);
    expect(res.status).toBe(200);
    expect(res.body.people.map((p: { name: string }) => p.name)).toEqual(['Budi Done', 'Citra Reading', 'Dedi Nothing']);
  });

  it('filters by module, status and unit on the server', async () => {
    const token = tokens['Leader Lina'];
    const overdue = await team(token, '?status=overdue');
    expect(overdue.body.people.map((p: { name: string }) => p.name)).toEqual(['Ani Overdue']);
    expect(overdue.body.people[0].assignments.map((a: { module: { slug: string } }) => a.module.slug)).toEqual([EVERYONE]);
    const other = await team(token, `?module=${OTHER}`);
    expect(other.body.people.map((p: { name: string }) => p.name)).toEqual(['Ani Overdue']);
    const third = await team(token, `?module=${THIRD}&status=not_started`);
    expect(third.body.people.map((p: { name: string }) => p.name)).toEqual(['Section Head Sari']);
    const sub = await team(token, `?unitId=${units['subsection']}`);
    expect(sub.body.people.map((p: { name: string }) => p.name)).toEqual(['Citra Reading', 'Dedi Nothing']);
    const paged = await team(token, '?pageSize=2&page=2');
    expect(paged.body).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(paged.body.people.map((p: { name: string }) => p.name)).toEqual(['Citra Reading', 'Dedi Nothing']);
    expect((await team(token, '?pageSize=2&page=9')).body).toMatchObject({ total: 6, people: [] });
  });

  it('refuses bad filters with 400 naming the field', async () => {
    const token = tokens['Leader Lina'];
    const outside = await team(token, `?unitId=${units['elsewhere']}`);
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('unitId');
    for (const [query, field] of [['?status=late', 'status'], ['?unitId=nope', 'unitId'], ['?module=Not%20A%20Slug', 'module'], ['?pageSize=501', 'pageSize']]) {
      const res = await team(token, query);
      expect([res.status, res.body.message]).toEqual([400, expect.stringContaining(field)]);
    }
  });

  it('answers 403 to anyone who is not a leader', async () => {
    expect((await team(tokens['Staff Staf'])).status).toBe(403);
    expect((await team(org.hrToken)).status).toBe(403);
  });

  it('sends a reminder through the outbox in the person’s language, once per person, sender and day', async () => {
    const token = tokens['Leader Lina'];
    const path = `/api/my/team/${ids['Ani Overdue']}/reminders`;
    const first = await api(t.url, 'POST', path, { token });
    expect(first.status).toBe(202);
    const mail = await waitForMail(emails['Ani Overdue']);
    expect(mail.headers).toContain('Subject: Aman: a training reminder from Leader Lina');
    expect(mail.text).toContain(`"${titles[EVERYONE].en}"`);
    expect(mail.text).toContain(`"${titles[OTHER].en}"`);
    expect(mail.text).toContain('(past due)');
    expect(mail.text).toContain('http://aman.test/learn');

    const again = await api(t.url, 'POST', path, { token });
    expect(again.status).toBe(429);
    expect(again.body.message).toBe('Anda sudah mengirim pengingat kepada Ani Overdue hari ini; pengingat berikutnya dapat dikirim besok');
    const listed = await team(token, '?status=overdue');
    expect(listed.body.people[0].remindedToday).toBe(true);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE to_address = $1`, [emails['Ani Overdue']]);
    expect(n).toBe(1);

    // Another leader above the same person is a different sender.
    await t.dataSource.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [ids['Section Head Sari'], units['division']]);
    try {
      expect((await api(t.url, 'POST', path, { token: tokens['Section Head Sari'] })).status).toBe(202);
    } finally {
      await t.dataSource.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [ids['Section Head Sari'], units['section']]);
    }
    expect((await waitForMail(emails['Ani Overdue'], 1)).headers).toContain('from Section Head Sari');
    expect(mailsTo(emails['Ani Overdue'])).toHaveLength(2);
  });

  it('refuses a reminder outside the team (404), with nothing open (409), and to a non-leader (403)', async () => {
    const token = tokens['Leader Lina'];
    expect((await api(t.url, 'POST', `/api/my/team/${ids['Eka Elsewhere']}/reminders`, { token })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/my/team/${ids['Fajar Gone']}/reminders`, { token })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/my/team/${ids['Leader Lina']}/reminders`, { token })).status).toBe(404);
    const nothing = await api(t.url, 'POST', `/api/my/team/${ids['Budi Done']}/reminders`, { token });
    expect(nothing.status).toBe(409);
    expect(nothing.body.message).toContain('tidak punya pelatihan terbuka');
    expect((await api(t.url, 'POST', `/api/my/team/${ids['Budi Done']}/reminders`, { token: tokens['Staff Staf'] })).status).toBe(403);
    expect((await api(t.url, 'POST', `/api/my/team/not-a-uuid/reminders`, { token })).status).toBe(400);
  });

  it('links the escalation digest to the team view', async () => {
    const other = await onboardOrganization(t.url, await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD));
    const unit = await addUnit(t.dataSource, other.id);
    await addEmployee(t.dataSource, other.id, { unitId: unit, isLeader: true, name: 'Digest Leader' });
    const late = await addEmployee(t.dataSource, other.id, { unitId: unit, name: 'Late Person' });
    await addAssignment(t.dataSource, other.id, late.id, EVERYONE, { dueOn: '2031-01-01' });
    const result = await t.app.get(RemindersService).runDaily(other.id, new Date('2031-01-15T03:00:00Z'));
    expect(result.reminders.escalations).toBe(1);
    const [digest] = await t.dataSource.query(`SELECT text_body FROM outbox_messages WHERE organization_id = $1 AND kind = 'assignment.escalation'`, [other.id]);
    expect(digest.text_body).toContain('http://aman.test/learn/team');
  });
});
