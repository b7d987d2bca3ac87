import { addAssignment, addDays, addEmployee, addUnit, orgToday } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

const EVERYONE = 'recognising-harassment';
const OTHER = 'power-relations';

describe('people list: each person’s training status, and filtering by it (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let unit: string;
  const ids: Record<string, string> = {};

  const list = (query: string) => api(t.url, 'GET', `/api/users?unitId=${unit}${query}`, { token: org.hrToken });
  const names = (body: { items: { name: string }[] }) => body.items.map((p) => p.name);

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    const today = await orgToday(t.dataSource, org.id);
    unit = await addUnit(t.dataSource, org.id);
    for (const name of ['Ani Late', 'Budi Busy', 'Citra Done', 'Dedi Lapsed', 'Eka Nothing', 'Fajar Exempt']) {
      ids[name] = (await addEmployee(t.dataSource, org.id, { unitId: unit, name })).id;
    }
    const add = (name: string, slug: string, a: Parameters<typeof addAssignment>[4]) => addAssignment(t.dataSource, org.id, ids[name], slug, a);
    const done = { completedAt: new Date().toISOString(), expiresOn: addDays(today, 300) };
    await add('Ani Late', EVERYONE, { dueOn: addDays(today, -1) });
    await add('Ani Late', OTHER, { dueOn: addDays(today, -30), ...done });
    await add('Budi Busy', EVERYONE, { dueOn: addDays(today, 5) });
    await add('Budi Busy', OTHER, { dueOn: addDays(today, -30), ...done });
    await add('Citra Done', EVERYONE, { dueOn: addDays(today, -30), ...done });
    await add('Dedi Lapsed', EVERYONE, { dueOn: addDays(today, -400), completedAt: '2025-01-01T00:00:00Z', expiresOn: addDays(today, -1) });
    // An exempted assignment is not current: nothing assigned.
    await add('Fajar Exempt', EVERYONE, { dueOn: addDays(today, -3), exempted: true });
  });
  afterAll(() => t.close());

  it('gives each person a training status from their current assignments', async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.body.items.map((p: { name: string; trainingStatus: string }) => [p.name, p.trainingStatus]))).toEqual({
      'Ani Late': 'overdue',
      'Budi Busy': 'in_progress',
      'Citra Done': 'completed',
      'Dedi Lapsed': 'expired',
      'Eka Nothing': 'none',
      'Fajar Exempt': 'none',
    });
  });

  it('filters by training status on the server, with the count to match, and together with the search', async () => {
    const overdue = await list('&training=overdue');
    expect([names(overdue.body), overdue.body.total]).toEqual([['Ani Late'], 1]);
    expect(names((await list('&training=none')).body)).toEqual(['Eka Nothing', 'Fajar Exempt']);
    expect(names((await list('&training=completed')).body)).toEqual(['Citra Done']);
    const searched = await list('&training=none&q=eka');
    expect([names(searched.body), searched.body.total]).toEqual([['Eka Nothing'], 1]);
  });

  it('refuses an unknown training status with 400 naming the field', async () => {
    const res = await list('&training=late');
    expect([res.status, res.body.message]).toEqual([400, expect.stringContaining('training')]);
  });
});
