import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

interface TrailItem {
  seq: number;
  at: string;
  actor: { kind: string; name: string | null };
  action: string;
  targetType: string | null;
  target: { label: string | null } | null;
  summary: Record<string, unknown>;
}
interface TrailPage {
  items: TrailItem[];
  total: number;
  page: number;
  pageSize: number;
  actions: string[];
  timeZone: string;
}

describe('the readable audit trail (GET /organizations/:orgId/audit-log/trail)', () => {
  let t: TestApp;
  let org: TestOrg;
  let adminToken: string;
  let person: { id: string; email: string; name: string };
  const serial = unique('AMN-SERIAL').toUpperCase();
  let module: { slug: string; title: string };
  const auditors: Record<'named' | 'aggregate', { token: string; partnerId: string }> = {} as never;

  const trail = (token: string, query = '', orgId = org.id) => api<TrailPage & { message?: string; fields?: { field: string }[] }>(t.url, 'GET', `/api/organizations/${orgId}/audit-log/trail${query}`, { token });

  async function engagedAuditor(scope: 'named' | 'aggregate') {
    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: `Mitra ${scope} ${org.code}` } });
    const email = `auditor-${scope}-${org.code}@mitra.test`;
    const auditor = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email, name: `Auditor ${scope}` } });
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($1)) WHERE id = $2`, [org.hrEmail, auditor.body.id]);
    await api(t.url, 'POST', '/api/engagements', { token: adminToken, body: { partnerId: partner.body.id, organizationId: org.id, periodStart: '2026-01-01', periodEnd: '2099-12-31', scope } });
    return { token: await login(t.url, email, PASSWORD), partnerId: partner.body.id as string };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    const name = `Sekar Wulandari ${unique('x')}`;
    person = { ...(await addPerson(t.dataSource, org.id, { name })), name };
    const [m] = await t.dataSource.query(`SELECT slug, title ->> 'en' AS title FROM modules ORDER BY slug LIMIT 1`);
    module = m;
    auditors.named = await engagedAuditor('named');
    auditors.aggregate = await engagedAuditor('aggregate');

    // A unit created by HR through the API, then the person's own actions and HR's action on the person.
    expect((await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: 'TRAIL-U', name: 'Trail Unit' } })).status).toBe(201);
    const audit = t.app.get(AuditTrailService);
    await t.dataSource.transaction(async (m) => {
      await audit.append(m, {
        organizationId: org.id,
        actorId: person.id,
        action: 'learning.completed',
        targetType: 'completion',
        targetId: randomUUID(),
        details: { module: module.slug, version: 'v1', score: 87, timeSpentSeconds: 312 },
      });
      await audit.append(m, { organizationId: org.id, actorId: null, action: 'certificate.issued', targetType: 'certificate', targetId: serial, details: { module: module.slug, version: 'v1' } });
      await audit.append(m, {
        organizationId: org.id,
        actorId: (await t.dataSource.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [org.hrEmail]))[0].id,
        action: 'user.updated',
        targetType: 'user',
        targetId: person.id,
        details: { email: person.email, name: person.name, changed: ['name', 'email'] },
      });
    });
    // 2026-03-01 17:30 UTC is 2 March 00:30 in Jakarta: the day filter must put it on the 2nd.
    await t.dataSource.query(
      `INSERT INTO audit_entries (organization_id, actor_id, action, target_type, target_id, details, at)
       VALUES ($1::uuid, NULL, 'assignments.daily_run', 'organization', $1::text, '{"opened": 3}', '2026-03-01T17:30:00Z')`,
      [org.id],
    );
    await audit.sequenceNow();
  });
  afterAll(() => t.close());

  it('shows HR and a named engagement who did what to which object, by name, newest first', async () => {
    for (const token of [org.hrToken, auditors.named.token]) {
      const res = await trail(token, '?pageSize=200&lang=en');
      expect(res.status).toBe(200);
      const { items, total, actions, timeZone } = res.body;
      expect(timeZone).toBe('Asia/Jakarta');
      // The count includes the auditor's own read of this page: committed, chained a moment later.
      expect(total - items.length).toBe(token === org.hrToken ? 0 : 1);
      const stamps = items.map((i) => i.at);
      expect([...stamps].sort().reverse()).toEqual(stamps);
      expect(items.find((i) => i.action === 'learning.completed')).toMatchObject({
        actor: { kind: 'person', name: person.name },
        targetType: 'completion',
        target: { label: module.title },
        summary: { module: module.slug, version: 'v1', score: 87, timeSpentSeconds: 312 },
      });
      expect(items.find((i) => i.action === 'certificate.issued')).toMatchObject({ actor: { kind: 'system', name: null }, target: { label: serial } });
      expect(items.find((i) => i.action === 'user.updated')).toMatchObject({
        actor: { kind: 'hr_admin', name: 'HR Admin' },
        target: { label: person.name },
        summary: { email: person.email, changed: 'name, email' },
      });
      expect(items.find((i) => i.action === 'unit.created')).toMatchObject({ target: { label: 'Trail Unit' } });
      expect(actions).toEqual(expect.arrayContaining(['certificate.issued', 'learning.completed', 'unit.created', 'user.updated']));
      // No ids leave as words: neither the person's id nor the completion's.
      expect(JSON.stringify(items)).not.toContain(person.id);
    }
    // The named auditor's own reads appear under their name once chained.
    await t.app.get(AuditTrailService).sequenceNow();
    const reads = await trail(org.hrToken, '?action=auditor.read');
    expect(reads.body.items.map((i) => i.actor)).toContainEqual({ kind: 'auditor', name: 'Auditor named' });
  });

  it('gives an aggregate engagement the same entries without anything that points to one person', async () => {
    const res = await trail(auditors.aggregate.token, '?pageSize=200');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const secret of [person.name, person.email, person.id, serial, 'Sekar', 'HR Admin', 'Auditor named']) expect(text).not.toContain(secret);
    // The score and the time spent as JSON numbers: as substrings they turn up in timestamps and random org codes.
    for (const figure of [87, 312]) expect(text).not.toMatch(new RegExp(`[:,\\[]${figure}[,}\\]]`));
    const completed = res.body.items.find((i) => i.action === 'learning.completed')!;
    expect(completed).toMatchObject({ actor: { kind: 'person', name: null }, target: { label: null }, summary: { module: module.slug, version: 'v1' } });
    expect(completed.summary).not.toHaveProperty('score');
    expect(res.body.items.find((i) => i.action === 'certificate.issued')!.target).toEqual({ label: null });
    expect(res.body.items.find((i) => i.action === 'user.updated')).toMatchObject({ actor: { kind: 'hr_admin', name: null }, target: { label: null }, summary: { changed: 'name, email' } });
    // Objects that are no one's stay in words.
    expect(res.body.items.find((i) => i.action === 'unit.created')).toMatchObject({ target: { label: 'Trail Unit' } });
    expect(res.body.total).toBeGreaterThanOrEqual(6);

    const byName = await trail(auditors.aggregate.token, `?actor=${encodeURIComponent('Sekar')}`);
    expect(byName.status).toBe(400);
    expect(byName.body.fields).toEqual([expect.objectContaining({ field: 'actor' })]);
  });

  it('filters by action, object type, actor and days in the organisation’s time zone, and pages in SQL', async () => {
    const completed = await trail(org.hrToken, '?action=learning.completed');
    expect(completed.body.items.map((i) => i.action)).toEqual(['learning.completed']);
    expect(completed.body.total).toBe(1);
    const certificates = await trail(org.hrToken, '?targetType=certificate');
    expect(certificates.body.items.map((i) => i.target?.label)).toEqual([serial]);
    const byActor = await trail(org.hrToken, `?actor=${encodeURIComponent(person.email.toUpperCase())}`);
    expect(byActor.body.items.map((i) => i.action)).toEqual(['learning.completed']);
    // LIKE's wildcards are searched as characters, not as "anything".
    expect((await trail(org.hrToken, '?actor=%25')).body.total).toBe(0);

    const march2 = await trail(org.hrToken, '?from=2026-03-02&to=2026-03-02');
    expect(march2.body.items.map((i) => [i.action, i.at])).toEqual([['assignments.daily_run', '2026-03-01T17:30:00.000Z']]);
    expect((await trail(org.hrToken, '?from=2026-03-01&to=2026-03-01')).body.total).toBe(0);
    expect((await trail(org.hrToken, '?to=2026-03-02')).body.total).toBe(1);

    const all = await trail(org.hrToken, '?pageSize=200');
    const first = await trail(org.hrToken, '?page=1&pageSize=2');
    const second = await trail(org.hrToken, '?page=2&pageSize=2');
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: all.body.total });
    expect([...first.body.items, ...second.body.items].map((i) => i.seq)).toEqual(all.body.items.slice(0, 4).map((i) => i.seq));
    const past = await trail(org.hrToken, `?page=${all.body.total + 1}&pageSize=1`);
    expect(past.body).toMatchObject({ items: [], total: all.body.total });
  });

  it.each([
    ['from', '?from=2026-02-30'],
    ['from', '?from=yesterday'],
    ['to', '?to=2026-03-01T00:00:00Z'],
    ['to', '?from=2026-03-02&to=2026-03-01'],
    ['action', '?action=DROP%20TABLE'],
    ['targetType', '?targetType=cert%25'],
    ['actor', `?actor=${'x'.repeat(201)}`],
    ['pageSize', '?pageSize=201'],
    ['page', '?page=0'],
    ['lang', '?lang=fr'],
  ])('answers 400 naming %s for %s', async (field, query) => {
    const res = await trail(org.hrToken, query);
    expect(res.status).toBe(400);
    expect(res.body.fields?.map((f) => f.field)).toEqual([field]);
  });

  it('says why in Indonesian too', async () => {
    const res = await trail(org.hrToken, '?from=2026-03-02&to=2026-03-01&lang=id');
    expect(res.body.message).toBe('to: tidak boleh sebelum from');
  });

  it('is 404 for HR of another organisation, an auditor outside the period and anyone else; 403 for an employee', async () => {
    const other = await onboardOrganization(t.url, adminToken);
    expect((await trail(other.hrToken)).status).toBe(404);
    expect((await trail(auditors.named.token, '', other.id)).status).toBe(404);
    const employee = await addPerson(t.dataSource, org.id, { password: true });
    expect((await trail(await login(t.url, employee.email, PASSWORD))).status).toBe(403);
    await t.dataSource.query(`UPDATE engagements SET period_start = '2025-01-01', period_end = '2025-12-31' WHERE partner_id = $1`, [auditors.named.partnerId]);
    try {
      expect((await trail(auditors.named.token)).status).toBe(404);
    } finally {
      await t.dataSource.query(`UPDATE engagements SET period_start = '2026-01-01', period_end = '2099-12-31' WHERE partner_id = $1`, [auditors.named.partnerId]);
    }
    expect((await trail(auditors.named.token)).status).toBe(200);
  });
});
