import { createPublicKey, verify } from 'node:crypto';
import { pdfText } from './pdf-tools';
import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg, adminDataSource } from './helpers';


async function waitForReport(base: string, token: string, orgId: string, id: string) {
  for (let i = 0; i < 120; i++) {
    const list = await api(base, 'GET', `/api/organizations/${orgId}/audit-reports`, { token });
    const report = list.body.find((r: { id: string }) => r.id === id);
    if (report?.status === 'done' || report?.status === 'failed') return report;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the report was not generated in time');
}

describe('external audit: reports, signatures, trail verification, findings', () => {
  let t: TestApp;
  let org: TestOrg;
  let adminToken: string;
  let auditorToken: string;
  let auditorId: string;
  let partnerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    // 12 staff and 2 leaders: leaders are a group under 5 and must be hidden in the report.
    const people = [];
    for (let i = 0; i < 14; i++) people.push(await addPerson(t.dataSource, org.id, { name: `Person ${i}`, isLeader: i < 2 }));
    await t.dataSource.query(
      `INSERT INTO assignments (organization_id, user_id, module_slug, due_on)
       SELECT $1, u, 'recognising-harassment', CASE WHEN n % 4 = 0 THEN current_date - 5 ELSE current_date + 30 END
         FROM unnest($2::uuid[]) WITH ORDINALITY AS x(u, n)`,
      [org.id, people.map((p) => p.id)],
    );
    await t.dataSource.query(
      `UPDATE assignments SET completed_at = now(), module_version = 'v-test', expires_on = current_date + 365
        WHERE organization_id = $1 AND user_id = ANY($2::uuid[])`,
      [org.id, people.slice(6, 11).map((p) => p.id)],
    );
    const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: `Mitra ${org.code}` } });
    partnerId = partner.body.id;
    const auditor = await api(t.url, 'POST', `/api/partners/${partnerId}/auditors`, { token: adminToken, body: { email: `auditor-${org.code}@mitra.test`, name: 'Auditor' } });
    auditorId = auditor.body.id;
    await t.dataSource.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE lower(email) = lower($1)) WHERE id = $2`, [org.hrEmail, auditorId]);
    auditorToken = await login(t.url, `auditor-${org.code}@mitra.test`, PASSWORD);
    await api(t.url, 'POST', '/api/engagements', { token: adminToken, body: { partnerId, organizationId: org.id, periodStart: '2026-01-01', periodEnd: '2099-12-31', scope: 'aggregate' } });
    await t.app.get(AuditTrailService).sequenceNow();
  });
  afterAll(() => t.close());

  it('generates a signed report whose numbers match an independent SQL query, with small groups suppressed', async () => {
    const queued = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports`, { token: auditorToken, body: { periodStart: '2026-01-01', periodEnd: '2026-12-31', lang: 'en' } });
    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe('queued');
    const report = await waitForReport(t.url, auditorToken, org.id, queued.body.id);
    expect(report.status).toBe('done');
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);

    const res = await fetch(`${t.url}/api/audit-reports/${report.id}/pdf`, { headers: { authorization: `Bearer ${auditorToken}` } });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = await pdfText(pdf);

    const [expected] = await t.dataSource.query(
      `SELECT count(DISTINCT a.user_id)::int AS assigned,
              count(DISTINCT a.user_id) FILTER (WHERE a.completed_at IS NOT NULL)::int AS completed,
              count(DISTINCT a.user_id) FILTER (WHERE a.completed_at IS NULL AND a.due_on < current_date)::int AS overdue
         FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.organization_id = $1 AND u.status = 'active'`,
      [org.id],
    );
    const everyone = text.split('\n').find((l) => /^\s*Everyone\s/.test(l))!;
    expect(everyone.trim().split(/\s+/).slice(1, 4).map(Number)).toEqual([expected.assigned, expected.completed, expected.overdue]);
    expect(text).toMatch(/Leaders\s+suppressed/);
    expect(text).toMatch(/Staff\s+suppressed/); // complementary: staff = everyone − leaders
    expect(text).toContain(`Org ${org.code}`);
    expect(text).toContain(`Mitra ${org.code}`);

    // The signature verifies with the published key, using nothing but node:crypto.
    const verifyRes = await api(t.url, 'GET', `/api/audit-reports/${report.id}/verify`, { token: auditorToken });
    expect(verifyRes.body).toMatchObject({ sha256: report.sha256, signatureValid: true });
    const keys = await api(t.url, 'GET', '/api/keys/audit-reports');
    const key = keys.body.keys.find((k: { keyId: string }) => k.keyId === verifyRes.body.keyId);
    expect(key.algorithm).toBe('Ed25519');
    expect(verify(null, pdf, createPublicKey(key.publicKeyPem), Buffer.from(verifyRes.body.signature, 'base64'))).toBe(true);
    const tampered = Buffer.from(pdf);
    tampered[tampered.length - 10] ^= 1;
    expect(verify(null, tampered, createPublicKey(key.publicKeyPem), Buffer.from(verifyRes.body.signature, 'base64'))).toBe(false);

    // The report anchors the trail head; downloads are logged.
    const [head] = await t.dataSource.query(`SELECT head_seq::int AS seq, head_hash AS hash FROM audit_reports WHERE id = $1`, [report.id]);
    expect(text).toContain(head.hash);
    const csv = await api(t.url, 'GET', `/api/audit-reports/${report.id}/numbers.csv`, { token: auditorToken });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).trim().split('\n');
    // One current assignment each: the share of modules completed equals the share of people.
    const rate = (expected.completed / expected.assigned).toFixed(4);
    expect(lines).toContain(`summary,all,${expected.assigned},${expected.completed},${expected.overdue},${rate},${rate},false`);
    expect(lines).toContain('summary,leaders,,,,,,true');
    const archive = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-reports`, { token: org.hrToken });
    expect(archive.body.find((r: { id: string }) => r.id === report.id).downloads).toBe(1);
  });

  it('verifies the trail, lets an auditor recompute it from the entries, and names an edited entry', async () => {
    await t.app.get(AuditTrailService).sequenceNow();
    const ok = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: auditorToken });
    expect(ok.body).toMatchObject({ valid: true, firstBrokenAt: null });
    const entries = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/entries?afterSeq=0&limit=3`, { token: auditorToken });
    expect(entries.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/entries?limit=5000`, { token: auditorToken })).status).toBe(400);

    const [victim] = await t.dataSource.query(`SELECT e.id, c.seq::int AS seq FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id WHERE c.chain_id = $1 AND c.seq = 2`, [org.id]);
    // As a superuser would: the app's own role cannot disable the trigger (database roles).
    const admin = await adminDataSource();
    const qr = admin.createQueryRunner();
    await qr.connect();
    try {
      await qr.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
      await qr.query(`UPDATE audit_entries SET action = 'auth.nothing_to_see' WHERE id = $1`, [victim.id]);
      await qr.query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only`);
      const broken = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: org.hrToken });
      expect(broken.body).toMatchObject({ valid: false, firstBrokenAt: victim.seq });
    } finally {
      await qr.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
      await qr.query(`UPDATE audit_entries SET action = 'organization.onboarded' WHERE id = $1 AND action = 'auth.nothing_to_see'`, [victim.id]);
      await qr.query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only`);
      await qr.release();
      await admin.destroy();
    }
  });

  it('records auditor reads for HR to see, and answers 404 outside the organisation or the period', async () => {
    const reads = await api(t.url, 'GET', `/api/organizations/${org.id}/auditor-reads`, { token: org.hrToken });
    expect(reads.body.length).toBeGreaterThan(0);
    expect(reads.body[0]).toMatchObject({ auditorName: 'Auditor', partnerName: `Mitra ${org.code}` });
    const other = await onboardOrganization(t.url, adminToken);
    expect((await api(t.url, 'GET', `/api/organizations/${other.id}/audit-log/verify`, { token: auditorToken })).status).toBe(404);
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: other.hrToken })).status).toBe(404);
    // Move the engagement into the past: the same auditor is now outside the period.
    await t.dataSource.query(`UPDATE engagements SET period_end = '2025-12-31', period_start = '2025-01-01' WHERE partner_id = $1`, [partnerId]);
    try {
      expect((await api(t.url, 'GET', `/api/organizations/${org.id}/audit-reports`, { token: auditorToken })).status).toBe(404);
      const [report] = await t.dataSource.query(`SELECT id FROM audit_reports WHERE organization_id = $1 LIMIT 1`, [org.id]);
      expect((await api(t.url, 'GET', `/api/audit-reports/${report.id}/verify`, { token: auditorToken })).status).toBe(404);
    } finally {
      await t.dataSource.query(`UPDATE engagements SET period_start = '2026-01-01', period_end = '2099-12-31' WHERE partner_id = $1`, [partnerId]);
    }
  });

  it('runs the findings loop: auditor records, HR answers and proposes closure, the auditor closes, the next report shows it', async () => {
    const [report] = await t.dataSource.query(`SELECT id FROM audit_reports WHERE organization_id = $1 AND status = 'done' LIMIT 1`, [org.id]);
    const bad = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports/${report.id}/findings`, { token: auditorToken, body: { severity: 'urgent', text: '', dueOn: 'soon' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['dueOn', 'severity', 'text']);
    const finding = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports/${report.id}/findings`, {
      token: auditorToken,
      body: { severity: 'high', text: 'Interns lack module 5', dueOn: '2026-12-31' },
    });
    expect(finding.status).toBe(201);
    expect((await api(t.url, 'POST', `/api/organizations/${org.id}/findings/${finding.body.id}/close`, { token: auditorToken })).status).toBe(409);
    expect((await api(t.url, 'POST', `/api/organizations/${org.id}/findings/${finding.body.id}/response`, { token: auditorToken, body: { correctiveAction: 'x' } })).status).toBe(403);
    const answered = await api(t.url, 'POST', `/api/organizations/${org.id}/findings/${finding.body.id}/response`, { token: org.hrToken, body: { correctiveAction: 'Rule for interns added' } });
    expect(answered.body.status).toBe('responded');
    expect((await api(t.url, 'POST', `/api/organizations/${org.id}/findings/${finding.body.id}/propose-closure`, { token: org.hrToken })).status).toBe(200);
    const closed = await api(t.url, 'POST', `/api/organizations/${org.id}/findings/${finding.body.id}/close`, { token: auditorToken });
    expect(closed.body.status).toBe('closed');

    const next = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports`, { token: org.hrToken, body: { periodStart: '2026-01-01', periodEnd: '2026-12-31', lang: 'en' } });
    const done = await waitForReport(t.url, org.hrToken, org.id, next.body.id);
    const pdf = await fetch(`${t.url}/api/audit-reports/${done.id}/pdf`, { headers: { authorization: `Bearer ${org.hrToken}` } });
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Interns lack module 5');
    expect(text).toContain('Rule for interns added');
    expect(text).toMatch(/Closed/);
  });
});
