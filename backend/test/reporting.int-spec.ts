import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { AuditReportsRepository, type ReportRow } from '../src/audit/audit-reports.repository';
import { AuditReportsService } from '../src/audit/audit-reports.service';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { ReportingRepository } from '../src/reporting/reporting.repository';
import { ReportingService } from '../src/reporting/reporting.service';
import { addDays, orgToday } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

const M1 = 'recognising-harassment';
const M2 = 'power-relations';

type Dim = 'unit' | 'role' | 'gender' | 'employmentType' | 'module';
interface Counts {
  assigned: number;
  completed: number;
  overdue: number;
  /** Current assignments of these people and the completed ones among them. */
  assignments: number;
  assignmentsCompleted: number;
}

/**
 * The same numbers as the reports, computed independently straight from assignments (not from the
 * reporting tables the triggers keep): current = latest non-exempted assignment of each active
 * module, counts of active people.
 */
async function expected(ds: DataSource, orgId: string, dim: Dim, module: string | null = null): Promise<Map<string, Counts>> {
  const key = {
    unit: 'un.id::text',
    role: `CASE WHEN f.is_leader THEN 'leaders' ELSE 'staff' END`,
    gender: 'f.gender',
    employmentType: 'f.employment_type',
    module: 'f.module_slug',
  }[dim];
  const rows: ({ key: string } & Counts)[] = await ds.query(
    `WITH today AS (SELECT (now() AT TIME ZONE time_zone)::date AS d FROM organizations WHERE id = $1),
     cur AS (
       SELECT DISTINCT ON (a.user_id, a.module_slug) a.user_id, a.module_slug, a.due_on, a.completed_at, a.expires_on
         FROM assignments a JOIN modules m ON m.slug = a.module_slug AND m.active
        WHERE a.organization_id = $1 AND a.exempted_at IS NULL AND ($2::text IS NULL OR a.module_slug = $2)
        ORDER BY a.user_id, a.module_slug, a.assigned_at DESC
     ), flags AS (
       SELECT u.id, u.unit_id, u.is_leader, u.gender, u.employment_type, ${dim === 'module' ? 'c.module_slug' : 'NULL::text AS module_slug'},
              bool_and(c.completed_at IS NOT NULL AND (c.expires_on IS NULL OR c.expires_on > (SELECT d FROM today))) AS completed,
              bool_or(c.completed_at IS NULL AND c.due_on < (SELECT d FROM today)) AS overdue,
              count(*) AS assignments,
              count(*) FILTER (WHERE c.completed_at IS NOT NULL AND (c.expires_on IS NULL OR c.expires_on > (SELECT d FROM today))) AS done
         FROM cur c JOIN users u ON u.id = c.user_id
        WHERE u.status = 'active'
        GROUP BY u.id${dim === 'module' ? ', c.module_slug' : ''}
     )
     SELECT ${key} AS key, count(f.id)::int AS assigned, count(f.id) FILTER (WHERE f.completed)::int AS completed,
            count(f.id) FILTER (WHERE f.overdue)::int AS overdue,
            COALESCE(sum(f.assignments), 0)::int AS assignments, COALESCE(sum(f.done), 0)::int AS "assignmentsCompleted"
       FROM ${dim === 'unit' ? `units un LEFT JOIN flags f ON f.unit_id IN (SELECT s.id FROM units s WHERE s.path @> ARRAY[un.id]) WHERE un.organization_id = $1` : 'flags f'}
      GROUP BY 1`,
    [orgId, module],
  );
  return new Map(rows.map((r) => [r.key, { assigned: r.assigned, completed: r.completed, overdue: r.overdue, assignments: r.assignments, assignmentsCompleted: r.assignmentsCompleted }]));
}

interface Row {
  group: string;
  groupId?: string;
  parentId?: string | null;
  assigned: number | null;
  completed: number | null;
  overdue: number | null;
  completionRate: number | null;
  moduleCompletionRate: number | null;
  suppressed: boolean;
}

/** Every shown row has the independent numbers; every hidden one has nulls only; no shown group is small. */
function expectMatches(rows: Row[], truth: Map<string, Counts>, keyOf: (r: Row) => string) {
  for (const row of rows) {
    const t = truth.get(keyOf(row)) ?? { assigned: 0, completed: 0, overdue: 0, assignments: 0, assignmentsCompleted: 0 };
    if (row.suppressed) {
      const hidden = { assigned: row.assigned, completed: row.completed, overdue: row.overdue, completionRate: row.completionRate, moduleCompletionRate: row.moduleCompletionRate };
      expect({ key: keyOf(row), ...hidden }).toEqual({ key: keyOf(row), assigned: null, completed: null, overdue: null, completionRate: null, moduleCompletionRate: null });
    } else {
      const { assignments, assignmentsCompleted, ...people } = t;
      expect({ key: keyOf(row), ...people }).toEqual({ key: keyOf(row), assigned: row.assigned, completed: row.completed, overdue: row.overdue });
      expect(row.completionRate).toBe(t.assigned ? t.completed / t.assigned : null);
      expect({ key: keyOf(row), moduleCompletionRate: row.moduleCompletionRate }).toEqual({
        key: keyOf(row),
        moduleCompletionRate: assignments ? assignmentsCompleted / assignments : null,
      });
      expect(t.assigned === 0 || t.assigned >= 5).toBe(true);
    }
  }
}

describe('completion reports', () => {
  let t: TestApp;
  let adminToken: string;
  let a: TestOrg;
  let b: TestOrg;
  const unit: Record<string, string> = {};
  let today: string;
  let deactivated: string;

  async function addUnit(orgId: string, name: string, parent: string | null): Promise<string> {
    const [row] = await t.dataSource.query(
      `WITH n AS (SELECT gen_random_uuid() AS id)
       INSERT INTO units (id, organization_id, parent_id, code, name, path)
       SELECT n.id, $1, $2::uuid, $3, $4, COALESCE((SELECT path FROM units WHERE id = $2::uuid), '{}'::uuid[]) || n.id FROM n RETURNING id`,
      [orgId, parent, unique('U'), name],
    );
    return row.id;
  }

  type State = 'completed' | 'expired' | 'overdue' | 'open' | 'exempted' | 'renewed-overdue';
  async function addPerson(
    orgId: string,
    p: { unitId: string | null; leader?: boolean; gender?: string; employment?: string; active?: boolean; m1?: State; m2?: State; name?: string },
  ): Promise<string> {
    const [user] = await t.dataSource.query(
      `INSERT INTO users (organization_id, email, name, unit_id, is_leader, gender, employment_type, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [orgId, `${unique('r')}@org.test`, p.name ?? unique('Person'), p.unitId, p.leader ?? false, p.gender ?? 'not_stated', p.employment ?? 'permanent', p.active === false ? 'deactivated' : 'active'],
    );
    for (const [slug, state] of [[M1, p.m1], [M2, p.m2]] as const) {
      if (!state) continue;
      const rows: { assignedDaysAgo: number; due: string; completedDaysAgo?: number; expires?: string; exempted?: boolean }[] = {
        completed: [{ assignedDaysAgo: 40, due: addDays(today, 10), completedDaysAgo: 10, expires: addDays(today, 300) }],
        expired: [{ assignedDaysAgo: 420, due: addDays(today, -390), completedDaysAgo: 400, expires: addDays(today, -5) }],
        overdue: [{ assignedDaysAgo: 40, due: addDays(today, -3) }],
        open: [{ assignedDaysAgo: 5, due: addDays(today, 20) }],
        exempted: [{ assignedDaysAgo: 5, due: addDays(today, -20), exempted: true }],
        'renewed-overdue': [
          { assignedDaysAgo: 820, due: addDays(today, -800), completedDaysAgo: 800, expires: addDays(today, -435) },
          { assignedDaysAgo: 30, due: addDays(today, -2) },
        ],
      }[state];
      for (const r of rows) {
        await t.dataSource.query(
          `INSERT INTO assignments (organization_id, user_id, module_slug, assigned_at, due_on, completed_at, module_version, expires_on, exempted_at, exempt_reason)
           VALUES ($1, $2, $3, now() - make_interval(days => $4), $5::date, now() - make_interval(days => $6::int),
                   CASE WHEN $6::int IS NOT NULL THEN 'v-test' END, $7::date, CASE WHEN $8 THEN now() END, CASE WHEN $8 THEN 'fixture' END)`,
          [orgId, user.id, slug, r.assignedDaysAgo, r.due, r.completedDaysAgo ?? null, r.expires ?? null, r.exempted ?? false],
        );
      }
    }
    return user.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    a = await onboardOrganization(t.url, adminToken);
    b = await onboardOrganization(t.url, adminToken, 'Asia/Jayapura');
    today = await orgToday(t.dataSource, a.id);

    // R ─ U1 ─ U1a (8), U1b (6); R ─ U2 (10); R ─ U3 (3)         R and U1 have nobody of their own
    // S (2 of its own) ─ S1 (7), S2 (9)
    unit.R = await addUnit(a.id, 'R Kantor Wilayah', null);
    unit.U1 = await addUnit(a.id, 'U1 Bidang', unit.R);
    unit.U1a = await addUnit(a.id, 'U1a Seksi', unit.U1);
    unit.U1b = await addUnit(a.id, 'U1b Seksi', unit.U1);
    unit.U2 = await addUnit(a.id, 'U2 Cabang', unit.R);
    unit.U3 = await addUnit(a.id, 'U3 Cabang kecil', unit.R);
    unit.S = await addUnit(a.id, 'S Kantor Wilayah', null);
    unit.S1 = await addUnit(a.id, 'S1 Cabang', unit.S);
    unit.S2 = await addUnit(a.id, 'S2 Cabang', unit.S);
    unit.E = await addUnit(a.id, 'E Kosong', unit.S);
    const placement = [
      ...Array<string>(8).fill(unit.U1a), ...Array<string>(6).fill(unit.U1b), ...Array<string>(10).fill(unit.U2),
      ...Array<string>(3).fill(unit.U3), ...Array<string>(2).fill(unit.S), ...Array<string>(7).fill(unit.S1), ...Array<string>(9).fill(unit.S2),
    ];
    const states: [State, State | undefined][] = [['completed', 'completed'], ['completed', 'overdue'], ['expired', 'completed'], ['open', undefined], ['renewed-overdue', 'completed']];
    for (let i = 0; i < placement.length; i++) {
      const [m1, m2] = states[i % 5];
      await addPerson(a.id, {
        name: `Orang ${String(i).padStart(2, '0')}`,
        unitId: placement[i],
        gender: i < 2 ? 'not_stated' : i % 2 ? 'female' : 'male',
        leader: [5, 15, 25, 35].includes(i),
        employment: [3, 13, 23].includes(i) ? 'intern' : [4, 14, 24, 34, 40, 44].includes(i) ? 'contract' : 'permanent',
        m1,
        m2,
      });
    }
    // Not counted: deactivated, nothing assigned, only an exempted assignment.
    deactivated = await addPerson(a.id, { unitId: unit.U2, m1: 'completed', m2: 'overdue', active: false });
    await addPerson(a.id, { unitId: unit.U2, m1: 'overdue', active: false });
    await addPerson(a.id, { unitId: unit.U1a });
    await addPerson(a.id, { unitId: unit.U1a, m1: 'exempted' });
    await t.dataSource.query(
      `INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, score, time_spent_seconds, completed_at)
       SELECT organization_id, id, user_id, module_slug, module_version, 90, 600, completed_at FROM assignments
        WHERE organization_id = $1 AND completed_at IS NOT NULL`,
      [a.id],
    );

    // Organisation B: six women who all completed, in one unit.
    const bUnit = await addUnit(b.id, 'B Pusat', null);
    for (let i = 0; i < 6; i++) await addPerson(b.id, { unitId: bUnit, gender: 'female', m1: 'completed' });
  });
  afterAll(() => t.close());

  const get = (path: string, token = a.hrToken) => api<Row[]>(t.url, 'GET', path, { token });

  it('counts people by gender, role and employment type as an independent SQL count does, hiding small groups and their complements', async () => {
    const gender = await get('/api/reports/completion?groupBy=gender');
    expect(gender.status).toBe(200);
    expect(gender.body.map((r) => r.group)).toEqual(['female', 'male', 'not_stated']);
    expectMatches(gender.body, await expected(t.dataSource, a.id, 'gender'), (r) => r.group);
    // not_stated (2) is small; female (21) is the smallest other group, hidden so that not_stated ≠ total − male.
    expect(gender.body.filter((r) => r.suppressed).map((r) => r.group)).toEqual(['female', 'not_stated']);
    expect(gender.body.find((r) => r.group === 'male')).toMatchObject({ assigned: 22, suppressed: false });

    const role = await get('/api/reports/completion?groupBy=role');
    expect(role.body.map((r) => [r.group, r.suppressed])).toEqual([['leaders', true], ['staff', true]]);

    const employment = await get('/api/reports/completion?groupBy=employmentType');
    expectMatches(employment.body, await expected(t.dataSource, a.id, 'employmentType'), (r) => r.group);
    expect(employment.body.map((r) => [r.group, r.suppressed, r.assigned])).toEqual([
      ['permanent', false, 36], ['contract', true, null], ['intern', true, null], ['volunteer', false, 0],
    ]);
  });

  it('rolls every unit up over its whole subtree, with complementary suppression through the tree', async () => {
    const res = await get('/api/reports/completion?groupBy=unit');
    expect(res.status).toBe(200);
    expectMatches(res.body, await expected(t.dataSource, a.id, 'unit'), (r) => r.groupId!);
    const byId = new Map(res.body.map((r) => [r.groupId, r]));
    expect(byId.get(unit.R)).toMatchObject({ group: 'R Kantor Wilayah', parentId: null, assigned: 27, suppressed: false });
    expect(byId.get(unit.U1)).toMatchObject({ parentId: unit.R, assigned: 14, suppressed: false });
    expect(byId.get(unit.S)).toMatchObject({ assigned: 18, suppressed: false });
    expect(byId.get(unit.E)).toMatchObject({ assigned: 0, completionRate: null, moduleCompletionRate: null, suppressed: false });
    // U1's 14 people hold 25 current assignments, 14 of them completed, yet only 3 people completed
    // all of theirs: the headline counts each finished module.
    expect(byId.get(unit.U1)).toMatchObject({ completed: 3, completionRate: 3 / 14, moduleCompletionRate: 14 / 25 });
    // U3 (3) is small and R has nobody of its own, so its smallest sibling U2 goes too; S's own 2
    // people would be S − S1 − S2, so S1, the smaller child, is hidden.
    expect(res.body.filter((r) => r.suppressed).map((r) => r.group).sort()).toEqual(['S1 Cabang', 'U2 Cabang', 'U3 Cabang kecil']);
    // Parents first, siblings by name.
    expect(res.body.map((r) => r.group)).toEqual([
      'R Kantor Wilayah', 'U1 Bidang', 'U1a Seksi', 'U1b Seksi', 'U2 Cabang', 'U3 Cabang kecil', 'S Kantor Wilayah', 'E Kosong', 'S1 Cabang', 'S2 Cabang',
    ]);
  });

  it('counts one row per module, people assigned it, with the title in the caller’s language', async () => {
    const res = await get('/api/reports/completion?groupBy=module&lang=en');
    expect(res.status).toBe(200);
    expectMatches(res.body, await expected(t.dataSource, a.id, 'module'), (r) => r.groupId!);
    expect(res.body.find((r) => r.groupId === M1)).toMatchObject({ group: 'Recognising Sexual Harassment and Violence at Work', assigned: 45 });
    expect(res.body.find((r) => r.groupId === M2)).toMatchObject({ assigned: 36 });
    expect(res.body.find((r) => r.groupId === 'online-violence')).toMatchObject({ assigned: 0, suppressed: false });
    const id = await get('/api/reports/completion?groupBy=module');
    expect(id.body.find((r) => r.groupId === M1)!.group).toBe('Mengenali Pelecehan dan Kekerasan Seksual di Tempat Kerja');
    // Compressed for clients that accept it, plain JSON for the others.
    const plain = await fetch(`${t.url}/api/reports/completion?groupBy=module`, { headers: { authorization: `Bearer ${a.hrToken}`, 'accept-encoding': 'identity' } });
    expect([plain.headers.get('content-type'), plain.headers.get('content-encoding')]).toEqual(['application/json; charset=utf-8', null]);
    expect(await plain.json()).toEqual(id.body);
    expect(id.headers.get('content-encoding')).toBe('gzip');
  });

  it('filters every breakdown to one module', async () => {
    for (const dim of ['gender', 'employmentType', 'unit', 'role'] as const) {
      const res = await get(`/api/reports/completion?groupBy=${dim}&module=${M2}`);
      expect(res.status).toBe(200);
      expectMatches(res.body, await expected(t.dataSource, a.id, dim, M2), (r) => (dim === 'unit' ? r.groupId! : r.group));
    }
    const one = await get(`/api/reports/completion?groupBy=module&module=${M2}`);
    expect(one.body.map((r) => r.groupId)).toEqual([M2]);
  });

  it('gives the organisation total with leaders and staff side by side', async () => {
    const res = await api(t.url, 'GET', '/api/reports/summary', { token: a.hrToken });
    const truth = await expected(t.dataSource, a.id, 'role');
    const total = [...truth.values()].reduce((s, c) => ({
      assigned: s.assigned + c.assigned,
      completed: s.completed + c.completed,
      overdue: s.overdue + c.overdue,
      assignments: s.assignments + c.assignments,
      assignmentsCompleted: s.assignmentsCompleted + c.assignmentsCompleted,
    }));
    const { assignments, assignmentsCompleted, ...people } = total;
    expect(res.body).toMatchObject({ ...people, completionRate: total.completed / total.assigned, moduleCompletionRate: assignmentsCompleted / assignments, suppressed: false });
    const hidden = { assigned: null, completed: null, overdue: null, completionRate: null, moduleCompletionRate: null, suppressed: true };
    expect(res.body.leaders).toEqual(hidden);
    expect(res.body.staff).toEqual(hidden);
  });

  it('exports the same rows as CSV and XLSX, suppressed cells empty, and records each export', async () => {
    const json = (await get('/api/reports/completion?groupBy=unit')).body;
    const csv = await fetch(`${t.url}/api/reports/completion.csv?groupBy=unit`, { headers: { authorization: `Bearer ${a.hrToken}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="aman-completion-by-unit-${today}\\.csv"$`));
    const records: Record<string, string>[] = parse(await csv.text(), { columns: true, bom: true });
    expect(records.map((r) => r['groupId'])).toEqual(json.map((r) => r.groupId));
    for (const [i, r] of records.entries()) {
      const row = json[i];
      expect(r).toEqual({
        group: row.group,
        groupId: row.groupId,
        parentId: row.parentId ?? '',
        assigned: row.assigned === null ? '' : String(row.assigned),
        completed: row.completed === null ? '' : String(row.completed),
        overdue: row.overdue === null ? '' : String(row.overdue),
        completionRate: row.completionRate === null ? '' : String(Math.round(row.completionRate * 10000) / 10000),
        moduleCompletionRate: row.moduleCompletionRate === null ? '' : String(Math.round(row.moduleCompletionRate * 10000) / 10000),
        suppressed: String(row.suppressed),
      });
    }
    expect(records.find((r) => r['groupId'] === unit.U3)).toMatchObject({ assigned: '', completed: '', overdue: '', suppressed: 'true' });

    const xlsx = await fetch(`${t.url}/api/reports/completion.xlsx?groupBy=gender`, { headers: { authorization: `Bearer ${a.hrToken}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="aman-completion-by-gender-.*\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    // The workbook is for people: the account's language (Indonesian), no ids, ya/tidak.
    expect(cells(1)).toEqual(['Kelompok', 'Ditugaskan', 'Selesai', 'Terlambat', 'Orang yang menyelesaikan semua', 'Modul yang diselesaikan', 'Disembunyikan (kelompok kecil)']);
    const gender = (await get('/api/reports/completion?groupBy=gender')).body;
    expect(sheet.rowCount).toBe(1 + gender.length);
    gender.forEach((row, i) => {
      const [group, assigned, completed, overdue, rate, moduleRate, suppressed] = [...cells(i + 2), ...Array(7).fill(undefined)].slice(0, 7);
      expect({ group, assigned: assigned ?? null, completed: completed ?? null, overdue: overdue ?? null, rate: rate ?? null, moduleRate: moduleRate ?? null, suppressed }).toEqual({
        group: row.group, assigned: row.assigned, completed: row.completed, overdue: row.overdue, rate: row.completionRate, moduleRate: row.moduleCompletionRate, suppressed: row.suppressed ? 'ya' : 'tidak',
      });
    });
    const english = await fetch(`${t.url}/api/reports/completion.xlsx?groupBy=gender&lang=en`, { headers: { authorization: `Bearer ${a.hrToken}` } });
    const englishBook = new ExcelJS.Workbook();
    await englishBook.xlsx.load(Buffer.from(await english.arrayBuffer()) as unknown as Parameters<typeof englishBook.xlsx.load>[0]);
    expect((englishBook.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['Group', 'Assigned', 'Completed', 'Overdue', 'People who completed all', 'Modules completed', 'Hidden (small group)']);
    expect(englishBook.worksheets[0].name).toBe('Completion');
    expect(gender.some((r) => r.suppressed)).toBe(true);

    const entries: { details: { format: string; groupBy: string } }[] = await t.dataSource.query(
      `SELECT details FROM audit_entries WHERE organization_id = $1 AND action = 'report.exported' ORDER BY id`,
      [a.id],
    );
    expect(entries.map((e) => [e.details.format, e.details.groupBy])).toEqual([['csv', 'unit'], ['xlsx', 'gender'], ['xlsx', 'gender']]);
  });

  it('lists named overdue people of a unit subtree for HR, paginated', async () => {
    const res = await api(t.url, 'GET', `/api/reports/overdue?unitId=${unit.U1}&pageSize=3&lang=en`, { token: a.hrToken });
    expect(res.status).toBe(200);
    const names: { name: string }[] = await t.dataSource.query(
      `SELECT DISTINCT u.name FROM users u JOIN assignments a ON a.user_id = u.id
        WHERE u.unit_id IN (SELECT id FROM units WHERE path @> ARRAY[$1::uuid]) AND u.status = 'active'
          AND a.exempted_at IS NULL AND a.completed_at IS NULL AND a.due_on < $2::date
        ORDER BY u.name`,
      [unit.U1, today],
    );
    expect(res.body.total).toBe(names.length);
    expect(res.body).toMatchObject({ page: 1, pageSize: 3 });
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(names.slice(0, 3).map((n) => n.name));
    const renewed = (await api(t.url, 'GET', `/api/reports/overdue?unitId=${unit.U1}&pageSize=200&lang=en`, { token: a.hrToken })).body.items.find(
      (i: { name: string }) => i.name === 'Orang 04',
    );
    expect(renewed).toMatchObject({ unitName: 'U1a Seksi', isLeader: false, overdueModules: [{ slug: M1, title: 'Recognising Sexual Harassment and Violence at Work', dueAt: addDays(today, -2) }] });
    expect((await api(t.url, 'GET', `/api/reports/overdue?unitId=${unit.R}`, { token: b.hrToken })).status).toBe(404);
    expect((await api(t.url, 'GET', `/api/reports/overdue?unitId=nope`, { token: a.hrToken })).status).toBe(400);
  });

  it('counts completions per month and week in the organisation’s calendar, hiding periods of 1..k-1', async () => {
    // A month with a single completion (a person since deactivated: the completion still happened).
    await t.dataSource.query(`UPDATE completions SET completed_at = now() - interval '200 days' WHERE user_id = $1`, [deactivated]);
    const from = addDays(today, -900);
    const month = await api(t.url, 'GET', `/api/reports/completions-over-time?from=${from}&to=${today}&interval=month`, { token: a.hrToken });
    expect(month.status).toBe(200);
    const truth: { period: string; n: number }[] = await t.dataSource.query(
      `SELECT to_char(date_trunc('month', completed_at AT TIME ZONE 'Asia/Jakarta'), 'YYYY-MM-DD') AS period, count(*)::int AS n
         FROM completions WHERE organization_id = $1 GROUP BY 1`,
      [a.id],
    );
    const want = new Map(truth.map((r) => [r.period, r.n]));
    expect(month.body[0].period).toBe(`${from.slice(0, 8)}01`);
    expect(month.body.at(-1).period).toBe(`${today.slice(0, 8)}01`);
    for (const row of month.body) {
      const n = want.get(row.period) ?? 0;
      expect(row).toEqual(n > 0 && n < 5 ? { period: row.period, completed: null, suppressed: true } : { period: row.period, completed: n, suppressed: false });
    }
    expect(month.body.some((r: { suppressed: boolean }) => r.suppressed)).toBe(true);
    const week = await api(t.url, 'GET', `/api/reports/completions-over-time?from=${addDays(today, -60)}&to=${today}&interval=week`, { token: a.hrToken });
    expect(week.status).toBe(200);
    expect(week.body.reduce((s: number, r: { completed: number | null }) => s + (r.completed ?? 0), 0)).toBeGreaterThan(0);
    expect((await api(t.url, 'GET', `/api/reports/completions-over-time?from=${today}&to=${addDays(today, -1)}`, { token: a.hrToken })).status).toBe(400);
    expect((await api(t.url, 'GET', `/api/reports/completions-over-time?from=2026-02-30`, { token: a.hrToken })).body.fields[0].field).toBe('from');
    expect((await api(t.url, 'GET', `/api/reports/completions-over-time?from=2000-01-01&to=2026-01-01&interval=week`, { token: a.hrToken })).status).toBe(400);
  });

  it('shows an auditor the same aggregates only with an active engagement, each read on the record', async () => {
    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: `Mitra ${a.code}` } });
    const auditorEmail = `auditor-${a.code}@mitra.test`;
    const auditor = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email: auditorEmail, name: 'Auditor' } });
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($1)) WHERE id = $2`, [a.hrEmail, auditor.body.id]);
    const auditorToken = await login(t.url, auditorEmail, PASSWORD);
    const path = `/api/organizations/${a.id}/reports/completion?groupBy=gender`;
    expect((await get(path, auditorToken)).status).toBe(404);

    const engagement = await api(t.url, 'POST', '/api/engagements', {
      token: adminToken,
      body: { partnerId: partner.body.id, organizationId: a.id, periodStart: addDays(today, -1), periodEnd: addDays(today, 30), scope: 'aggregate' },
    });
    expect(engagement.status).toBe(201);
    const seen = await get(path, auditorToken);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual((await get('/api/reports/completion?groupBy=gender')).body);
    // The same module filter as HR's, with the headline figure.
    const one = await get(`/api/organizations/${a.id}/reports/completion?groupBy=unit&module=${M2}`, auditorToken);
    expect(one.status).toBe(200);
    expect(one.body).toEqual((await get(`/api/reports/completion?groupBy=unit&module=${M2}`)).body);
    expectMatches(one.body, await expected(t.dataSource, a.id, 'unit', M2), (r) => r.groupId!);
    expect(one.body.some((r) => !r.suppressed && r.moduleCompletionRate !== null)).toBe(true);
    await t.app.get(AuditTrailService).sequenceNow();
    const reads: { actor_id: string; details: { path: string } }[] = await t.dataSource.query(
      `SELECT e.actor_id, e.details FROM audit_entries e JOIN audit_chain c ON c.entry_id = e.id
        WHERE e.organization_id = $1 AND c.chain_id = $1 AND e.action = 'auditor.read' AND e.target_id LIKE '%reports/completion'`,
      [a.id],
    );
    // One entry per read; the query has no order to rely on (the reads' order is not what is checked).
    expect(reads).toHaveLength(2);
    expect(reads).toEqual(
      expect.arrayContaining([
        { actor_id: auditor.body.id, details: expect.objectContaining({ path: `${path}` }) },
        { actor_id: auditor.body.id, details: expect.objectContaining({ path: `/api/organizations/${a.id}/reports/completion?groupBy=unit&module=${M2}` }) },
      ]),
    );
    // The named drill-down and the exports stay HR's.
    expect((await api(t.url, 'GET', '/api/reports/overdue', { token: auditorToken })).status).toBe(403);
    expect((await api(t.url, 'GET', '/api/reports/completion.csv?groupBy=unit', { token: auditorToken })).status).toBe(403);
  });

  it("gives another organisation's HR only its own numbers, and 404 on the first organisation's route", async () => {
    const own = await get('/api/reports/completion?groupBy=gender', b.hrToken);
    expect(own.body).toEqual([
      { group: 'female', assigned: 6, completed: 6, overdue: 0, completionRate: 1, moduleCompletionRate: 1, suppressed: false },
      { group: 'male', assigned: 0, completed: 0, overdue: 0, completionRate: null, moduleCompletionRate: null, suppressed: false },
      { group: 'not_stated', assigned: 0, completed: 0, overdue: 0, completionRate: null, moduleCompletionRate: null, suppressed: false },
    ]);
    expect((await get('/api/reports/completion?groupBy=unit', b.hrToken)).body.map((r) => r.group)).toEqual(['B Pusat']);
    expect((await get(`/api/organizations/${a.id}/reports/completion?groupBy=gender`, b.hrToken)).status).toBe(404);
    expect((await get(`/api/organizations/${b.id}/reports/completion?groupBy=gender`, b.hrToken)).body).toEqual(own.body);
  });

  it('answers 400 naming the field for a bad query, 403 for people who are not HR', async () => {
    const bad = await api(t.url, 'GET', '/api/reports/completion?groupBy=age', { token: a.hrToken });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('groupBy');
    const noModule = await api(t.url, 'GET', '/api/reports/completion?groupBy=gender&module=not-a-module', { token: a.hrToken });
    expect(noModule.status).toBe(400);
    expect(noModule.body.fields).toEqual([{ field: 'module', message: expect.stringContaining('modul yang aktif') }]);
    expect((await api(t.url, 'GET', '/api/reports/completion', { token: a.hrToken })).status).toBe(400);
    const [staff] = await t.dataSource.query(`SELECT email FROM users WHERE organization_id = $1 AND name = 'Orang 07'`, [a.id]);
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($1)) WHERE lower(email) = lower($2)`, [a.hrEmail, staff.email]);
    const staffToken = await login(t.url, staff.email, PASSWORD);
    expect((await api(t.url, 'GET', '/api/reports/completion?groupBy=gender', { token: staffToken })).status).toBe(403);
    expect((await api(t.url, 'GET', `/api/organizations/${a.id}/reports/completion?groupBy=gender`, { token: staffToken })).status).toBe(403);
  });

  it('follows changes to people, assignments and units at once, though it reuses unchanged results', async () => {
    for (const dim of ['gender', 'role', 'employmentType', 'module', 'unit'] as const) {
      for (const module of [null, M1]) await get(`/api/reports/completion?groupBy=${dim}${module ? `&module=${module}` : ''}`);
    }
    const repository = t.app.get(ReportingRepository);
    const read = repository.readAtSnapshot.bind(repository);
    let reads = 0;
    repository.readAtSnapshot = (...args) => {
      reads++;
      return read(...args);
    };
    const before = await get('/api/reports/completion?groupBy=unit');
    expect((await get('/api/reports/completion?groupBy=unit')).body).toEqual(before.body);
    expect(reads).toBe(0);
    const [person] = await t.dataSource.query(`SELECT id FROM users WHERE organization_id = $1 AND name = 'Orang 06'`, [a.id]);
    // A new, completed cycle of a module; a move to another unit, gender and role; a completion; a
    // deactivation; an exemption: every report follows at once.
    await t.dataSource.query(
      `INSERT INTO assignments (organization_id, user_id, module_slug, due_on, completed_at, module_version, expires_on)
       VALUES ($1, $2, $3, $4::date, now(), 'v-test', $5::date)`,
      [a.id, person.id, M1, addDays(today, 10), addDays(today, 365)],
    );
    await t.dataSource.query(`UPDATE users SET unit_id = $2, gender = 'not_stated', is_leader = true WHERE id = $1`, [person.id, unit.U3]);
    await t.dataSource.query(
      `UPDATE assignments SET completed_at = now(), module_version = 'v-test', expires_on = $2::date
        WHERE id = (SELECT id FROM assignments WHERE organization_id = $1 AND completed_at IS NULL AND due_on < $3::date AND exempted_at IS NULL ORDER BY id LIMIT 1)`,
      [a.id, addDays(today, 100), today],
    );
    await t.dataSource.query(`UPDATE users SET status = 'deactivated' WHERE organization_id = $1 AND name = 'Orang 10'`, [a.id]);
    await t.dataSource.query(`UPDATE assignments SET exempted_at = now(), exempt_reason = 'x' WHERE user_id = (SELECT id FROM users WHERE organization_id = $1 AND name = 'Orang 11') AND module_slug = $2`, [a.id, M2]);
    await t.dataSource.query(`UPDATE units SET name = 'U1b Seksi Baru' WHERE id = $1`, [unit.U1b]);
    expect((await get('/api/reports/completion?groupBy=unit')).body.map((r) => r.group)).toContain('U1b Seksi Baru');
    for (const dim of ['gender', 'role', 'employmentType', 'module', 'unit'] as const) {
      for (const module of [null, M1]) {
        const res = await get(`/api/reports/completion?groupBy=${dim}${module ? `&module=${module}` : ''}`);
        expectMatches(res.body, await expected(t.dataSource, a.id, dim, module), (r) => (dim === 'unit' || dim === 'module' ? r.groupId! : r.group));
      }
    }
    expect(reads).toBeGreaterThanOrEqual(10);
  });
  it('checks a kept report once for many concurrent requests, never with a check that ran before the request', async () => {
    const path = '/api/reports/completion?groupBy=gender';
    const before = await get(path, b.hrToken);
    expect(before.body.find((r) => r.group === 'female')).toMatchObject({ assigned: 6, suppressed: false });
    const repository = t.app.get(ReportingRepository);
    const real = repository.changedSince.bind(repository);
    let checks = 0;
    try {
      // Requests that arrive while a check runs share the next one: 1 + 1 checks for 11 requests.
      let open: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (open = resolve));
      let first = true;
      repository.changedSince = async (...args) => {
        checks++;
        const answer = await real(...args);
        if (first) {
          first = false;
          await held;
        }
        return answer;
      };
      // Counts the requests that reached the check, so that the first is released only when all have.
      const service = t.app.get(ReportingService) as unknown as { validate: (...args: unknown[]) => Promise<unknown> };
      const validate = service.validate.bind(service);
      let arrived = 0;
      service.validate = (...args) => {
        arrived++;
        return validate(...args);
      };
      const leading = get(path, b.hrToken);
      while (checks === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const waiting = Array.from({ length: 10 }, () => get(path, b.hrToken));
      while (arrived < 11) await new Promise((resolve) => setTimeout(resolve, 5));
      service.validate = validate;
      open();
      const many = await Promise.all([leading, ...waiting]);
      expect(many.map((r) => r.body)).toEqual(Array.from({ length: 11 }, () => before.body));
      expect(checks).toBe(2);

      // A check whose query ran before a change is held back until a request is sent after the change.
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let queried = false;
      repository.changedSince = async (...args) => {
        const answer = await real(...args);
        queried = true;
        await gate;
        return answer;
      };
      const early = get(path, b.hrToken);
      while (!queried) await new Promise((resolve) => setTimeout(resolve, 5));
      await t.dataSource.query(`UPDATE users SET gender = 'male' WHERE id = (SELECT id FROM users WHERE organization_id = $1 AND gender = 'female' ORDER BY id LIMIT 1)`, [b.id]);
      const late = get(path, b.hrToken);
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await early;
      const after = (await late).body;
      expectMatches(after, await expected(t.dataSource, b.id, 'gender'), (r) => r.group);
      // One man is a group under 5, and the women are hidden with him.
      expect(after.map((r) => [r.group, r.suppressed])).toEqual([['female', true], ['male', true], ['not_stated', false]]);
    } finally {
      repository.changedSince = real;
    }
  });

  it('publishes in the audit report exactly the numbers of the dashboard, empty and small groups alike', async () => {
    // C: 12 staff and no leader (an empty group, shown as 0 on the dashboard); D: 3 leaders beside
    // 10 staff (small, so leaders and staff are hidden together). Both have an empty unit and a unit of 3.
    const c = await onboardOrganization(t.url, adminToken);
    const d = await onboardOrganization(t.url, adminToken);
    const states: State[] = ['completed', 'overdue', 'open', 'expired'];
    for (const [org, leaders, staff] of [[c, 0, 12], [d, 3, 10]] as const) {
      const big = await addUnit(org.id, 'Besar', null);
      const small = await addUnit(org.id, 'Kecil', big);
      await addUnit(org.id, 'Kosong', big);
      for (let i = 0; i < leaders + staff; i++) {
        await addPerson(org.id, { unitId: i < 3 ? small : big, leader: i < leaders, gender: i % 2 ? 'female' : 'male', m1: states[i % 4], m2: i % 3 ? 'completed' : undefined });
      }
    }
    const audit = t.app.get(AuditReportsService);
    for (const org of [c, d]) {
      const dashboard = async (path: string) => (await api(t.url, 'GET', path, { token: org.hrToken })).body;
      const { leaders, staff, ...all } = await dashboard('/api/reports/summary');
      const report = { id: randomUUID(), organizationId: org.id, lang: 'en', periodStart: '2026-01-01', periodEnd: '2026-12-31', createdAt: new Date() } as unknown as ReportRow;
      const { numbers } = await audit.compose(report);
      expect(numbers.summary).toEqual({ all, leaders, staff });
      for (const groupBy of ['role', 'gender', 'employmentType', 'unit'] as const) {
        const rows: Row[] = await dashboard(`/api/reports/completion?groupBy=${groupBy}&lang=en`);
        const withoutGroup = (list: Row[]) => list.map(({ group: _group, ...rest }) => rest);
        expect({ groupBy, rows: withoutGroup(numbers.breakdowns[groupBy]) }).toEqual({ groupBy, rows: withoutGroup(rows) });
      }
    }
    const numbersOf = async (org: TestOrg) => {
      const report = { id: randomUUID(), organizationId: org.id, lang: 'en', periodStart: '2026-01-01', periodEnd: '2026-12-31', createdAt: new Date() } as unknown as ReportRow;
      return (await audit.compose(report)).numbers;
    };
    const cNumbers = await numbersOf(c);
    expect(cNumbers.summary.leaders).toEqual({ assigned: 0, completed: 0, overdue: 0, completionRate: null, moduleCompletionRate: null, suppressed: false });
    expect(cNumbers.summary.staff).toMatchObject({ assigned: 12, suppressed: false });
    expect(cNumbers.summary.all.moduleCompletionRate).toBeGreaterThan(0);
    const dNumbers = await numbersOf(d);
    expect([dNumbers.summary.all.suppressed, dNumbers.summary.leaders.suppressed, dNumbers.summary.staff.suppressed]).toEqual([false, true, true]);
    expect(dNumbers.breakdowns.unit.find((r) => r.group === 'Kecil')).toMatchObject({ suppressed: true, moduleCompletionRate: null });
    expect(dNumbers.breakdowns.unit.find((r) => r.group === 'Kosong')).toMatchObject({ assigned: 0, suppressed: false });

    // The signed report's numbers CSV states the same, cell for cell.
    const queued = await api(t.url, 'POST', `/api/organizations/${c.id}/audit-reports`, { token: c.hrToken, body: { periodStart: '2026-01-01', periodEnd: '2026-12-31', lang: 'en' } });
    expect(queued.status).toBe(202);
    let status = 'queued';
    for (let i = 0; i < 120 && (status === 'queued' || status === 'running'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const list = await api(t.url, 'GET', `/api/organizations/${c.id}/audit-reports`, { token: c.hrToken });
      status = list.body.find((r: { id: string }) => r.id === queued.body.id)?.status ?? status;
    }
    expect(status).toBe('done');
    const csv = await api(t.url, 'GET', `/api/audit-reports/${queued.body.id}/numbers.csv`, { token: c.hrToken });
    const records: Record<string, string>[] = parse(csv.body as string, { columns: true });
    const cell = (v: number | null) => (v === null ? '' : String(v));
    const rate = (v: number | null) => (v === null ? '' : v.toFixed(4));
    const asCsv = (section: string, group: string, r: Omit<Row, 'group'>) => ({
      section, group, assigned: cell(r.assigned), completed: cell(r.completed), overdue: cell(r.overdue),
      completionRate: rate(r.completionRate), moduleCompletionRate: rate(r.moduleCompletionRate), suppressed: String(r.suppressed),
    });
    const { leaders, staff, ...all } = (await api(t.url, 'GET', '/api/reports/summary', { token: c.hrToken })).body;
    expect(records.filter((r) => r['section'] === 'summary')).toEqual([asCsv('summary', 'all', all), asCsv('summary', 'leaders', leaders), asCsv('summary', 'staff', staff)]);
    const role: Row[] = (await api(t.url, 'GET', '/api/reports/completion?groupBy=role&lang=en', { token: c.hrToken })).body;
    expect(records.filter((r) => r['section'] === 'role')).toEqual(role.map((r) => asCsv('role', r.group === 'leaders' ? 'Leaders' : 'Staff', r)));
  });
  it('keeps the stored numbers out of the archive rows, and reads them for the numbers CSV and the trend', async () => {
    const org = await onboardOrganization(t.url, adminToken);
    const unit = await addUnit(org.id, 'Besar', null);
    for (let i = 0; i < 6; i++) await addPerson(org.id, { unitId: unit, gender: 'female', m1: i < 3 ? 'completed' : 'open' });
    const cell = (rate: number) => ({ assigned: 6, completed: 0, overdue: 0, completionRate: rate, moduleCompletionRate: rate, suppressed: false });
    const stored = { summary: { all: cell(0), leaders: cell(0), staff: cell(0) }, breakdowns: { unit: [{ group: 'Besar', ...cell(0) }] }, certificates: { issued: 0 } };
    const [previous] = await t.dataSource.query(
      `INSERT INTO audit_reports (organization_id, period_start, period_end, status, numbers, created_at)
       VALUES ($1, '2025-01-01', '2025-12-31', 'done', $2, now() - interval '1 day') RETURNING id`,
      [org.id, JSON.stringify(stored)],
    );
    // The archive is polled while a report is made: a large organisation's numbers are ~750 KB a report.
    const rows = await t.app.get(AuditReportsRepository).list(org.id);
    expect(rows.map((r) => r.id)).toEqual([previous.id]);
    expect(rows[0]).not.toHaveProperty('numbers');
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}/audit-reports`, { token: org.hrToken })).body[0]).not.toHaveProperty('numbers');

    const csv = await api(t.url, 'GET', `/api/audit-reports/${previous.id}/numbers.csv`, { token: org.hrToken });
    expect(csv.status).toBe(200);
    expect((csv.body as string).split('\n')).toContain('unit,Besar,6,0,0,0.0000,0.0000,false');

    const report = { id: randomUUID(), organizationId: org.id, lang: 'en', periodStart: '2026-01-01', periodEnd: '2026-12-31', createdAt: new Date() } as unknown as ReportRow;
    const { html, numbers } = await t.app.get(AuditReportsService).compose(report);
    const headline = numbers.summary.all.moduleCompletionRate;
    expect(headline).toBeGreaterThan(0);
    // The change in modules completed since the stored report (0 %), in percentage points.
    expect(html).toContain(`+${((headline ?? 0) * 100).toFixed(1)} pp`);
    expect(html).not.toContain('No earlier report to compare with.');
  });
  it('gives the demo a headline above 0 %, though few if any of its people finished all their modules', async () => {
    await t.app.get(DemoSeeder).seed();
    const token = await login(t.url, 'hr@demo.test', DEMO_PASSWORD);
    const summary = (await api(t.url, 'GET', '/api/reports/summary', { token })).body;
    // Independently of the reporting tables: the current assignments of the demo's active people.
    const [truth] = await t.dataSource.query(
      `WITH o AS (SELECT id, (now() AT TIME ZONE time_zone)::date AS today FROM organizations WHERE code = 'demo'),
       cur AS (
         SELECT DISTINCT ON (a.user_id, a.module_slug) a.completed_at, a.expires_on
           FROM assignments a JOIN o ON o.id = a.organization_id JOIN modules m ON m.slug = a.module_slug AND m.active
           JOIN users u ON u.id = a.user_id AND u.status = 'active'
          WHERE a.exempted_at IS NULL
          ORDER BY a.user_id, a.module_slug, a.assigned_at DESC, a.id DESC
       )
       SELECT count(*)::int AS modules,
              count(*) FILTER (WHERE completed_at IS NOT NULL AND (expires_on IS NULL OR expires_on > (SELECT today FROM o)))::int AS "modulesDone"
         FROM cur`,
    );
    expect(summary.moduleCompletionRate).toBe(truth.modulesDone / truth.modules);
    expect(summary.moduleCompletionRate).toBeGreaterThan(0.1);
    expect(summary.moduleCompletionRate).toBeGreaterThan(summary.completionRate);
  });
});
