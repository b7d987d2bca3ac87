import { DemoSeeder } from '../src/demo/demo-seeder';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/demo-data';
import { api, login, startTestApp, type TestApp } from './helpers';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('seeds once (idempotent) an organisation of ~60 people in a 3-level unit tree, with every demo account able to sign in', async () => {
    const seeder = t.app.get(DemoSeeder);
    await seeder.seed();
    await expect(seeder.seed()).resolves.toEqual({ created: false });

    const [org] = await t.dataSource.query(`SELECT id FROM organizations WHERE code = 'demo'`);
    const [counts] = await t.dataSource.query(
      `SELECT count(*)::int AS people, count(*) FILTER (WHERE is_leader)::int AS leaders,
              count(*) FILTER (WHERE employment_type = 'intern')::int AS interns,
              count(DISTINCT gender)::int AS genders
         FROM users WHERE organization_id = $1`,
      [org.id],
    );
    expect(counts.people).toBe(60);
    expect(counts.leaders).toBeGreaterThanOrEqual(5);
    expect(counts.interns).toBeGreaterThanOrEqual(3);
    expect(counts.genders).toBe(3);
    const [{ depth }] = await t.dataSource.query(`SELECT max(cardinality(path))::int AS depth FROM units WHERE organization_id = $1`, [org.id]);
    expect(depth).toBeGreaterThanOrEqual(3);

    for (const account of DEMO_ACCOUNTS) {
      const token = await login(t.url, account.email, DEMO_PASSWORD);
      expect((await api(t.url, 'GET', '/api/me', { token })).status).toBe(200);
    }
    const auditor = await login(t.url, 'auditor@mitra.test', DEMO_PASSWORD);
    const engagements = await api(t.url, 'GET', '/api/engagements', { token: auditor });
    expect(engagements.body).toEqual([expect.objectContaining({ organizationId: org.id, scope: 'named', active: true })]);
    const staff = await api(t.url, 'GET', '/api/my/assignments', { token: await login(t.url, 'staff@demo.test', DEMO_PASSWORD) });
    expect(staff.body.map((a: { status: string }) => a.status)).toEqual(expect.arrayContaining(['completed', 'in_progress', 'overdue', 'not_started']));
    const [states] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS completed,
              count(*) FILTER (WHERE completed_at IS NULL AND due_on < current_date)::int AS overdue
         FROM assignments WHERE organization_id = $1`,
      [org.id],
    );
    expect(states.completed).toBeGreaterThan(10);
    expect(states.overdue).toBeGreaterThan(3);
    const leader = await api(t.url, 'GET', '/api/me', { token: await login(t.url, 'leader@demo.test', DEMO_PASSWORD) });
    expect(leader.body.isLeader).toBe(true);
  });
});
