import { createHash } from 'node:crypto';
import { addAssignment, addDays, addEmployee, addUnit, orgToday } from './assignment-fixtures';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

/** Reasons for extensions and exemptions stay with the assignment; the trail holds a salted digest. */
describe('assignment reasons reach the trail as salted digests (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let today: string;
  let personId: string;

  const entry = async (targetId: string, action: string) => {
    const [row] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE target_id = $1 AND action = $2`, [targetId, action]);
    return row.details as Record<string, unknown>;
  };
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    const adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    other = await onboardOrganization(t.url, adminToken);
    today = await orgToday(t.dataSource, org.id);
    personId = (await addEmployee(t.dataSource, org.id, { unitId: await addUnit(t.dataSource, org.id) })).id;
  });
  afterAll(() => t.close());

  it('keeps an extension’s reason with the assignment and puts only sha256(salt + reason) in the trail', async () => {
    const id = await addAssignment(t.dataSource, org.id, personId, 'recognising-harassment', { dueOn: addDays(today, 5) });
    const reason = 'Rawat inap: operasi usus buntu';
    const res = await api(t.url, 'POST', `/api/assignments/${id}/extend`, { token: org.hrToken, body: { dueOn: addDays(today, 40), reason } });
    expect(res.status).toBe(200);

    const details = await entry(id, 'assignment.due_extended');
    expect(JSON.stringify(details)).not.toContain('usus');
    expect(Object.keys(details)).not.toContain('reason');
    const [stored] = await t.dataSource.query(`SELECT reason, reason_salt FROM assignment_extensions WHERE assignment_id = $1`, [id]);
    expect(stored.reason).toBe(reason);
    expect(stored.reason_salt).toMatch(/^[0-9a-f]{32}$/);
    expect(details['reasonDigest']).toBe(sha256(stored.reason_salt + stored.reason));
  });

  it('does the same for an exemption, with a fresh salt per entry so equal reasons give different digests', async () => {
    const a = await addAssignment(t.dataSource, org.id, personId, 'power-relations', { dueOn: addDays(today, 5) });
    const b = await addAssignment(t.dataSource, org.id, personId, 'leaders-receiving-disclosures', { dueOn: addDays(today, 5) });
    const reason = 'Cuti melahirkan';
    for (const id of [a, b]) expect((await api(t.url, 'POST', `/api/assignments/${id}/exempt`, { token: org.hrToken, body: { reason } })).status).toBe(200);

    const [da, db] = [await entry(a, 'assignment.exempted'), await entry(b, 'assignment.exempted')];
    expect(JSON.stringify([da, db])).not.toContain('melahirkan');
    expect(da['reasonDigest']).not.toBe(db['reasonDigest']);
    expect(da['reasonDigest']).not.toBe(sha256(reason));
    const [stored] = await t.dataSource.query(`SELECT exempt_reason, exempt_reason_salt FROM assignments WHERE id = $1`, [a]);
    expect(da['reasonDigest']).toBe(sha256(stored.exempt_reason_salt + stored.exempt_reason));
  });

  it('lets HR of the organisation read the reasons with salt and digest to prove an entry; others get 404', async () => {
    const someone = await addEmployee(t.dataSource, org.id, { unitId: await addUnit(t.dataSource, org.id) });
    const id = await addAssignment(t.dataSource, org.id, someone.id, 'recognising-harassment', { dueOn: addDays(today, 3) });
    await api(t.url, 'POST', `/api/assignments/${id}/extend`, { token: org.hrToken, body: { dueOn: addDays(today, 20), reason: 'Sakit' } });
    await api(t.url, 'POST', `/api/assignments/${id}/exempt`, { token: org.hrToken, body: { reason: 'Pelatihan setara' } });

    const res = await api(t.url, 'GET', `/api/assignments/${id}/reasons`, { token: org.hrToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { kind: 'extension', at: expect.any(String), reason: 'Sakit', salt: expect.stringMatching(/^[0-9a-f]{32}$/), digest: (await entry(id, 'assignment.due_extended'))['reasonDigest'] },
      { kind: 'exemption', at: expect.any(String), reason: 'Pelatihan setara', salt: expect.stringMatching(/^[0-9a-f]{32}$/), digest: (await entry(id, 'assignment.exempted'))['reasonDigest'] },
    ]);
    expect((await api(t.url, 'GET', `/api/assignments/${id}/reasons`, { token: other.hrToken })).status).toBe(404);
    expect((await api(t.url, 'GET', `/api/assignments/not-a-uuid/reasons`, { token: org.hrToken })).status).toBe(400);
  });
});
