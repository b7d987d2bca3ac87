import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { addAssignment, addEmployee, addUnit } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

const run = promisify(execFile);
const EVERYONE = 'recognising-harassment';
const OTHER = 'power-relations';

describe('bulk certificate download for a unit (real PostgreSQL, real unzip)', () => {
  let t: TestApp;
  let org: TestOrg;
  let dir: string;
  const units: Record<string, string> = {};

  /** A certificate with a stored PDF (its bytes stand for a rendered one), straight in SQL. */
  async function certificate(
    person: { id: string },
    slug: string,
    o: { issuedAt?: string; revoked?: boolean; rendered?: boolean; organizationId?: string } = {},
  ): Promise<{ serial: string; pdf: Buffer }> {
    const organizationId = o.organizationId ?? org.id;
    const issuedAt = o.issuedAt ?? '2026-03-01T03:00:00Z';
    const assignment = await addAssignment(t.dataSource, organizationId, person.id, slug, { dueOn: '2099-01-01', completedAt: issuedAt, expiresOn: '2099-01-01' });
    const [completion] = await t.dataSource.query(
      `INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, score, time_spent_seconds, completed_at)
       VALUES ($1, $2, $3, $4, 'v-test', 90, 600, $5) RETURNING id`,
      [organizationId, assignment, person.id, slug, issuedAt],
    );
    const serial = unique('AMN').toUpperCase();
    const pdf = Buffer.from(`%PDF-1.7 certificate ${serial}\n%%EOF\n`);
    await t.dataSource.query(
      `INSERT INTO certificates (serial, organization_id, user_id, completion_id, assignment_id, module_slug, module_version, module_title,
                                 holder_name, locale, issued_at, expires_on, pdf, sha256, rendered_at, revoked_at)
       SELECT $1, $2, u.id, $3, $4, $5, 'v-test', '{"id":"Judul","en":"Title"}', u.name, 'id', $6, '2099-01-01',
              CASE WHEN $8 THEN $7::bytea END, CASE WHEN $8 THEN 'x' END, CASE WHEN $8 THEN now() END, CASE WHEN $9 THEN now() END
         FROM users u WHERE u.id = $10`,
      [serial, organizationId, completion.id, assignment, slug, issuedAt, pdf, o.rendered ?? true, o.revoked ?? false, person.id],
    );
    return { serial, pdf };
  }

  async function download(query: string, token = org.hrToken): Promise<{ status: number; headers: Headers; file: string }> {
    const res = await fetch(`${t.url}/api/certificates/bulk.zip${query}`, { headers: { authorization: `Bearer ${token}` } });
    const file = join(dir, `${unique('bulk')}.zip`);
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    return { status: res.status, headers: res.headers, file };
  }

  const entries = async (file: string) => (await run('unzip', ['-Z1', file])).stdout.split('\n').filter(Boolean).sort();
  const entry = async (file: string, name: string) =>
    (await run('unzip', ['-p', file, name], { encoding: 'buffer', maxBuffer: 10 * 1024 * 1024 })).stdout as unknown as Buffer;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'aman-bulk-zip-'));
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    units['division'] = await addUnit(t.dataSource, org.id);
    units['section'] = await addUnit(t.dataSource, org.id, units['division']);
    units['elsewhere'] = await addUnit(t.dataSource, org.id);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams the stored PDFs of the unit and its sub-units, named by employee number or name and module', async () => {
    const ayu = await addEmployee(t.dataSource, org.id, { unitId: units['division'], name: 'Ayu Lestari' });
    await t.dataSource.query(`UPDATE users SET employee_number = '1987/03-15' WHERE id = $1`, [ayu.id]);
    const siti = await addEmployee(t.dataSource, org.id, { unitId: units['section'], name: "Siti Nur'aini Pérez" });
    const oka = await addEmployee(t.dataSource, org.id, { unitId: units['elsewhere'], name: 'Oka Elsewhere' });
    const first = await certificate(ayu, EVERYONE, { issuedAt: '2025-03-01T03:00:00Z' });
    const again = await certificate(ayu, EVERYONE, { issuedAt: '2026-03-01T03:00:00Z' });
    const sitis = await certificate(siti, OTHER);
    await certificate(siti, EVERYONE, { revoked: true });
    await certificate(siti, 'online-violence', { rendered: false });
    await certificate(oka, EVERYONE);

    const res = await download(`?unitId=${units['division']}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="aman-certificates-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(res.headers.get('x-certificates-pending')).toBe('1');
    const names = await entries(res.file);
    expect(names).toEqual(
      ['1987-03-15_recognising-harassment.pdf', '1987-03-15_recognising-harassment_2026-03-01.pdf', 'Siti-Nur-aini-Perez_power-relations.pdf'].sort(),
    );
    // The first certificate keeps the plain name; the later one of the same module gets its issue date.
    expect((await entry(res.file, '1987-03-15_recognising-harassment.pdf')).equals(first.pdf)).toBe(true);
    expect((await entry(res.file, '1987-03-15_recognising-harassment_2026-03-01.pdf')).equals(again.pdf)).toBe(true);
    expect((await entry(res.file, 'Siti-Nur-aini-Perez_power-relations.pdf')).equals(sitis.pdf)).toBe(true);
    // The archive is whole (unzip's own check of every entry's CRC).
    await expect(run('unzip', ['-tq', res.file])).resolves.toMatchObject({ stdout: expect.stringContaining('No errors') });

    const section = await download(`?unitId=${units['section']}`);
    expect(await entries(section.file)).toEqual(['Siti-Nur-aini-Perez_power-relations.pdf']);
    const [trail] = await t.dataSource.query(
      `SELECT details FROM audit_entries WHERE organization_id = $1 AND action = 'certificates.bulk_downloaded' AND target_id = $2`,
      [org.id, units['division']],
    );
    expect(trail.details).toEqual({ unitId: units['division'], pending: 1 });
  });

  it('streams more certificates than one batch', async () => {
    const unit = await addUnit(t.dataSource, org.id);
    const expected: string[] = [];
    for (let i = 0; i < 30; i++) {
      const p = await addEmployee(t.dataSource, org.id, { unitId: unit, name: `Orang ${String(i).padStart(2, '0')}` });
      await certificate(p, EVERYONE);
      expected.push(`Orang-${String(i).padStart(2, '0')}_recognising-harassment.pdf`);
    }
    const res = await download(`?unitId=${unit}`);
    expect(await entries(res.file)).toEqual(expected.sort());
  });

  it('answers an empty archive for a unit without certificates, 400 naming unitId for a bad or foreign unit, 403 to non-HR', async () => {
    const empty = await download(`?unitId=${await addUnit(t.dataSource, org.id)}`);
    expect(empty.status).toBe(200);
    const listing = await run('unzip', ['-Z1', empty.file]).catch((error: { stdout: string }) => error);
    expect(listing.stdout).toContain('Empty zipfile');

    const other = await onboardOrganization(t.url, await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD));
    const foreign = await addUnit(t.dataSource, other.id);
    for (const query of ['', '?unitId=x', `?unitId=${foreign}`]) {
      const res = await api(t.url, 'GET', `/api/certificates/bulk.zip${query}`, { token: org.hrToken });
      expect([res.status, res.body.message]).toEqual([400, expect.stringContaining('unitId')]);
    }
    const staff = await addEmployee(t.dataSource, org.id, { unitId: units['division'] });
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($2)) WHERE id = $1`, [staff.id, org.hrEmail]);
    expect((await download(`?unitId=${units['division']}`, await login(t.url, staff.email, PASSWORD))).status).toBe(403);
  });
});
