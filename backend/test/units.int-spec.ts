import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

describe('HR unit tree', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    const adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    other = await onboardOrganization(t.url, adminToken);
  });
  afterAll(() => t.close());

  const createUnit = async (code: string, parentId?: string, token = org.hrToken) => {
    const res = await api(t.url, 'POST', '/api/units', { token, body: { code, name: `Unit ${code}`, parentId } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const auditActions = async (targetId: string) =>
    (await t.dataSource.query(`SELECT action FROM audit_entries WHERE target_id = $1 ORDER BY id`, [targetId])).map(
      (r: { action: string }) => r.action,
    );
  const addActivePerson = async (unitId: string) => {
    const res = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'Someone', unitId, employeeNumber: `N-${unitId.slice(0, 8)}-${Math.random()}` } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('creates units under a parent, refuses a code in use with 409 and writes audit entries', async () => {
    const root = await createUnit('ROOT');
    const child = await createUnit('CHILD', root);
    const tree = await api(t.url, 'GET', '/api/units', { token: org.hrToken });
    expect(tree.body).toEqual(
      expect.arrayContaining([
        { id: root, code: 'ROOT', name: 'Unit ROOT', parentId: null },
        { id: child, code: 'CHILD', name: 'Unit CHILD', parentId: root },
      ]),
    );
    const [row] = await t.dataSource.query(`SELECT path FROM units WHERE id = $1`, [child]);
    expect(row.path).toEqual([root, child]);
    const taken = await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: 'ROOT', name: 'Again' } });
    expect(taken.status).toBe(409);
    expect(taken.body.fields).toEqual([{ field: 'code', message: 'kode sudah dipakai' }]);
    // Codes are per organisation.
    await createUnit('ROOT', undefined, other.hrToken);
    const bad = await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: 'has space', name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'name']);
    await expect(auditActions(child)).resolves.toEqual(['unit.created']);
  });

  it('moves a unit with its whole subtree so rolled-up queries see its people under the new parent', async () => {
    const a = await createUnit('MOVE-A');
    const b = await createUnit('MOVE-B');
    const sub = await createUnit('MOVE-SUB', a);
    const leaf = await createUnit('MOVE-LEAF', sub);
    await addActivePerson(leaf);
    await addActivePerson(sub);
    const rolledUp = async (unitId: string) =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM users u JOIN units un ON un.id = u.unit_id WHERE un.path @> ARRAY[$1::uuid]`,
          [unitId],
        )
      )[0].n;
    await expect(rolledUp(a)).resolves.toBe(2);
    await expect(rolledUp(b)).resolves.toBe(0);

    const moved = await api(t.url, 'PATCH', `/api/units/${sub}`, { token: org.hrToken, body: { parentId: b, name: 'Renamed' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ id: sub, code: 'MOVE-SUB', name: 'Renamed', parentId: b });
    const paths = await t.dataSource.query(`SELECT id, path FROM units WHERE id = ANY($1::uuid[])`, [[sub, leaf]]);
    expect(Object.fromEntries(paths.map((p: { id: string; path: string[] }) => [p.id, p.path]))).toEqual({ [sub]: [b, sub], [leaf]: [b, sub, leaf] });
    await expect(rolledUp(a)).resolves.toBe(0);
    await expect(rolledUp(b)).resolves.toBe(2);
    const listed = await api(t.url, 'GET', `/api/users?unitId=${b}`, { token: org.hrToken });
    expect(listed.body.total).toBe(2);

    const toTop = await api(t.url, 'PATCH', `/api/units/${sub}`, { token: org.hrToken, body: { parentId: null } });
    expect(toTop.body.parentId).toBeNull();
    const [leafRow] = await t.dataSource.query(`SELECT path FROM units WHERE id = $1`, [leaf]);
    expect(leafRow.path).toEqual([sub, leaf]);
    await expect(auditActions(sub)).resolves.toEqual(['unit.created', 'unit.updated', 'unit.updated']);
  });

  it('refuses to move a unit under itself or one of its descendants', async () => {
    const top = await createUnit('CYC-TOP');
    const mid = await createUnit('CYC-MID', top);
    const low = await createUnit('CYC-LOW', mid);
    const self = await api(t.url, 'PATCH', `/api/units/${top}`, { token: org.hrToken, body: { parentId: top } });
    expect(self.status).toBe(409);
    const below = await api(t.url, 'PATCH', `/api/units/${top}`, { token: org.hrToken, body: { parentId: low } });
    expect(below.status).toBe(409);
    expect(below.body.message).toMatch(/sub-unitnya/);
    const [row] = await t.dataSource.query(`SELECT parent_id, path FROM units WHERE id = $1`, [top]);
    expect(row).toEqual({ parent_id: null, path: [top] });
  });

  it('archives a subtree only when nobody active is in it, naming how many are', async () => {
    const top = await createUnit('ARC-TOP');
    const sub = await createUnit('ARC-SUB', top);
    const person = await addActivePerson(sub);
    await addActivePerson(top);
    const refused = await api(t.url, 'POST', `/api/units/${top}/archive`, { token: org.hrToken });
    expect(refused.status).toBe(409);
    expect(refused.body.activePeople).toBe(2);
    expect(refused.body.message).toMatch(/^2 orang aktif/);
    const [still] = await t.dataSource.query(`SELECT archived_at FROM units WHERE id = $1`, [sub]);
    expect(still.archived_at).toBeNull();

    // Moving one out and deactivating the other empties it.
    const elsewhere = await createUnit('ARC-ELSEWHERE');
    expect((await api(t.url, 'PATCH', `/api/users/${person}`, { token: org.hrToken, body: { unitId: elsewhere } })).status).toBe(200);
    const [{ id: other }] = await t.dataSource.query(`SELECT id FROM users WHERE unit_id = $1`, [top]);
    expect((await api(t.url, 'POST', `/api/users/${other}/deactivate`, { token: org.hrToken })).status).toBe(200);
    const archived = await api(t.url, 'POST', `/api/units/${top}/archive`, { token: org.hrToken });
    expect(archived.status).toBe(200);
    expect(archived.body).toEqual({ id: top, archivedUnits: 2 });
    const tree = await api(t.url, 'GET', '/api/units', { token: org.hrToken });
    expect(tree.body.map((u: { id: string }) => u.id)).not.toContain(sub);
    expect((await api(t.url, 'PATCH', `/api/units/${top}`, { token: org.hrToken, body: { name: 'x' } })).status).toBe(409);
    expect((await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: 'ARC-NEW', name: 'x', parentId: sub } })).status).toBe(400);
    // A deactivated person of an archived unit must be moved before coming back.
    expect((await api(t.url, 'POST', `/api/users/${other}/reactivate`, { token: org.hrToken })).status).toBe(409);
    await expect(auditActions(top)).resolves.toEqual(['unit.created', 'unit.archived']);
  });

  it('answers 404 to another organisation’s HR and 403 to employees', async () => {
    const unit = await createUnit('PRIVATE');
    expect((await api(t.url, 'PATCH', `/api/units/${unit}`, { token: other.hrToken, body: { name: 'Stolen' } })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/units/${unit}/archive`, { token: other.hrToken })).status).toBe(404);
    const otherUnit = await createUnit('OTHER-PARENT', undefined, other.hrToken);
    const foreignParent = await api(t.url, 'PATCH', `/api/units/${unit}`, { token: org.hrToken, body: { parentId: otherUnit } });
    expect(foreignParent.status).toBe(400);
    expect(foreignParent.body.fields[0].field).toBe('parentId');
    const [row] = await t.dataSource.query(`SELECT name, parent_id FROM units WHERE id = $1`, [unit]);
    expect(row).toEqual({ name: 'Unit PRIVATE', parent_id: null });
  });

  describe('CSV import', () => {
    const importUnits = (csv: string, query = '', token = org.hrToken) =>
      api(t.url, 'POST', `/api/units/import${query}`, { token, raw: csv, headers: { 'content-type': 'text/csv' } });

    it('creates parents listed after their children, all or nothing, with one audit entry', async () => {
      const csv = 'code,name,parentCode\nIMP-LEAF,Leaf,IMP-MID\nIMP-MID,Middle,IMP-TOP\nIMP-TOP,Top,\n';
      const dry = await importUnits(csv, '?dryRun=true');
      expect(dry.body).toMatchObject({ created: 3, updated: 0, errors: [], written: false });
      await expect(t.dataSource.query(`SELECT 1 FROM units WHERE code = 'IMP-TOP'`)).resolves.toHaveLength(0);

      const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1`, [org.id]))[0].n;
      const res = await importUnits(csv);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, errors: [], written: true });
      const rows = await t.dataSource.query(
        `SELECT u.code, (SELECT array_agg(p.code ORDER BY array_position(u.path, p.id)) FROM units p WHERE p.id = ANY(u.path)) AS chain
           FROM units u WHERE u.organization_id = $1 AND u.code LIKE 'IMP-%' ORDER BY u.code`,
        [org.id],
      );
      expect(rows).toEqual([
        { code: 'IMP-LEAF', chain: ['IMP-TOP', 'IMP-MID', 'IMP-LEAF'] },
        { code: 'IMP-MID', chain: ['IMP-TOP', 'IMP-MID'] },
        { code: 'IMP-TOP', chain: ['IMP-TOP'] },
      ]);
      const after = await t.dataSource.query(`SELECT action, details FROM audit_entries WHERE organization_id = $1 ORDER BY id OFFSET $2`, [org.id, before]);
      expect(after).toEqual([{ action: 'units.imported', details: { created: 3, updated: 0, unchanged: 0 } }]);

      // Re-import moves IMP-MID to the top and renames it; its leaf follows.
      const again = await importUnits('code,name,parentCode\nIMP-MID,Middle 2,\nIMP-TOP,Top,\n');
      expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
      const [leaf] = await t.dataSource.query(
        `SELECT (SELECT array_agg(p.code ORDER BY array_position(u.path, p.id)) FROM units p WHERE p.id = ANY(u.path)) AS chain
           FROM units u WHERE u.organization_id = $1 AND u.code = 'IMP-LEAF'`,
        [org.id],
      );
      expect(leaf.chain).toEqual(['IMP-MID', 'IMP-LEAF']);
    });

    it('writes nothing when a line is bad, and reports cycles and unknown parents per line and field', async () => {
      const res = await importUnits('code,name,parentCode\nBAD-A,A,BAD-B\nBAD-B,B,BAD-A\nBAD-C,,NOWHERE\nBAD-OK,Fine,\n');
      expect(res.status).toBe(200);
      expect(res.body.written).toBe(false);
      expect(res.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
        [2, 'parentCode'],
        [3, 'parentCode'],
        [4, 'name'],
      ]);
      await expect(t.dataSource.query(`SELECT 1 FROM units WHERE organization_id = $1 AND code LIKE 'BAD-%'`, [org.id])).resolves.toHaveLength(0);
    });

    it('takes a multipart file and refuses what is not CSV', async () => {
      const form = new FormData();
      form.append('file', new Blob(['code,name\nMP-1,Multipart\n'], { type: 'text/csv' }), 'units.csv');
      const res = await fetch(`${t.url}/api/units/import`, { method: 'POST', headers: { authorization: `Bearer ${org.hrToken}` }, body: form });
      expect(res.status).toBe(200);
      await expect(res.json()).resolves.toMatchObject({ created: 1, written: true });
      const json = await api(t.url, 'POST', '/api/units/import', { token: org.hrToken, body: { code: 'X' } });
      expect(json.status).toBe(400);
      const noHeader = await importUnits('name\nOnly a name\n');
      expect(noHeader.status).toBe(400);
      expect(noHeader.body.fields).toEqual([{ field: 'code', message: 'kolom code tidak ada di baris judul' }]);
      const template = await fetch(`${t.url}/api/units/import/template.csv`, { headers: { authorization: `Bearer ${org.hrToken}` } });
      expect(template.headers.get('content-disposition')).toMatch(/^attachment/);
      expect((await template.text()).split('\r\n')[0]).toBe('code,name,parentCode');
    });
  });
});
