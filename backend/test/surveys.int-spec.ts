import { hashPassword } from '../src/identity/crypto';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

/** Anonymous climate surveys (issue 14) on real PostgreSQL with the real migrations, through HTTP. */
describe('surveys: waves, anonymous responses, suppressed results', () => {
  let t: TestApp;
  let org: TestOrg;
  let otherOrg: TestOrg;
  let passwordHash: string;
  let unitA: string;
  let unitB: string;
  const ALL_AGREE = {
    'know-where': 'agree',
    'know-rights': 'yes',
    'trust-handled': 'agree',
    'trust-protected': 'neutral',
    witnessed: 'no',
    experienced: 'prefer-not',
    'leaders-conduct': 'agree',
    'leaders-example': 'strongly-agree',
  };

  async function unit(orgId: string, name: string, parentId: string | null = null): Promise<string> {
    const [row] = await t.dataSource.query(
      `WITH n AS (SELECT gen_random_uuid() AS id)
       INSERT INTO units (id, organization_id, parent_id, code, name, path)
       SELECT n.id, $1, $3, $2, $2, COALESCE((SELECT path FROM units WHERE id = $3), '{}') || n.id FROM n RETURNING id`,
      [orgId, `${name}-${unique('u')}`, parentId],
    );
    return row.id;
  }

  async function person(orgId: string, p: { unitId: string; gender?: string; leader?: boolean }): Promise<{ id: string; token: string }> {
    const email = `${unique('p')}@org.test`;
    const [row] = await t.dataSource.query(
      `INSERT INTO users (organization_id, email, name, unit_id, is_leader, gender, password_hash) VALUES ($1, $2, 'Person', $3, $4, $5, $6) RETURNING id`,
      [orgId, email, p.unitId, p.leader ?? false, p.gender ?? 'female', passwordHash],
    );
    return { id: row.id, token: await login(t.url, email, PASSWORD) };
  }

  const openWave = (token: string, body: Record<string, unknown>) =>
    api(t.url, 'POST', '/api/surveys/waves', { token, body: { questionnaire: 'climate-2026', audience: 'everyone', opensOn: '2026-01-01', closesOn: '2099-12-31', ...body } });
  const respond = (token: string, waveId: string, answers: unknown) => api(t.url, 'POST', `/api/surveys/${waveId}/responses`, { token, body: { answers } });
  const results = (token: string, waveId: string, groupBy?: string) =>
    api(t.url, 'GET', `/api/surveys/${waveId}/results${groupBy ? `?groupBy=${groupBy}` : ''}&lang=en`.replace('results&', 'results?'), { token });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    const adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    otherOrg = await onboardOrganization(t.url, adminToken);
    passwordHash = await hashPassword(PASSWORD);
    unitA = await unit(org.id, 'A');
    unitB = await unit(org.id, 'B');
  });
  afterAll(() => t.close());

  it('schema: no column, key or time links a response to its respondent', async () => {
    const columns = async (table: string) =>
      (await t.dataSource.query(
        `SELECT column_name AS name, data_type AS type, column_default AS "default" FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [table],
      )) as { name: string; type: string; default: string | null }[];
    const participation = await columns('survey_participation');
    expect(participation.map((c) => [c.name, c.type])).toEqual([
      ['wave_id', 'uuid'],
      ['user_id', 'uuid'],
      ['answered_on', 'date'],
    ]);
    for (const table of ['survey_response_pool', 'survey_responses']) {
      const cols = await columns(table);
      // The wave is all they share with the participation table.
      expect(cols.map((c) => c.name).filter((n) => participation.some((p) => p.name === n))).toEqual(['wave_id']);
      // No time at all (not even the day), no serial or sequence that orders rows as they came.
      expect(cols.filter((c) => /time|date|interval/.test(c.type))).toEqual([]);
      expect(cols.filter((c) => c.default && !/^gen_random_uuid\(\)$/.test(c.default))).toEqual([]);
      // No foreign key to users, sessions or participation: only the wave.
      const fks = await t.dataSource.query(
        `SELECT confrelid::regclass::text AS target FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
        [table],
      );
      expect(fks.map((f: { target: string }) => f.target)).toEqual(['survey_waves']);
      // No trigger that could copy a row elsewhere with a person or a time.
      expect(await t.dataSource.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`, [table])).toEqual([]);
    }
  });

  it('HR opens a wave; bad input is a 400 naming the field; staff cannot open one', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ questionnaire: 'nope' }, 'questionnaire'],
      [{ audience: 'interns' }, 'audience'],
      [{ opensOn: '2026-02-30' }, 'opensOn'],
      [{ opensOn: '2026-06-01', closesOn: '2026-05-01' }, 'closesOn'],
      [{ opensOn: '2020-01-01', closesOn: '2020-02-01' }, 'closesOn'],
    ];
    for (const [body, field] of cases) {
      const res = await openWave(org.hrToken, body);
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const staff = await person(org.id, { unitId: unitA });
    expect((await openWave(staff.token, {})).status).toBe(403);
    const created = await openWave(org.hrToken, { audience: 'leaders' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ questionnaire: 'climate-2026', version: 1, audience: 'leaders', open: true });
    const [entry] = await t.dataSource.query(`SELECT action FROM audit_entries WHERE target_type = 'survey_wave' AND target_id = $1`, [created.body.id]);
    expect(entry.action).toBe('survey.wave_opened');
    // A leaders' wave is not offered to staff, and staff cannot answer it.
    expect((await api(t.url, 'GET', '/api/my/surveys', { token: staff.token })).body.map((w: { id: string }) => w.id)).not.toContain(created.body.id);
    expect((await respond(staff.token, created.body.id, ALL_AGREE)).status).toBe(404);
  });

  it('answers once (again → 409), validates answers naming the field, pools them until k, then moves them in one batch', async () => {
    const orgU = await unit(org.id, 'Pool');
    const wave = (await openWave(org.hrToken, { audience: 'everyone' })).body;
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await person(org.id, { unitId: orgU }));
    const mine = await api(t.url, 'GET', '/api/my/surveys?lang=en', { token: people[0].token });
    const offered = mine.body.find((w: { id: string }) => w.id === wave.id);
    expect(offered).toMatchObject({ answered: false, title: 'Workplace Climate Survey: Safety and Reporting' });
    expect(offered.contentNote).toMatch(/Content note/);
    expect(offered.support).toMatch(/SAPA 129/);
    expect(offered.questions.find((q: { id: string }) => q.id === 'know-where').options).toHaveLength(5);

    const bad: [unknown, string][] = [
      [{ ...ALL_AGREE, 'know-where': 'maybe' }, 'answers.know-where'],
      [{ ...ALL_AGREE, witnessed: undefined }, 'answers.witnessed'],
      [{ ...ALL_AGREE, extra: 'x' }, 'answers.extra'],
      [{ ...ALL_AGREE, comments: 'x'.repeat(1001) }, 'answers.comments'],
      [{ ...ALL_AGREE, witnessed: 3 }, 'answers.witnessed'],
      ['all good', 'answers'],
    ];
    for (const [answers, field] of bad) {
      const res = await respond(people[0].token, wave.id, answers);
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    // A refused answer records nothing.
    expect(await t.dataSource.query(`SELECT 1 FROM survey_participation WHERE wave_id = $1`, [wave.id])).toEqual([]);

    const first = await respond(people[0].token, wave.id, { ...ALL_AGREE, comments: 'More training for managers' });
    expect(first.status).toBe(201);
    expect((await respond(people[0].token, wave.id, ALL_AGREE)).status).toBe(409);
    expect((await api(t.url, 'GET', '/api/my/surveys', { token: people[0].token })).body.find((w: { id: string }) => w.id === wave.id).answered).toBe(true);

    // In the pool, not in the results; the pooled row holds nothing of the person.
    const [pooled] = await t.dataSource.query(`SELECT to_jsonb(p) AS row FROM survey_response_pool p WHERE wave_id = $1`, [wave.id]);
    const text = JSON.stringify(pooled.row);
    const [who] = await t.dataSource.query(`SELECT email, name FROM users WHERE id = $1`, [people[0].id]);
    for (const value of [people[0].id, who.email]) expect(text).not.toContain(value);
    expect(await t.dataSource.query(`SELECT 1 FROM survey_responses WHERE wave_id = $1`, [wave.id])).toEqual([]);

    for (const p of people.slice(1, 4)) expect((await respond(p.token, wave.id, ALL_AGREE)).status).toBe(201);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM survey_response_pool WHERE wave_id = $1`, [wave.id]))[0].n).toBe(4);
    expect(await t.dataSource.query(`SELECT 1 FROM survey_responses WHERE wave_id = $1`, [wave.id])).toEqual([]);
    expect((await respond(people[4].token, wave.id, ALL_AGREE)).status).toBe(201);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM survey_responses WHERE wave_id = $1`, [wave.id]))[0].n).toBe(5);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM survey_response_pool WHERE wave_id = $1`, [wave.id]))[0].n).toBe(0);
    const [part] = await t.dataSource.query(`SELECT to_char(answered_on, 'YYYY-MM-DD') AS day, to_char(org_today($2), 'YYYY-MM-DD') AS today FROM survey_participation WHERE wave_id = $1 AND user_id = $3`, [
      wave.id,
      org.id,
      people[0].id,
    ]);
    expect(part.day).toBe(part.today);
  });

  it('keeps a group attribute only where the group has k members, and suppresses small groups in every breakdown', async () => {
    // A fresh organisation so that group sizes are exactly ours: HR (female by default, in no unit) + 8 people.
    const admin = await createPlatformAdmin(t.dataSource);
    const o = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    await t.dataSource.query(`UPDATE users SET gender = 'female' WHERE organization_id = $1`, [o.id]);
    const big = await unit(o.id, 'Big');
    const small = await unit(o.id, 'Small');
    const women = [];
    for (let i = 0; i < 6; i++) women.push(await person(o.id, { unitId: big, gender: 'female' }));
    const men = [await person(o.id, { unitId: small, gender: 'male', leader: true }), await person(o.id, { unitId: small, gender: 'male' })];
    const wave = (await openWave(o.hrToken, {})).body;
    for (const p of women) expect((await respond(p.token, wave.id, { ...ALL_AGREE, comments: 'Safer night shifts' })).status).toBe(201);
    for (const p of men) expect((await respond(p.token, wave.id, { ...ALL_AGREE, witnessed: 'yes' })).status).toBe(201);
    // 8 answers: the first batch of 5 moved, 3 wait in the pool.
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM survey_responses WHERE wave_id = $1`, [wave.id]))[0].n).toBe(5);
    const attributes = await t.dataSource.query(
      `SELECT unit_id AS "unitId", role, gender, count(*)::int AS n FROM (SELECT unit_id, role, gender FROM survey_responses WHERE wave_id = $1
       UNION ALL SELECT unit_id, role, gender FROM survey_response_pool WHERE wave_id = $1) x GROUP BY 1, 2, 3 ORDER BY 4 DESC, 2`,
      [wave.id],
    );
    // Men (2), leaders (1) and the small unit (2) are groups under k: their responses keep none of those attributes.
    expect(attributes).toEqual([
      { unitId: big, role: 'staff', gender: 'female', n: 6 },
      { unitId: null, role: 'staff', gender: null, n: 1 },
      { unitId: null, role: null, gender: null, n: 1 },
    ]);

    // Close the wave: the rest of the pool moves in when results are next read.
    await t.dataSource.query(`UPDATE survey_waves SET opens_on = '2025-01-01', closes_on = '2025-12-31' WHERE id = $1`, [wave.id]);
    const overall = await results(o.hrToken, wave.id);
    expect(overall.status).toBe(200);
    expect(overall.body).toMatchObject({ responses: 8, suppressed: false, closed: true, k: 5 });
    expect(await t.dataSource.query(`SELECT 1 FROM survey_response_pool WHERE wave_id = $1`, [wave.id])).toEqual([]);
    const witnessed = overall.body.questions.find((q: { id: string }) => q.id === 'witnessed');
    expect(witnessed.overall.counts).toEqual({ yes: 2, no: 6, 'not-sure': 0, 'prefer-not': 0 });
    expect(overall.body.freeText).toEqual([expect.objectContaining({ questionId: 'comments', suppressed: false, answers: Array(6).fill('Safer night shifts') })]);

    const byGender = (await results(o.hrToken, wave.id, 'gender')).body;
    // female 6 shown; "other" (2) under k is hidden, and nothing else is small enough to give it away but female:
    // total 8 = female + other, so female is hidden with it (complementary).
    expect(byGender.groups).toEqual([
      { group: 'female', responses: null, suppressed: true },
      { group: 'male', responses: 0, suppressed: false },
      { group: 'not_stated', responses: 0, suppressed: false },
      { group: 'other', responses: null, suppressed: true },
    ]);
    const wGender = byGender.questions.find((q: { id: string }) => q.id === 'witnessed');
    expect(wGender.groups.filter((g: { counts: unknown }) => g.counts !== null && Object.values(g.counts as object).some((n) => n > 0))).toEqual([]);
    // Free text never per group, whatever the grouping.
    expect(JSON.stringify(byGender.questions)).not.toContain('Safer night shifts');

    // The CSV export hides the same cells (empty count, suppressed true) and has free text only for the whole wave.
    const csv = await fetch(`${t.url}/api/surveys/${wave.id}/results.csv?groupBy=gender&lang=en`, { headers: { authorization: `Bearer ${o.hrToken}` } });
    expect(csv.status).toBe(200);
    const csvLines = (await csv.text()).trim().split('\n');
    expect(csvLines[0]).toBe('question,option,group,count,suppressed');
    const witnessedYes = csvLines.filter((l) => l.startsWith('"In the last 12 months, did you witness') && l.includes(',Yes,'));
    expect(witnessedYes.map((l) => l.split(',').slice(-3).join(','))).toEqual(['all,2,false', 'female,,true', 'male,0,false', 'not_stated,0,false', 'other,,true']);
    const free = csvLines.filter((l) => l.includes('Safer night shifts'));
    expect(free).toHaveLength(6);
    expect(free.every((l) => l.endsWith(',all,,false'))).toBe(true);

    const byRole = (await results(o.hrToken, wave.id, 'role')).body;
    expect(byRole.groups).toEqual([
      { group: 'leaders', responses: 0, suppressed: false },
      { group: 'staff', responses: null, suppressed: true },
      { group: 'other', responses: null, suppressed: true },
    ]);
    const byUnit = (await results(o.hrToken, wave.id, 'unit')).body;
    // Big holds 6 of 8; the 2 without a unit are the organisation's implicit rest, so Big is hidden too.
    expect(byUnit.groups).toEqual([expect.objectContaining({ groupId: big, responses: null, suppressed: true })]);

    // Below k responses in all, nothing at all is shown.
    const tiny = (await openWave(o.hrToken, {})).body;
    expect((await respond(women[0].token, tiny.id, { ...ALL_AGREE, comments: 'only me' })).status).toBe(201);
    await t.dataSource.query(`UPDATE survey_waves SET opens_on = '2025-01-01', closes_on = '2025-12-31' WHERE id = $1`, [tiny.id]);
    const alone = (await results(o.hrToken, tiny.id, 'gender')).body;
    expect(alone).toMatchObject({ responses: null, suppressed: true });
    expect(alone.questions.every((q: { overall: { counts: unknown } }) => q.overall.counts === null)).toBe(true);
    expect(alone.freeText[0]).toMatchObject({ answers: null, suppressed: true });
    expect(alone.groups.every((g: { responses: number | null }) => g.responses === null || g.responses === 0)).toBe(true);
  });

  it('results: HR of the organisation and engaged auditors (logged); staff 403, another organisation 404', async () => {
    const wave = (await openWave(org.hrToken, {})).body;
    const staff = await person(org.id, { unitId: unitB });
    expect((await results(staff.token, wave.id)).status).toBe(403);
    expect((await results(otherOrg.hrToken, wave.id)).status).toBe(404);
    expect((await results(org.hrToken, wave.id, 'region')).status).toBe(400);
    const [partner] = await t.dataSource.query(`INSERT INTO partners (name) VALUES ($1) RETURNING id`, [unique('Mitra')]);
    await t.dataSource.query(`INSERT INTO engagements (partner_id, organization_id, period_start, period_end, scope) VALUES ($1, $2, '2026-01-01', '2099-12-31', 'aggregate')`, [
      partner.id,
      org.id,
    ]);
    const email = `${unique('auditor')}@mitra.test`;
    await t.dataSource.query(`INSERT INTO users (partner_id, email, name, roles, password_hash) VALUES ($1, $2, 'Auditor', '{auditor}', $3)`, [partner.id, email, passwordHash]);
    const auditor = await login(t.url, email, PASSWORD);
    expect((await results(auditor, wave.id, 'role')).status).toBe(200);
    const reads = await t.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'auditor.read' AND target_type = 'survey_wave' AND target_id = $1`, [wave.id]);
    expect(reads).toHaveLength(1);
    expect((await api(t.url, 'GET', `/api/organizations/${org.id}/survey-waves`, { token: auditor })).body.map((w: { id: string }) => w.id)).toContain(wave.id);
    // Answering writes no trail entry: it would tie a person to a moment.
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1`, [org.id]))[0].n;
    expect((await respond(staff.token, wave.id, ALL_AGREE)).status).toBe(201);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1`, [org.id]))[0].n).toBe(before);
  });

  it('refuses answers before a wave opens and after it closes (409)', async () => {
    const p = await person(org.id, { unitId: unitA });
    const later = (await openWave(org.hrToken, { opensOn: '2099-01-01', closesOn: '2099-12-31' })).body;
    expect((await respond(p.token, later.id, ALL_AGREE)).status).toBe(409);
    const done = (await openWave(org.hrToken, {})).body;
    await t.dataSource.query(`UPDATE survey_waves SET opens_on = '2025-01-01', closes_on = '2025-12-31' WHERE id = $1`, [done.id]);
    expect((await respond(p.token, done.id, ALL_AGREE)).status).toBe(409);
    expect(await t.dataSource.query(`SELECT 1 FROM survey_participation WHERE wave_id = ANY ($1)`, [[later.id, done.id]])).toEqual([]);
  });
});
