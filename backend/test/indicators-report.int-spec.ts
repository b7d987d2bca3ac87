import { jest } from '@jest/globals';
import { hashPassword } from '../src/identity/crypto';
import { pdfText } from './pdf-tools';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

jest.setTimeout(120000);

/** The audit report's indicators and survey section (issue 14): the PDF's figures against SQL computed here. */
describe('audit report PDF: agreed indicators, their trend and the survey (real Chromium, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let earlierReportId: string;
  let waveId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
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
        { indicator: 'knowledge_gain', target: 0.2 },
      ],
    });
    expect(proposed.status).toBe(200);
    expect((await api(t.url, 'POST', `/api/engagements/${engagement.id}/indicators/accept`, { token: org.hrToken, body: {} })).status).toBe(200);
    const wave = await api(t.url, 'POST', '/api/surveys/waves', {
      token: org.hrToken,
      body: { questionnaire: 'climate-2026', audience: 'everyone', opensOn: '2026-01-01', closesOn: '2099-12-31' },
    });
    waveId = wave.body.id;
    // Five results as the table holds them (the anonymous path itself is proven in surveys.int-spec.ts).
    for (const [know, trust] of [
      ['agree', 'agree'],
      ['agree', 'disagree'],
      ['strongly-agree', 'neutral'],
      ['disagree', 'strongly-disagree'],
      ['disagree', 'agree'],
    ]) {
      await t.dataSource.query(`INSERT INTO survey_responses (wave_id, answers) VALUES ($1, $2)`, [waveId, JSON.stringify({ 'know-where': know, 'trust-handled': trust })]);
    }
    [{ id: earlierReportId }] = await t.dataSource.query(
      `INSERT INTO audit_reports (organization_id, period_start, period_end, lang, status, numbers, created_at)
       VALUES ($1, '2026-01-01', '2026-03-31', 'en', 'done', $2, now() - interval '1 day') RETURNING id`,
      [org.id, JSON.stringify({ indicators: { know_how_to_report: 0.25, trust_process: null } })],
    );
  });
  afterAll(() => t.close());

  it('prints each indicator against its target with the trend, and the survey counts, as computed independently; stores the snapshot', async () => {
    const queued = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports`, {
      token: org.hrToken,
      body: { periodStart: '2026-04-01', periodEnd: '2026-12-31', lang: 'en' },
    });
    expect(queued.status).toBe(202);
    let text = '';
    for (let i = 0; i < 200 && !text; i++) {
      const report = (await api(t.url, 'GET', `/api/organizations/${org.id}/audit-reports`, { token: org.hrToken })).body.find((r: { id: string }) => r.id === queued.body.id);
      if (report?.status === 'failed') throw new Error(`report failed: ${report.error}`);
      if (report?.status === 'done') {
        const pdf = await fetch(`${t.url}/api/audit-reports/${report.id}/pdf`, { headers: { authorization: `Bearer ${org.hrToken}` } });
        text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
      } else await new Promise((r) => setTimeout(r, 300));
    }
    expect(text).not.toBe('');

    // Independent SQL over the results table.
    const [expected] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE answers->>'know-where' IN ('agree', 'strongly-agree'))::float8 / count(*) AS know,
              count(*) FILTER (WHERE answers->>'trust-handled' IN ('agree', 'strongly-agree'))::float8 / count(*) AS trust,
              count(*) FILTER (WHERE answers->>'know-where' = 'agree')::int AS "knowAgree",
              count(*) FILTER (WHERE answers->>'know-where' = 'disagree')::int AS "knowDisagree",
              count(*)::int AS total
       FROM survey_responses WHERE wave_id = $1`,
      [waveId],
    );
    expect(expected).toEqual({ know: 0.6, trust: 0.4, knowAgree: 2, knowDisagree: 2, total: 5 });
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const line = (start: RegExp) => text.split('\n').find((l) => start.test(l.trim())) ?? '';

    expect(text).toContain('Agreed indicators, trends and the climate survey');
    // Indicator table: name, target, value now, met.
    // pdftotext wraps long names inside their cell, so rows are read from the text with whitespace collapsed.
    const flat = text.replace(/\s+/g, ' ');
    const esc = (x: string) => x.replace(/[.+%()]/g, (c) => `\\${c}`);
    expect(flat).toMatch(new RegExp(`Respondents who know[a-z ]* 80\\.0% ${esc(pct(expected.know))} not yet agreed`));
    expect(flat).toMatch(new RegExp(`Respondents who trust[a-z ]* 70\\.0% ${esc(pct(expected.trust))} not yet agreed`));
    // Knowledge gain: no pre-test taken here, so no figure yet (–).
    expect(flat).toMatch(/Knowledge gain \+20\.0 – – agreed/);
    // Trend: the earlier report's snapshot, then this report's value at its period's end.
    expect(text).toMatch(/2026-03-31\s+25\.0%/);
    expect(text).toMatch(new RegExp(`2026-12-31 \\(now\\)\\s+${esc(pct(expected.know))}`));
    // Survey table: counts and shares per option.
    expect(line(/^Agree\s+\d/).trim().split(/\s{2,}/)).toEqual(['Agree', String(expected.knowAgree), pct(expected.knowAgree / expected.total)]);
    expect(text).toMatch(new RegExp(`Responses: ${expected.total}\\.`));

    // The stored snapshot, which the next report's trend will read.
    const [stored] = await t.dataSource.query(`SELECT numbers->'indicators' AS i FROM audit_reports WHERE id = $1`, [queued.body.id]);
    expect(stored.i.know_how_to_report).toBe(expected.know);
    expect(stored.i.trust_process).toBe(expected.trust);
    expect(stored.i.knowledge_gain).toBeNull();
    expect(earlierReportId).toBeDefined();

    // The HTML carries the charts as SVG with title and desc, and the same figures as the tables.
    const html: string = (await t.app.get((await import('../src/audit/audit-reports.service')).AuditReportsService).compose({
      ...(await t.dataSource.query(`SELECT id, organization_id AS "organizationId", to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", lang, created_at AS "createdAt" FROM audit_reports WHERE id = $1`, [queued.body.id]))[0],
    })).html;
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    expect(svgs.every((s) => /role="img"/.test(s) && /<title id=[^>]+>[^<]+<\/title><desc id=[^>]+>[^<]+<\/desc>/.test(s))).toBe(true);
    const knowChart = svgs.find((s) => s.includes('<title id') && s.includes('Trend: Respondents who know how to report'))!;
    expect(knowChart).toContain(`>${pct(expected.know)}</text>`);
    expect(knowChart).toContain('>25.0%</text>');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
});
