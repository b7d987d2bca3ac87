import ExcelJS from 'exceljs';
import { addAssignment, addDays, addEmployee, addUnit, orgToday } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

const EVERYONE = 'recognising-harassment';
const OTHER = 'power-relations';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** CSV records split into cells (RFC 4180: quoted cells may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return records;
}

describe('people export (CSV and XLSX, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let today: string;
  let titles: Record<string, { id: string; en: string }>;
  const units: Record<string, string> = {};

  const get = (path: string, token = org.hrToken) => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    today = await orgToday(t.dataSource, org.id);
    titles = Object.fromEntries((await t.dataSource.query(`SELECT slug, title FROM modules`)).map((m: { slug: string; title: { id: string; en: string } }) => [m.slug, m.title]));
    units['office'] = await addUnit(t.dataSource, org.id);
    units['desk'] = await addUnit(t.dataSource, org.id, units['office']);
    await t.dataSource.query(`UPDATE units SET name = 'Kantor Pusat' WHERE id = $1`, [units['office']]);
    await t.dataSource.query(`UPDATE units SET name = 'Meja Layanan' WHERE id = $1`, [units['desk']]);
    const ayu = await addEmployee(t.dataSource, org.id, { unitId: units['office'], name: 'Ayu Lestari', isLeader: true });
    await t.dataSource.query(`UPDATE users SET gender = 'female', employee_number = 'NIP-001' WHERE id = $1`, [ayu.id]);
    const done = await addAssignment(t.dataSource, org.id, ayu.id, EVERYONE, {
      dueOn: '2026-07-15',
      completedAt: '2026-06-30T20:00:00Z', // 1 July, 03:00 in Jakarta
      expiresOn: addDays(today, 300),
    });
    await t.dataSource.query(
      `INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, score, time_spent_seconds, completed_at)
       VALUES ($1, $2, $3, $4, 'v-test', 85, 600, '2026-06-30T20:00:00Z')`,
      [org.id, done, ayu.id, EVERYONE],
    );
    await addAssignment(t.dataSource, org.id, ayu.id, OTHER, { dueOn: addDays(today, -2) });
    const budi = await addEmployee(t.dataSource, org.id, { unitId: units['desk'], name: 'Budi Santoso', employmentType: 'contract' });
    await t.dataSource.query(`UPDATE users SET gender = 'male' WHERE id = $1`, [budi.id]);
    await addAssignment(t.dataSource, org.id, budi.id, EVERYONE, { dueOn: addDays(today, 10) });
    await addAssignment(t.dataSource, org.id, budi.id, OTHER, { dueOn: addDays(today, 10), exempted: true });
    await addEmployee(t.dataSource, org.id, { unitId: units['desk'], name: '=HYPERLINK("http://evil.test","Klik")' });
    await addEmployee(t.dataSource, org.id, { unitId: units['desk'], name: 'Zed Gone', status: 'deactivated' });
  });
  afterAll(() => t.close());

  it('writes one row per person and current assignment, in Indonesian for an Indonesian reader, without ids or slugs', async () => {
    const res = await get('/api/reports/people.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="aman-pelatihan-per-orang-${today}.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    // The byte-order mark, so spreadsheet programs read UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain(EVERYONE);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['Nomor pegawai', 'Nama', 'Unit', 'Jabatan', 'Jenis kelamin', 'Status kepegawaian', 'Modul', 'Status', 'Batas waktu', 'Tanggal selesai', 'Nilai', 'Versi modul']);
    // Sorted by name; the deactivated person is left out; the exempted assignment is not current.
    const names = rows.map((r) => r[1]).filter((n) => !n.includes('HYPERLINK'));
    // The HR admin is a person of the organisation too, with nothing assigned.
    expect(names).toEqual(['Ayu Lestari', 'Ayu Lestari', 'Budi Santoso', 'HR Admin']);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r[1] === 'Budi Santoso')).toEqual(['', 'Budi Santoso', 'Meja Layanan', 'Staf', 'Laki-laki', 'Kontrak', titles[EVERYONE].id, 'Belum dimulai', addDays(today, 10), '', '', '']);
    expect(rows.filter((r) => r[1] === 'Ayu Lestari')).toEqual([
      ['NIP-001', 'Ayu Lestari', 'Kantor Pusat', 'Pimpinan', 'Perempuan', 'Tetap', titles[EVERYONE].id, 'Selesai', '2026-07-15', '2026-07-01', '85', 'v-test'],
      ['NIP-001', 'Ayu Lestari', 'Kantor Pusat', 'Pimpinan', 'Perempuan', 'Tetap', titles[OTHER].id, 'Lewat tenggat', addDays(today, -2), '', '', ''],
    ]);
    // A formula in a name is written as text.
    expect(rows.find((r) => r[1].includes('HYPERLINK'))).toEqual([
      '', "'=HYPERLINK(\"http://evil.test\",\"Klik\")", 'Meja Layanan', 'Staf', 'Tidak disebutkan', 'Tetap', '', 'Tidak ada penugasan', '', '', '', '',
    ]);
    const [entry] = await t.dataSource.query(
      `SELECT details FROM audit_entries WHERE organization_id = $1 AND action = 'report.exported' ORDER BY id DESC LIMIT 1`,
      [org.id],
    );
    expect(entry.details).toMatchObject({ format: 'csv', module: null, unitId: null, status: null });
  });

  it('writes English with ?lang=en and filters by module, status and unit subtree', async () => {
    const english = parseCsv(await (await get(`/api/reports/people.csv?lang=en&module=${OTHER}`)).text());
    expect(english[0].slice(0, 4)).toEqual(['Employee number', 'Name', 'Unit', 'Position']);
    expect(english.slice(1)).toEqual([
      ['NIP-001', 'Ayu Lestari', 'Kantor Pusat', 'Leader', 'Female', 'Permanent', titles[OTHER].en, 'Overdue', addDays(today, -2), '', '', ''],
    ]);
    const overdue = parseCsv(await (await get('/api/reports/people.csv?status=not_started')).text());
    expect(overdue.slice(1).map((r) => r[1])).toEqual(['Budi Santoso']);
    const desk = parseCsv(await (await get(`/api/reports/people.csv?unitId=${units['desk']}`)).text());
    expect(desk.slice(1).map((r) => r[1]).sort()).toEqual(["'=HYPERLINK(\"http://evil.test\",\"Klik\")", 'Budi Santoso']);
    const office = parseCsv(await (await get(`/api/reports/people.csv?unitId=${units['office']}&status=none`)).text());
    expect(office.slice(1).map((r) => r[1])).toEqual(["'=HYPERLINK(\"http://evil.test\",\"Klik\")"]);
  });

  it('writes the same rows as a workbook with dates as dates and scores as numbers', async () => {
    const res = await get('/api/reports/people.xlsx?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Training per person');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Employee number', 'Name', 'Unit', 'Position', 'Gender', 'Employment type', 'Module', 'Status', 'Due date', 'Completed on', 'Score', 'Module version',
    ]);
    const rowOf = (name: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) if (String(sheet.getRow(i).getCell(2).value).includes(name)) return sheet.getRow(i);
      throw new Error(`no row for ${name}`);
    };
    const ayu = rowOf('Ayu Lestari').values as unknown[];
    expect(ayu.slice(1)).toEqual([
      'NIP-001', 'Ayu Lestari', 'Kantor Pusat', 'Leader', 'Female', 'Permanent', titles[EVERYONE].en, 'Completed',
      new Date('2026-07-15T00:00:00Z'), new Date('2026-07-01T00:00:00Z'), 85, 'v-test',
    ]);
    expect(rowOf('HYPERLINK').getCell(2).value).toBe("'=HYPERLINK(\"http://evil.test\",\"Klik\")");
    expect(sheet.rowCount).toBe(6);
  });

  it('streams an organisation larger than one cursor batch completely and in order', async () => {
    const big = await onboardOrganization(t.url, await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD));
    const unit = await addUnit(t.dataSource, big.id);
    await t.dataSource.query(
      `INSERT INTO users (organization_id, email, name, unit_id, employee_number)
       SELECT $1, 'bulk-' || gen_random_uuid()::text || '@org.test', 'Orang ' || lpad(g::text, 5, '0'), $2, 'E' || g FROM generate_series(1, 4500) g`,
      [big.id, unit],
    );
    await t.dataSource.query(
      `INSERT INTO assignments (organization_id, user_id, module_slug, due_on)
       SELECT $1, id, $2, current_date + 30 FROM users WHERE organization_id = $1 AND name LIKE 'Orang %'`,
      [big.id, EVERYONE],
    );
    const rows = parseCsv(await (await get('/api/reports/people.csv', big.hrToken)).text()).slice(1);
    const bulk = rows.filter((r) => r[1].startsWith('Orang '));
    expect(bulk).toHaveLength(4500);
    expect(bulk[0][1]).toBe('Orang 00001');
    expect(bulk[4499][1]).toBe('Orang 04500');
    expect(new Set(bulk.map((r) => r[1])).size).toBe(4500);
  });

  it('refuses bad filters with 400 naming the field, and anyone but HR', async () => {
    for (const [query, field] of [['?module=nope', 'module'], ['?module=Bad%20Slug', 'module'], ['?status=late', 'status'], ['?unitId=x', 'unitId'], [`?unitId=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`, 'unitId'], ['?lang=fr', 'lang']]) {
      const res = await api(t.url, 'GET', `/api/reports/people.csv${query}`, { token: org.hrToken });
      expect([res.status, res.body.message]).toEqual([400, expect.stringContaining(field)]);
    }
    const staff = await addEmployee(t.dataSource, org.id, { unitId: units['desk'], name: 'Staff Only' });
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($2)) WHERE id = $1`, [staff.id, org.hrEmail]);
    const token = await login(t.url, staff.email, PASSWORD);
    expect((await get('/api/reports/people.xlsx', token)).status).toBe(403);
  });
});
