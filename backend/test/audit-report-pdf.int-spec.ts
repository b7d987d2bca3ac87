import { jest } from '@jest/globals';
import { REPORT_TEXT } from '../src/audit/report-text';
import { englishLeft } from './language-check';
import { pdfText } from './pdf-tools';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';


jest.setTimeout(120000);

describe('audit report PDF: the headline figure (real Chromium, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let modulesCompleted: number;
  let peopleCompletedAll: number;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    // 6 staff with two modules each: 4 finished the first module, 1 of them the second too.
    // Modules completed 5 of 12; people who completed all: 1 of 6. The two figures differ on purpose.
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await addPerson(t.dataSource, org.id, { name: `Staff ${i}` }));
    const [first, second] = (await t.dataSource.query(`SELECT slug FROM modules WHERE active ORDER BY slug LIMIT 2`)).map((m: { slug: string }) => m.slug);
    await t.dataSource.query(
      `INSERT INTO assignments (organization_id, user_id, module_slug, due_on)
       SELECT $1, u, s, current_date + 30 FROM unnest($2::uuid[]) u, unnest($3::text[]) s`,
      [org.id, people.map((p) => p.id), [first, second]],
    );
    const complete = (slug: string, ids: string[]) =>
      t.dataSource.query(
        `UPDATE assignments SET completed_at = now(), module_version = 'v-test', expires_on = current_date + 365
          WHERE organization_id = $1 AND module_slug = $2 AND user_id = ANY($3::uuid[])`,
        [org.id, slug, ids],
      );
    await complete(first, people.slice(0, 4).map((p) => p.id));
    await complete(second, people.slice(0, 1).map((p) => p.id));
    // The expected figures, counted here independently of the reporting SQL.
    const [counts] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE completed_at IS NOT NULL)::float8 / count(*) AS modules,
              (SELECT count(*) FROM (SELECT user_id FROM assignments WHERE organization_id = $1 GROUP BY user_id
                                      HAVING bool_and(completed_at IS NOT NULL)) done)::float8 / count(DISTINCT user_id) AS people
         FROM assignments WHERE organization_id = $1`,
      [org.id],
    );
    modulesCompleted = counts.modules;
    peopleCompletedAll = counts.people;
    expect([modulesCompleted, peopleCompletedAll]).toEqual([5 / 12, 1 / 6]);
  });
  afterAll(() => t.close());

  async function reportText(lang: 'id' | 'en'): Promise<string> {
    const queued = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports`, {
      token: org.hrToken,
      body: { periodStart: '2026-01-01', periodEnd: '2026-12-31', lang },
    });
    expect(queued.status).toBe(202);
    for (let i = 0; i < 200; i++) {
      const list = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-reports`, { token: org.hrToken });
      const report = list.body.find((r: { id: string }) => r.id === queued.body.id);
      if (report?.status === 'failed') throw new Error(`report failed: ${report.error}`);
      if (report?.status === 'done') {
        const pdf = await fetch(`${t.url}/api/audit-reports/${report.id}/pdf`, { headers: { authorization: `Bearer ${org.hrToken}` } });
        return pdfText(Buffer.from(await pdf.arrayBuffer()));
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error('the report was not generated in time');
  }

  // Written as the reader writes them: 41.7% in English, 41,7% in Indonesian (Intl en-GB / id-ID).
  const pct = (x: number, lang: 'id' | 'en' = 'en') => `${(x * 100).toFixed(1)}%`.replace('.', lang === 'id' ? ',' : '\\.');

  it('shows the share of assigned modules completed as the headline, with people who completed all beside it (English)', async () => {
    const text = await reportText('en');
    expect(text).toMatch(new RegExp(`${pct(modulesCompleted)}\\s+of assigned modules completed`));
    expect(text).toMatch(new RegExp(`${pct(peopleCompletedAll)}\\s+of people completed all the modules assigned to them`));
    // The summary table carries both, each under its own label.
    expect(text).toContain('Modules completed (%)');
    expect(text).toContain('People completed all (%)');
    const everyone = text.split('\n').find((l) => /^\s*Everyone\s/.test(l));
    expect(everyone?.trim().split(/\s+/).slice(1, 6)).toEqual(['6', '1', '0', pct(modulesCompleted).replace('\\', ''), pct(peopleCompletedAll).replace('\\', '')]);
  });

  it('says the same in Indonesian', async () => {
    const text = await reportText('id');
    expect(text).toMatch(new RegExp(`${pct(modulesCompleted, 'id')}\\s+modul yang ditugaskan telah diselesaikan`));
    expect(text).toMatch(new RegExp(`${pct(peopleCompletedAll, 'id')}\\s+orang telah menyelesaikan semua modul yang ditugaskan kepadanya`));
    expect(text).not.toContain(pct(modulesCompleted).replace('\\', ''));
    // Dates as an Indonesian reader writes them, the audiences in Indonesian.
    expect(text).toContain('1 Jan 2026 – 31 Des 2026');
    expect(text).not.toMatch(/\b(everyone|leaders|staff)\b/);
    // The language test: no English label that differs from its Indonesian one.
    expect(englishLeft(text, REPORT_TEXT.en, REPORT_TEXT.id)).toEqual([]);
  });

  it('writes English dates in English', async () => {
    const text = await reportText('en');
    expect(text).toContain('1 Jan 2026 – 31 Dec 2026');
    // The check above can fail: the English report is full of what it looks for.
    expect(englishLeft(text, REPORT_TEXT.en, REPORT_TEXT.id).length).toBeGreaterThan(10);
    expect(text).toMatch(/Generated at\s+\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (GMT\+7|WIB)/);
  });
});
