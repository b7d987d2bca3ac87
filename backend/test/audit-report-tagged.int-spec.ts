import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { AuditReportsService } from '../src/audit/audit-reports.service';
import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { hashPassword } from '../src/identity/crypto';
import { pdfStructure, pdfText } from './pdf-tools';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

jest.setTimeout(180000);

const UNITS = 60;

/**
 * Issue 14: the audit report is a tagged PDF up to its appendix (structure tree, /Lang, headings, tables,
 * each chart a Figure whose alt text is its title and description), the long per-unit appendix appended
 * untagged for speed (issue 15). Read back with pdf.js, as a screen reader's PDF engine would.
 */
describe('audit report PDF: tagged, charts as Figures with alt text, appendix untagged (real Chromium, pdf.js)', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    // 60 units of 5–7 people, 1–5 of them overdue: more than the body's 50, so the full list goes to the appendix.
    await t.dataSource.query(
      `WITH u AS (
         INSERT INTO units (id, organization_id, code, name, path)
         SELECT id, $1, 'T' || lpad(n::text, 3, '0'), 'Unit ' || lpad(n::text, 3, '0'), ARRAY[id]
           FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${UNITS}) n) s
         RETURNING id, code),
       p AS (
         INSERT INTO users (organization_id, email, name, unit_id)
         SELECT $1, lower(u.code) || '-' || i || '@' || $2 || '.test', 'Person ' || u.code || '-' || i, u.id
           FROM u CROSS JOIN LATERAL generate_series(1, 5 + substr(u.code, 2)::int % 3) i
         RETURNING id, unit_id, email)
       INSERT INTO assignments (organization_id, user_id, module_slug, due_on)
       SELECT $1, p.id, 'recognising-harassment',
              CASE WHEN split_part(split_part(p.email, '-', 2), '@', 1)::int <= 1 + substr(u.code, 2)::int * 7 % 5 THEN current_date - 5 ELSE current_date + 30 END
         FROM p JOIN u ON u.id = p.unit_id`,
      [org.id, org.code.toLowerCase()],
    );
    // Agreed indicators and a survey wave with five results, so that the report draws its charts.
    const [partner] = await t.dataSource.query(`INSERT INTO partners (name) VALUES ($1) RETURNING id`, [unique('Mitra')]);
    const [engagement] = await t.dataSource.query(
      `INSERT INTO engagements (partner_id, organization_id, period_start, period_end, scope) VALUES ($1, $2, '2026-01-01', '2099-12-31', 'aggregate') RETURNING id`,
      [partner.id, org.id],
    );
    const email = `${unique('auditor')}@mitra.test`;
    await t.dataSource.query(`INSERT INTO users (partner_id, email, name, roles, password_hash) VALUES ($1, $2, 'Auditor', '{auditor}', $3)`, [
      partner.id,
      email,
      await hashPassword(PASSWORD),
    ]);
    const auditor = await login(t.url, email, PASSWORD);
    const proposed = await api(t.url, 'PUT', `/api/engagements/${engagement.id}/indicators`, {
      token: auditor,
      body: [
        { indicator: 'know_how_to_report', target: 0.8 },
        { indicator: 'trust_process', target: 0.7 },
      ],
    });
    expect(proposed.status).toBe(200);
    expect((await api(t.url, 'POST', `/api/engagements/${engagement.id}/indicators/accept`, { token: org.hrToken, body: {} })).status).toBe(200);
    const wave = await api(t.url, 'POST', '/api/surveys/waves', {
      token: org.hrToken,
      body: { questionnaire: 'climate-2026', audience: 'everyone', opensOn: '2026-01-01', closesOn: '2099-12-31' },
    });
    for (const [know, trust] of [['agree', 'agree'], ['agree', 'disagree'], ['strongly-agree', 'neutral'], ['disagree', 'agree'], ['disagree', 'agree']]) {
      await t.dataSource.query(`INSERT INTO survey_responses (wave_id, answers) VALUES ($1, $2)`, [wave.body.id, JSON.stringify({ 'know-where': know, 'trust-handled': trust })]);
    }
    // The trail's entries chained, so that the report anchors a head.
    await t.app.get(AuditTrailService).sequenceNow();
  });
  afterAll(() => t.close());

  async function generate(lang: 'id' | 'en') {
    const queued = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports`, {
      token: org.hrToken,
      body: { periodStart: '2026-01-01', periodEnd: '2026-12-31', lang },
    });
    expect(queued.status).toBe(202);
    for (let i = 0; i < 300; i++) {
      const report = (await api(t.url, 'GET', `/api/organizations/${org.id}/audit-reports`, { token: org.hrToken })).body.find((r: { id: string }) => r.id === queued.body.id);
      if (report?.status === 'failed') throw new Error(`report failed: ${report.error}`);
      if (report?.status === 'done') {
        const res = await fetch(`${t.url}/api/audit-reports/${report.id}/pdf`, { headers: { authorization: `Bearer ${org.hrToken}` } });
        return { id: report.id as string, pdf: Buffer.from(await res.arrayBuffer()) };
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error('the report was not generated in time');
  }

  /** The charts' accessible names as the HTML gives them (title, then desc), composed again for this report. */
  async function chartNames(reportId: string): Promise<string[]> {
    const [row] = await t.dataSource.query(
      `SELECT id, organization_id AS "organizationId", to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", lang, created_at AS "createdAt"
         FROM audit_reports WHERE id = $1`,
      [reportId],
    );
    const { html } = await t.app.get(AuditReportsService).compose(row);
    const unescape = (x: string) => x.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? e);
    return [...html.matchAll(/<svg[^>]*role="img"[^>]*><title id="[^"]+">([^<]*)<\/title><desc id="[^"]+">([^<]*)<\/desc>/g)].map((m) => `${unescape(m[1])} ${unescape(m[2])}`);
  }

  it('is tagged up to the appendix: /Lang en, headings, tables, one Figure per chart with its title and description as alt text', async () => {
    const { id, pdf } = await generate('en');
    const structure = await pdfStructure(pdf);
    expect(structure).toMatchObject({ marked: true, lang: 'en', displayDocTitle: true });

    // Every chart is a Figure, in order, its alt text the chart's title and description.
    const names = await chartNames(id);
    expect(names.length).toBeGreaterThanOrEqual(4); // two indicator trends, two survey questions at least
    expect(structure.figures.map((f) => f.alt)).toEqual(names);
    expect(names[0]).toMatch(/^Trend: Respondents who know how to report .*Target: 80\.0%/);
    // Headings and tables are tagged: the title, the nine numbered sections, tables with header cells.
    expect(structure.roles.filter((r) => r === 'H1')).toHaveLength(1);
    expect(structure.roles.filter((r) => r === 'H2').length).toBeGreaterThanOrEqual(9);
    expect(structure.roles).toEqual(expect.arrayContaining(['Table', 'TR', 'TH', 'TD', 'Caption', 'L', 'LI']));

    // The front's pages carry the structure, the appendix's do not; its text still reads back.
    const text = await pdfText(pdf);
    const pages = text.split('\f');
    const appendixPage = pages.findIndex((p) => p.includes('Appendix: per-unit tables')) + 1;
    expect(appendixPage).toBeGreaterThan(1);
    expect(structure.taggedPages).toEqual(Array.from({ length: appendixPage - 1 }, (_, i) => i + 1));
    const appendix = pages.slice(appendixPage - 1).join('\n');
    for (let n = 1; n <= UNITS; n++) expect(appendix).toMatch(new RegExp(`Unit ${String(n).padStart(3, '0')}\\s+\\d`));
    expect(appendix).toContain('Overdue by unit (part 1)');
    expect(appendix).toContain('By unit (part 1)');

    // Page count: the stored figure, pdf-lib's and pdf.js's agree.
    const [stored] = await t.dataSource.query(`SELECT pages, sha256, head_hash AS "headHash" FROM audit_reports WHERE id = $1`, [id]);
    expect([stored.pages, (await PDFDocument.load(pdf)).getPageCount()]).toEqual([structure.pages, structure.pages]);
    // Hash and signature over the final, joined bytes; the trail head it anchors is printed in the tagged part.
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(stored.sha256);
    const verified = await api(t.url, 'GET', `/api/audit-reports/${id}/verify`, { token: org.hrToken });
    expect(verified.body).toMatchObject({ sha256: stored.sha256, signatureValid: true, headHash: stored.headHash });
    expect(stored.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pages.slice(0, appendixPage - 1).join('\n')).toContain(stored.headHash);
  });

  it('names the 50 units with the most people overdue in the body, as counted independently, and all of them in the appendix', async () => {
    const { pdf } = await generate('en');
    const text = await pdfText(pdf);
    const rows = (from: string, to: string) =>
      text
        .slice(text.indexOf(from), text.indexOf(to, text.indexOf(from)))
        .split('\n')
        .map((l) => /^\s*(Unit \d{3})\s+(\d+)\s+(\d+)\s*$/.exec(l))
        .filter((m) => m !== null)
        .map((m) => ({ unit: m[1], overdue: Number(m[2]), assigned: Number(m[3]) }));
    const expected: { unit: string; overdue: number; assigned: number }[] = await t.dataSource.query(
      `SELECT u.name AS unit, count(*) FILTER (WHERE a.due_on < current_date)::int AS overdue, count(*)::int AS assigned
         FROM assignments a JOIN users p ON p.id = a.user_id JOIN units u ON u.id = p.unit_id
        WHERE a.organization_id = $1 GROUP BY u.name ORDER BY overdue DESC, u.name`,
      [org.id],
    );
    const body = rows('4. Overdue by unit', '5. Certificates');
    expect(body).toHaveLength(50);
    expect(body.map((r) => r.overdue)).toEqual(expected.slice(0, 50).map((r) => r.overdue));
    const byUnit = new Map(expected.map((r) => [r.unit, r]));
    expect(body.every((r) => byUnit.get(r.unit)?.overdue === r.overdue && byUnit.get(r.unit)?.assigned === r.assigned)).toBe(true);
    expect(text.replace(/\s+/g, ' ')).toContain(`The 50 units with the most people overdue; all ${UNITS} units with anyone overdue or with hidden figures are listed in the appendix.`);
    const listed = rows('Overdue by unit (part 1)', 'By unit (part 1)');
    expect(listed.map((r) => r.unit).sort()).toEqual([...byUnit.keys()].sort());
  });

  it('in Indonesian: /Lang id and the Indonesian chart titles as alt text', async () => {
    const { id, pdf } = await generate('id');
    const structure = await pdfStructure(pdf);
    expect(structure).toMatchObject({ marked: true, lang: 'id' });
    const names = await chartNames(id);
    expect(structure.figures.map((f) => f.alt)).toEqual(names);
    expect(names.join(' ')).not.toMatch(/\b(Trend|Respondents|Strongly agree)\b/);
  });
});
