import { newSerial } from '../src/certificates/serial';
import { addAssignment, addEmployee, addUnit } from './assignment-fixtures';
import { acceptInvitation, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

const EVERYONE = 'recognising-harassment';
const OTHER = 'power-relations';

/**
 * API.md: "Only a `named` engagement lets an auditor open individual certificates". The auditor's
 * list of them is the one HR reads, under /organizations/:orgId, refused to an aggregate engagement.
 */
describe('certificates of an organisation for a named engagement (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let adminToken: string;
  const units: Record<string, string> = {};
  const auditors: Record<'named' | 'aggregate' | 'expired', string> = { named: '', aggregate: '', expired: '' };
  const serials: Record<string, string> = {};

  /** A certificate straight in SQL, with its completion (score) and a stand-in PDF. */
  async function certificate(person: { id: string }, slug: string, issuedAt: string, score: number, organizationId = org.id): Promise<string> {
    const assignment = await addAssignment(t.dataSource, organizationId, person.id, slug, { dueOn: '2099-01-01', completedAt: issuedAt, expiresOn: '2099-01-01' });
    const [completion] = await t.dataSource.query(
      `INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, score, time_spent_seconds, completed_at)
       VALUES ($1, $2, $3, $4, 'v-named-1234567890', $5, 600, $6) RETURNING id`,
      [organizationId, assignment, person.id, slug, score, issuedAt],
    );
    const serial = newSerial();
    await t.dataSource.query(
      `INSERT INTO certificates (serial, organization_id, user_id, completion_id, assignment_id, module_slug, module_version, module_title,
                                 holder_name, locale, issued_at, expires_on, pdf, sha256, rendered_at)
       SELECT $1, $2, u.id, $3, $4, $5, 'v-named-1234567890', $6, u.name, 'id', $7, '2099-01-01', $8::bytea, 'x', now()
         FROM users u WHERE u.id = $9`,
      [serial, organizationId, completion.id, assignment, slug, JSON.stringify({ id: `Judul ${slug}`, en: `Title ${slug}` }), issuedAt,
        Buffer.from(`%PDF-1.7 ${serial}\n%%EOF\n`), person.id],
    );
    return serial;
  }

  /** A partner with one auditor and one engagement with the organisation; returns the auditor's token. */
  async function auditorWith(scope: 'named' | 'aggregate', periodStart: string, periodEnd: string): Promise<string> {
    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: unique('Partner') } });
    const email = `${unique('auditor')}@partner.test`;
    expect((await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email, name: 'Auditor' } })).status).toBe(201);
    await acceptInvitation(t.url, email);
    const engagement = await api(t.url, 'POST', '/api/engagements', {
      token: adminToken,
      body: { partnerId: partner.body.id, organizationId: org.id, periodStart, periodEnd, scope },
    });
    expect(engagement.status).toBe(201);
    return login(t.url, email, PASSWORD);
  }

  const list = (token: string, query = '', orgId = org.id) => api(t.url, 'GET', `/api/organizations/${orgId}/certificates${query}`, { token });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    other = await onboardOrganization(t.url, adminToken);
    units['division'] = await addUnit(t.dataSource, org.id);
    units['section'] = await addUnit(t.dataSource, org.id, units['division']);
    units['elsewhere'] = await addUnit(t.dataSource, org.id);
    const ayu = await addEmployee(t.dataSource, org.id, { unitId: units['division'], name: 'Ayu Lestari' });
    const siti = await addEmployee(t.dataSource, org.id, { unitId: units['section'], name: 'Siti Rahma' });
    const oka = await addEmployee(t.dataSource, org.id, { unitId: units['elsewhere'], name: 'Oka Wirawan' });
    serials['ayu'] = await certificate(ayu, EVERYONE, '2026-01-10T03:00:00Z', 90);
    serials['siti'] = await certificate(siti, OTHER, '2026-02-10T03:00:00Z', 80);
    serials['oka'] = await certificate(oka, EVERYONE, '2026-03-10T03:00:00Z', 100);
    const stranger = await addEmployee(t.dataSource, other.id, { name: 'Other Org Person' });
    serials['other'] = await certificate(stranger, EVERYONE, '2026-03-11T03:00:00Z', 70, other.id);
    auditors.named = await auditorWith('named', '2020-01-01', '2099-12-31');
    auditors.aggregate = await auditorWith('aggregate', '2020-01-01', '2099-12-31');
    auditors.expired = await auditorWith('named', '2020-01-01', '2021-12-31');
  });
  afterAll(() => t.close());

  it('shows a named auditor every certificate of the organisation, newest first, with unit, score, version and links', async () => {
    const res = await list(auditors.named, '?lang=en');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((c: { holder: string }) => c.holder)).toEqual(['Oka Wirawan', 'Siti Rahma', 'Ayu Lestari']);
    const siti = res.body.items[1];
    expect(siti).toMatchObject({
      serial: serials['siti'],
      unitId: units['section'],
      moduleSlug: OTHER,
      module: `Title ${OTHER}`,
      moduleVersion: 'v-named-1234567890',
      score: 80,
      issuedAt: '2026-02-10T03:00:00.000Z',
      pdfUrl: `/api/certificates/${serials['siti']}/pdf`,
      verifyUrl: `http://aman.test/verify/${serials['siti']}`,
    });
    expect(typeof siti.unitName).toBe('string');
    expect((await list(auditors.named, '?lang=id')).body.items[0].module).toBe(`Judul ${EVERYONE}`);
    // The read is in the organisation's trail, like every auditor read.
    const [entry] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries e JOIN users u ON u.id = e.actor_id
        WHERE e.organization_id = $1 AND e.action = 'auditor.read' AND e.target_id LIKE '%/certificates'`,
      [org.id],
    );
    expect(entry.n).toBeGreaterThanOrEqual(2);
  });

  it('lets the named auditor open a listed certificate, and not the aggregate or expired one', async () => {
    const { items } = (await list(auditors.named)).body;
    const pdf = await fetch(`${t.url}${items[0].pdfUrl}`, { headers: { authorization: `Bearer ${auditors.named}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    for (const token of [auditors.aggregate, auditors.expired]) {
      expect((await fetch(`${t.url}${items[0].pdfUrl}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    }
  });

  it('filters by module, by unit with its sub-units, and by name or serial, in SQL with paging', async () => {
    const byModule = await list(auditors.named, `?module=${EVERYONE}`);
    expect(byModule.body.items.map((c: { serial: string }) => c.serial)).toEqual([serials['oka'], serials['ayu']]);
    const byUnit = await list(auditors.named, `?unitId=${units['division']}`);
    expect(byUnit.body.items.map((c: { serial: string }) => c.serial)).toEqual([serials['siti'], serials['ayu']]);
    const both = await list(auditors.named, `?unitId=${units['division']}&module=${OTHER}`);
    expect(both.body).toMatchObject({ total: 1, items: [{ serial: serials['siti'] }] });
    expect((await list(auditors.named, '?q=rahma')).body.items.map((c: { serial: string }) => c.serial)).toEqual([serials['siti']]);
    expect((await list(auditors.named, `?q=${serials['oka'].slice(-6)}`)).body.items.map((c: { serial: string }) => c.serial)).toEqual([serials['oka']]);
    // A percent sign is a character to find, not a wildcard.
    expect((await list(auditors.named, '?q=%25')).body.total).toBe(0);

    const first = await list(auditors.named, '?page=1&pageSize=2');
    const second = await list(auditors.named, '?page=2&pageSize=2');
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(second.body.items.map((c: { serial: string }) => c.serial)).toEqual([serials['ayu']]);
  });

  it('gives HR of the organisation the same rows, here and at /api/certificates', async () => {
    const here = await list(org.hrToken, `?module=${OTHER}`);
    expect(here.status).toBe(200);
    expect(here.body.items.map((c: { serial: string }) => c.serial)).toEqual([serials['siti']]);
    const own = await api(t.url, 'GET', `/api/certificates?module=${OTHER}`, { token: org.hrToken });
    expect(own.body).toEqual(here.body);
  });

  it('refuses an aggregate engagement with 403 saying why, and nobody else sees the organisation', async () => {
    const aggregate = await list(auditors.aggregate, '?lang=en');
    expect(aggregate.status).toBe(403);
    expect(aggregate.body.message).toMatch(/named engagement/);
    expect((await list(auditors.aggregate, '?lang=id')).body.message).toMatch(/perikatan bernama/);
    // An engagement whose period is over: as every :orgId route, the organisation is not there.
    expect((await list(auditors.expired)).status).toBe(404);
    // Another organisation: its HR, and the named auditor asking about an organisation it is not engaged with.
    expect((await list(other.hrToken)).status).toBe(404);
    expect((await list(auditors.named, '', other.id)).status).toBe(404);
    // HR's own list never holds another organisation's certificates.
    const hrOther = await api(t.url, 'GET', '/api/certificates', { token: other.hrToken });
    expect(hrOther.body.items.map((c: { serial: string }) => c.serial)).toEqual([serials['other']]);
  });

  it('answers bad input with 400 naming the field', async () => {
    for (const [query, field] of [
      ['?page=0', 'page'],
      ['?page=abc', 'page'],
      ['?pageSize=500', 'pageSize'],
      ['?unitId=nope', 'unitId'],
      ['?module=Not A Slug', 'module'],
      ['?status=lost', 'status'],
      [`?unitId=${units['division'].replace(/^.{8}/, '00000000')}`, 'unitId'],
    ] as const) {
      const res = await list(auditors.named, query.replace(/ /g, '%20'));
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
  });
});
