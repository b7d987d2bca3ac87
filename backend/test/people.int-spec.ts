import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

const HEADER = 'email,name,employeeNumber,unitCode,isLeader,gender,employmentType,hireDate,locale';

describe('HR people', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let unitId: string;
  let unitCode: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    const adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    other = await onboardOrganization(t.url, adminToken);
    unitCode = 'PEOPLE-HQ';
    const unit = await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: unitCode, name: 'Head office' } });
    unitId = unit.body.id;
    await api(t.url, 'POST', '/api/units', { token: other.hrToken, body: { code: unitCode, name: 'Other head office' } });
  });
  afterAll(() => t.close());

  const email = (prefix: string) => `${unique(prefix)}@people.test`;
  const importCsv = (csv: string, query = '', token = org.hrToken) =>
    api(t.url, 'POST', `/api/users/import${query}`, { token, raw: csv, headers: { 'content-type': 'text/csv' } });
  const auditCount = async (organizationId: string, action: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1 AND action = $2`, [organizationId, action]))[0].n;
  const byNumber = async (employeeNumber: string, organizationId = org.id) =>
    (await t.dataSource.query(`SELECT * FROM users WHERE organization_id = $1 AND employee_number = $2`, [organizationId, employeeNumber]))[0];

  describe('one at a time', () => {
    it('creates a person with an invitation in the outbox and an audit entry without personal data', async () => {
      const address = email('new');
      const res = await api(t.url, 'POST', '/api/users', {
        token: org.hrToken,
        body: { email: address, name: 'Ayu Lestari', employeeNumber: 'P-1', unitCode, isLeader: true, gender: 'female', employmentType: 'intern', hireDate: '2024-07-01', locale: 'en' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        email: address,
        name: 'Ayu Lestari',
        employeeNumber: 'P-1',
        unitId,
        unitCode,
        isLeader: true,
        leaderSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        gender: 'female',
        employmentType: 'intern',
        hireDate: '2024-07-01',
        locale: 'en',
        roles: ['employee'],
        status: 'active',
      });
      const mails = await t.dataSource.query(`SELECT subject, kind FROM outbox_messages WHERE to_address = $1`, [address]);
      expect(mails).toEqual([{ subject: 'Aman: set your password', kind: 'password_set' }]);
      const [token] = await t.dataSource.query(`SELECT purpose FROM password_tokens WHERE user_id = $1`, [res.body.id]);
      expect(token.purpose).toBe('set');
      const [entry] = await t.dataSource.query(`SELECT action, actor_id, details FROM audit_entries WHERE target_id = $1`, [res.body.id]);
      expect(entry).toMatchObject({ action: 'user.created', details: { unitId, invited: true } });
      expect(JSON.stringify(entry.details)).not.toContain('Ayu');

      const got = await api(t.url, 'GET', `/api/users/${res.body.id}`, { token: org.hrToken });
      expect(got.body).toEqual(res.body);
    });

    it('refuses an email taken anywhere with the neutral message, and a taken employee number', async () => {
      const taken = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { email: other.hrEmail.toUpperCase(), name: 'X', unitCode } });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toBe('Alamat email ini tidak dapat dipakai');
      const own = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { email: org.hrEmail, name: 'X', unitCode } });
      expect(own.body.message).toBe('Alamat email ini tidak dapat dipakai');
      const number = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'X', employeeNumber: 'P-1', unitId } });
      expect(number.status).toBe(409);
      expect(number.body.fields[0].field).toBe('employeeNumber');
      const noUnit = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'X' } });
      expect(noUnit.status).toBe(400);
      const foreignUnit = await api(t.url, 'POST', '/api/users', {
        token: org.hrToken,
        body: { name: 'X', unitId: (await t.dataSource.query(`SELECT id FROM units WHERE organization_id = $1`, [other.id]))[0].id },
      });
      expect(foreignUnit.status).toBe(400);
      expect(foreignUnit.body.fields).toEqual([{ field: 'unitId', message: expect.stringMatching(/tidak ada unit/) }]);
      const bad = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'X', unitCode, gender: 'x', hireDate: '2023-02-30', email: 'nope' } });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'gender', 'hireDate']);
    });

    it('edits a person: becoming a leader sets leaderSince, the audit entry names changed fields only', async () => {
      const created = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'Budi Santoso', employeeNumber: 'P-2', unitCode } });
      expect(created.body.leaderSince).toBeNull();
      const id = created.body.id;
      const unit2 = await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: 'PEOPLE-BRANCH', name: 'Branch' } });
      const res = await api(t.url, 'PATCH', `/api/users/${id}`, {
        token: org.hrToken,
        body: { isLeader: true, unitCode: 'PEOPLE-BRANCH', name: 'Budi Santoso', gender: 'male', hireDate: null },
      });
      expect(res.status).toBe(200);
      const [{ today }] = await t.dataSource.query(`SELECT to_char((now() AT TIME ZONE 'Asia/Jakarta')::date, 'YYYY-MM-DD') AS today`);
      expect(res.body).toMatchObject({ isLeader: true, leaderSince: today, unitId: unit2.body.id, gender: 'male' });
      const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE target_id = $1 AND action = 'user.updated'`, [id]);
      expect(entry.details).toEqual({ changed: ['unitId', 'isLeader', 'gender'] });
      // Adding an address to someone who never had one invites them.
      const address = email('later');
      const withEmail = await api(t.url, 'PATCH', `/api/users/${id}`, { token: org.hrToken, body: { email: address } });
      expect(withEmail.body.email).toBe(address);
      await expect(t.dataSource.query(`SELECT 1 FROM outbox_messages WHERE to_address = $1`, [address])).resolves.toHaveLength(1);
      const staff = await api(t.url, 'PATCH', `/api/users/${id}`, { token: org.hrToken, body: { isLeader: false } });
      expect(staff.body.leaderSince).toBeNull();
      const taken = await api(t.url, 'PATCH', `/api/users/${id}`, { token: org.hrToken, body: { email: other.hrEmail } });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toBe('Alamat email ini tidak dapat dipakai');
      const nullName = await api(t.url, 'PATCH', `/api/users/${id}`, { token: org.hrToken, body: { name: null } });
      expect(nullName.status).toBe(400);
    });

    it('deactivates (ending sessions, out of the default list) and reactivates; never oneself', async () => {
      const address = email('leaver');
      const created = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { email: address, name: 'Citra Leaver', employeeNumber: 'P-3', unitCode } });
      const id = created.body.id;
      await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($1)) WHERE id = $2`, [org.hrEmail, id]);
      const token = await login(t.url, address, PASSWORD);
      expect((await api(t.url, 'GET', '/api/me', { token })).status).toBe(200);

      const res = await api(t.url, 'POST', `/api/users/${id}/deactivate`, { token: org.hrToken });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'deactivated', deactivatedAt: expect.any(String) });
      expect((await api(t.url, 'GET', '/api/me', { token })).status).toBe(401);
      const active = await api(t.url, 'GET', '/api/users?q=Citra%20Leaver', { token: org.hrToken });
      expect(active.body.total).toBe(0);
      const deactivated = await api(t.url, 'GET', '/api/users?q=Citra%20Leaver&status=deactivated', { token: org.hrToken });
      expect(deactivated.body.items.map((p: { id: string }) => p.id)).toEqual([id]);

      const back = await api(t.url, 'POST', `/api/users/${id}/reactivate`, { token: org.hrToken });
      expect(back.body).toMatchObject({ status: 'active', deactivatedAt: null });
      const actions = (await t.dataSource.query(`SELECT action FROM audit_entries WHERE target_id = $1 ORDER BY id`, [id])).map((r: { action: string }) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.deactivated', 'user.reactivated']));

      const [me] = await t.dataSource.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [org.hrEmail]);
      const self = await api(t.url, 'POST', `/api/users/${me.id}/deactivate`, { token: org.hrToken });
      expect(self.status).toBe(409);
    });

    it('filters the list by leader and employment type', async () => {
      await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'Filter Leader', employeeNumber: 'F-1', unitCode, isLeader: true, employmentType: 'volunteer' } });
      await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'Filter Staff', employeeNumber: 'F-2', unitCode, employmentType: 'volunteer' } });
      const leaders = await api(t.url, 'GET', '/api/users?q=Filter&isLeader=true', { token: org.hrToken });
      expect(leaders.body.items.map((p: { name: string }) => p.name)).toEqual(['Filter Leader']);
      const volunteers = await api(t.url, 'GET', '/api/users?q=Filter&employmentType=volunteer&isLeader=false', { token: org.hrToken });
      expect(volunteers.body.items.map((p: { name: string }) => p.name)).toEqual(['Filter Staff']);
      const bad = await api(t.url, 'GET', '/api/users?isLeader=maybe&employmentType=x', { token: org.hrToken });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['employmentType', 'isLeader']);
    });

    it('answers 404 to another organisation’s HR for GET, PATCH and deactivate', async () => {
      const created = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'Private Person', employeeNumber: 'P-4', unitCode } });
      const id = created.body.id;
      expect((await api(t.url, 'GET', `/api/users/${id}`, { token: other.hrToken })).status).toBe(404);
      expect((await api(t.url, 'PATCH', `/api/users/${id}`, { token: other.hrToken, body: { name: 'Stolen' } })).status).toBe(404);
      expect((await api(t.url, 'POST', `/api/users/${id}/deactivate`, { token: other.hrToken })).status).toBe(404);
      const [row] = await t.dataSource.query(`SELECT name, status FROM users WHERE id = $1`, [id]);
      expect(row).toEqual({ name: 'Private Person', status: 'active' });
      expect((await api(t.url, 'GET', '/api/users/not-a-uuid', { token: org.hrToken })).status).toBe(400);
    });
  });

  describe('CSV import', () => {
    it('dry run counts and writes nothing', async () => {
      const csv = `${HEADER}\n${email('dry')},Dry Run,D-1,${unitCode},false,female,permanent,2020-01-01,id\n`;
      const res = await importCsv(csv, '?dryRun=true');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 0, errors: [], errorCount: 0, written: false });
      await expect(byNumber('D-1')).resolves.toBeUndefined();
    });

    it('writes nothing when one line is bad, naming its line and field; skipInvalid writes the good lines', async () => {
      const csv = [
        HEADER,
        `${email('ok')},Good One,B-1,${unitCode},false,female,permanent,2020-01-01,id`,
        `${email('ok')},Bad Unit,B-2,NO-SUCH-UNIT,false,male,contract,2020-01-01,`,
        `${email('ok')},Good Two,B-3,${unitCode},true,,,,`,
        `,Bad Date,B-4,${unitCode},false,male,contract,2020-02-31,en`,
      ].join('\n');
      const refused = await importCsv(csv);
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ created: 0, updated: 0, skipped: 2, written: false });
      expect(refused.body.errors).toEqual([
        { line: 3, field: 'unitCode', message: 'tidak ada unit NO-SUCH-UNIT di organisasi Anda' },
        { line: 5, field: 'hireDate', message: 'hireDate harus berupa tanggal dengan format YYYY-MM-DD' },
      ]);
      await expect(byNumber('B-1')).resolves.toBeUndefined();

      const skipped = await importCsv(csv, '?skipInvalid=true');
      expect(skipped.body).toMatchObject({ created: 2, updated: 0, skipped: 2, written: true });
      expect(skipped.body.errors).toHaveLength(2);
      await expect(byNumber('B-1')).resolves.toMatchObject({ name: 'Good One', gender: 'female' });
      await expect(byNumber('B-3')).resolves.toMatchObject({ is_leader: true, gender: 'not_stated', employment_type: 'permanent', locale: 'id' });
      await expect(byNumber('B-2')).resolves.toBeUndefined();
    });

    it('upserts by employee number, else by email, with one audit entry and no mail to anyone', async () => {
      const known = email('known');
      const fresh = [email('fresh'), email('fresh')];
      const first = await importCsv(
        [HEADER, `${known},Dewi Before,U-1,${unitCode},false,female,permanent,2019-05-01,id`, `${fresh[0]},Eko,U-2,${unitCode},false,male,permanent,,`].join('\n'),
      );
      expect(first.body).toMatchObject({ created: 2, updated: 0, written: true });
      const before = await auditCount(org.id, 'people.imported');
      const tokensBefore = (await t.dataSource.query(`SELECT count(*)::int AS n FROM password_tokens t JOIN users u ON u.id = t.user_id WHERE u.organization_id = $1`, [org.id]))[0].n;

      const res = await importCsv(
        [
          'employeeNumber,name,email,unitCode,isLeader,gender,employmentType,hireDate', // another column order, no locale
          `U-1,Dewi After,,${unitCode},true,,,`, // by number; blank cells keep what she has
          `,Eko Renumbered,${fresh[0].toUpperCase()},${unitCode},false,male,permanent,`, // by email (any case)
          `U-3,Fajar,${fresh[1]},${unitCode},false,male,contract,2025-01-06`,
        ].join('\n'),
      );
      expect(res.body).toEqual({ created: 1, updated: 2, unchanged: 0, skipped: 0, errors: [], errorCount: 0, written: true });
      const dewi = await byNumber('U-1');
      expect(dewi).toMatchObject({ name: 'Dewi After', email: known, gender: 'female', is_leader: true });
      expect(dewi.leader_since).not.toBeNull();
      await expect(byNumber('U-2')).resolves.toMatchObject({ name: 'Eko Renumbered' });
      await expect(auditCount(org.id, 'people.imported')).resolves.toBe(before + 1);
      const [entry] = await t.dataSource.query(
        `SELECT actor_id, details FROM audit_entries WHERE organization_id = $1 AND action = 'people.imported' ORDER BY id DESC LIMIT 1`,
        [org.id],
      );
      expect(entry.details).toEqual({ created: 1, updated: 2, unchanged: 0, skipped: 0 });
      // HR invites when ready (POST /api/people/invitations): the import makes no link and no mail.
      const tokensAfter = (await t.dataSource.query(`SELECT count(*)::int AS n FROM password_tokens t JOIN users u ON u.id = t.user_id WHERE u.organization_id = $1`, [org.id]))[0].n;
      expect(tokensAfter).toBe(tokensBefore);
      const mails = await t.dataSource.query(`SELECT 1 FROM outbox_messages WHERE to_address = ANY($1)`, [fresh]);
      expect(mails).toEqual([]);

      const same = await importCsv([HEADER, `${known},Dewi After,U-1,${unitCode},true,female,permanent,2019-05-01,id`].join('\n'));
      expect(same.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    });

    it('gives an email of another organisation the same neutral message as any unusable email', async () => {
      const res = await importCsv(
        [
          HEADER,
          `${other.hrEmail},Intruder,X-1,${unitCode},false,female,permanent,,`,
          `${org.hrEmail},Clash,P-1,${unitCode},false,female,permanent,,`, // P-1 is Ayu; the address is HR's
          `dup@people.test,Twice,X-3,${unitCode},false,female,permanent,,`,
          `DUP@people.test,Twice Again,X-3,${unitCode},false,female,permanent,,`,
        ].join('\n'),
      );
      expect(res.body.written).toBe(false);
      expect(res.body.errors).toEqual([
        { line: 2, field: 'email', message: 'Alamat email ini tidak dapat dipakai' },
        { line: 3, field: 'email', message: 'email sudah dipakai orang lain di organisasi Anda' },
        { line: 5, field: 'employeeNumber', message: 'employeeNumber X-3 sudah ada di baris 4' },
        { line: 5, field: 'email', message: 'email ini sudah ada di baris 4' },
      ]);
      const [otherHr] = await t.dataSource.query(`SELECT name, organization_id FROM users WHERE lower(email) = lower($1)`, [other.hrEmail]);
      expect(otherHr).toEqual({ name: 'HR Admin', organization_id: other.id });
    });

    it('reports unknown columns on line 1 and answers 400 for a missing column or a body that is not CSV', async () => {
      const unknown = await importCsv(`${HEADER},shoeSize\n,Someone,Z-1,${unitCode},false,female,permanent,,,44\n`, '?skipInvalid=true');
      expect(unknown.status).toBe(200);
      expect(unknown.body).toMatchObject({ written: false, errors: [{ line: 1, field: 'shoeSize', message: expect.stringMatching(/kolom "shoeSize" tidak dikenal/) }] });
      await expect(byNumber('Z-1')).resolves.toBeUndefined();

      const missing = await importCsv('email,name\nx@y.id,X\n');
      expect(missing.status).toBe(400);
      expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['employeeNumber', 'unitCode', 'isLeader', 'gender', 'employmentType', 'hireDate']);
      const json = await api(t.url, 'POST', '/api/users/import', { token: org.hrToken, body: { email: 'x@y.id' } });
      expect(json.status).toBe(400);
      const binary = new FormData();
      binary.append('file', new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff])]), 'people.xlsx');
      const xlsx = await fetch(`${t.url}/api/users/import`, { method: 'POST', headers: { authorization: `Bearer ${org.hrToken}` }, body: binary });
      expect(xlsx.status).toBe(400);
      const empty = await importCsv('');
      expect(empty.status).toBe(400);
    });

    it('takes a multipart file as well as a text/csv body', async () => {
      const form = new FormData();
      form.append('file', new Blob([`${HEADER}\n,Multipart Person,M-1,${unitCode},false,female,volunteer,2021-03-04,en\n`], { type: 'text/csv' }), 'people.csv');
      const res = await fetch(`${t.url}/api/users/import?dryRun=false`, { method: 'POST', headers: { authorization: `Bearer ${org.hrToken}` }, body: form });
      expect(res.status).toBe(200);
      await expect(res.json()).resolves.toMatchObject({ created: 1, written: true });
      await expect(byNumber('M-1')).resolves.toMatchObject({ employment_type: 'volunteer', locale: 'en', email: null });
    });

    it('serves the template and keeps imports to HR of the organisation', async () => {
      const res = await fetch(`${t.url}/api/users/import/template.csv`, { headers: { authorization: `Bearer ${org.hrToken}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="people-template.csv"');
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0]).toBe(HEADER);
      expect(lines).toHaveLength(2);
      // The other organisation's HR writes only into its own organisation, whatever the file says.
      const theirs = await importCsv(`${HEADER}\n,Their Person,U-1,${unitCode},false,female,permanent,,\n`, '', other.hrToken);
      expect(theirs.body).toMatchObject({ created: 1, updated: 0 });
      await expect(byNumber('U-1')).resolves.toMatchObject({ name: 'Dewi After' });
      await expect(byNumber('U-1', other.id)).resolves.toMatchObject({ name: 'Their Person' });
    });
  });
});
