import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LearningService } from '../src/learning/learning.service';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

/**
 * A module of its own (slug `interactive-sample`) beside the test content, so that the blocks and the
 * pre-test are known exactly whatever the real modules hold; its folder sorts last.
 */
const SLUG = 'interactive-sample';
const FILES: Record<string, string> = {
  'module.yaml': `slug: ${SLUG}
title: { id: Contoh interaktif, en: Interactive sample }
summary: { id: Ringkasan, en: Summary }
audience: everyone
estimatedMinutes: 1
passMark: 50
recertificationMonths: 12
minSecondsPerLesson: 1
lessons:
  - id: one
  - id: two
`,
  'quiz.yaml': `questions:
  - id: q1
    topic: consent
    text: { id: "Diam berarti setuju?", en: "Does silence mean yes?" }
    options:
      - { id: a, text: { id: "Ya, selalu", en: "Yes, always" }, explanation: { id: "Salah.", en: "Wrong." } }
      - { id: b, correct: true, text: { id: "Tidak", en: "No" }, explanation: { id: "Benar.", en: "Correct." } }
  - id: q2
    topic: forms
    text: { id: "Komentar tubuh termasuk?", en: "Are comments on a body included?" }
    options:
      - { id: a, correct: true, text: { id: "Ya", en: "Yes" }, explanation: { id: "Benar.", en: "Correct." } }
      - { id: b, text: { id: "Tidak pernah", en: "Never at all" }, explanation: { id: "Salah.", en: "Wrong." } }
`,
  'pretest.yaml': `questions:
  - id: p1
    topic: consent
    text: { id: "Persetujuan bisa ditarik?", en: "Can consent be withdrawn?" }
    options:
      - { id: a, correct: true, text: { id: "Ya", en: "Yes" }, explanation: { id: "Benar.", en: "Correct." } }
      - { id: b, text: { id: "Tidak pernah", en: "Never at all" }, explanation: { id: "Salah.", en: "Wrong." } }
  - id: p2
    topic: forms
    multiple: true
    text: { id: "Mana yang bentuk nonfisik?", en: "Which are non-physical?" }
    options:
      - { id: a, correct: true, text: { id: "Siulan", en: "Catcalls" }, explanation: { id: "Benar.", en: "Correct." } }
      - { id: b, correct: true, text: { id: "Komentar", en: "Comments" }, explanation: { id: "Benar.", en: "Correct." } }
      - { id: c, text: { id: "Rapat", en: "A meeting" }, explanation: { id: "Salah.", en: "Wrong." } }
`,
  'lessons/one.id.md': '# Satu\n\nSelamat datang di {{org.name}}.\n\n<!-- block: check-silence -->\n\nLanjutan.\n',
  'lessons/one.en.md': '# One\n\nWelcome to {{org.name}}.\n\n<!-- block: check-silence -->\n\nMore.\n',
  'lessons/one.blocks.yaml': `- type: check
  id: check-silence
  question: { id: "Diam berarti setuju?", en: "Does silence mean yes?" }
  options:
    - { id: a, text: { id: "Ya", en: "Yes" }, feedback: { id: "Salah. Diam bukan persetujuan.", en: "Wrong. Silence is not consent." } }
    - { id: b, correct: true, text: { id: "Tidak", en: "No" }, feedback: { id: "Benar. Persetujuan diberikan dengan jelas.", en: "Correct. Consent is given clearly." } }
- type: check
  id: check-forms
  multiple: true
  question: { id: "Mana yang pelecehan?", en: "Which are harassment?" }
  options:
    - { id: a, correct: true, text: { id: "Siulan", en: "Catcalls" }, feedback: { id: "Benar.", en: "Correct." } }
    - { id: b, correct: true, text: { id: "Pesan cabul", en: "Lewd messages" }, feedback: { id: "Benar.", en: "Correct." } }
    - { id: c, text: { id: "Rapat kerja", en: "A work meeting" }, feedback: { id: "Salah.", en: "Wrong." } }
`,
  'lessons/two.id.md': '# Dua\n\nTeks.\n',
  'lessons/two.en.md': '# Two\n\nText.\n',
  'lessons/two.blocks.yaml': `- type: scenario
  id: scenario-lift
  title: { id: "Di lift", en: "In the lift" }
  start: start
  debrief: { id: "Ringkasan", en: "What it teaches" }
  nodes:
    - id: start
      text: { id: "Awal", en: "A colleague stands too close." }
      choices:
        - { text: { id: "Tegur", en: "Speak up" }, consequence: { id: "Ia mundur", en: "He steps back" }, next: done }
    - id: done
      end: true
      text: { id: "Selesai", en: "The end" }
- type: reflection
  id: reflection-team
  prompt: { id: "Apa yang akan Anda ubah?", en: "What will you change?" }
`,
};

describe('interactive lessons: blocks, checks, reflections, pre-test (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  let contentDir: string;

  async function learner(name = 'Ayu Lestari') {
    const person = await addPerson(t.dataSource, org.id, { password: true, name });
    await t.dataSource.transaction((m) => t.app.get(LearningService).assign(m, org.id, [person.id], SLUG, '2099-01-01'));
    return { ...person, token: await login(t.url, person.email, PASSWORD) };
  }
  const checked = (token: string, body: Record<string, unknown>, lang = 'en') =>
    api(t.url, 'POST', `/api/modules/${SLUG}/progress?lang=${lang}`, { token, body: { event: 'checked', lessonId: 'one', ...body } });

  beforeAll(async () => {
    contentDir = mkdtempSync(join(tmpdir(), 'aman-interactive-content-'));
    cpSync(process.env['TEST_CONTENT_DIR'] ?? join(process.cwd(), '..', 'content'), contentDir, { recursive: true });
    for (const [name, text] of Object.entries(FILES)) {
      const path = join(contentDir, 'modules', '99-interactive-sample', name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
    }
    t = await startTestApp({ CONTENT_DIR: contentDir });
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(async () => {
    if (!t) return;
    // The sample is not part of the other suites' content: retire it as their start would.
    await t.dataSource.query(`UPDATE modules SET active = false WHERE slug = $1`, [SLUG]);
    await t.close();
    rmSync(contentDir, { recursive: true, force: true });
  });

  it('serves each lesson as blocks in reading order, in the requested language, without answers', async () => {
    const me = await learner();
    const res = await api(t.url, 'GET', `/api/modules/${SLUG}?lang=en`, { token: me.token });
    expect(res.status).toBe(200);
    const [one, two] = res.body.lessons;
    expect(one.blocks.map((b: { type: string; id?: string }) => b.id ?? b.type)).toEqual(['markdown', 'check-silence', 'markdown', 'check-forms']);
    expect(one.blocks[0].html).toContain(`Welcome to Org ${org.code}.`);
    expect(one.blocks[2].html).toBe('<p>More.</p>\n');
    expect(one.blocks[1]).toEqual({
      type: 'check',
      id: 'check-silence',
      multiple: false,
      question: 'Does silence mean yes?',
      options: [{ id: 'a', text: 'Yes' }, { id: 'b', text: 'No' }],
      answered: false,
    });
    // The markers never reach the page, in the body or the blocks.
    expect(JSON.stringify(res.body.lessons)).not.toMatch(/block:|&lt;!--|correct|feedback/);
    expect(two.blocks[1]).toMatchObject({ type: 'scenario', id: 'scenario-lift', title: 'In the lift', start: 'start', debrief: 'What it teaches' });
    expect(two.blocks[1].nodes).toEqual([
      { id: 'start', text: 'A colleague stands too close.', end: false, choices: [{ text: 'Speak up', consequence: 'He steps back', next: 'done' }] },
      { id: 'done', text: 'The end', end: true, choices: [] },
    ]);
    expect(two.blocks[2]).toEqual({ type: 'reflection', id: 'reflection-team', prompt: 'What will you change?' });
    const id = await api(t.url, 'GET', `/api/modules/${SLUG}?lang=id`, { token: me.token });
    expect(id.body.lessons[0].blocks[1].question).toBe('Diam berarti setuju?');
  });

  it('answers a check with every option’s feedback and records it per assignment, never graded', async () => {
    const me = await learner();
    const wrong = await checked(me.token, { blockId: 'check-silence', optionIds: ['a'] });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toEqual({
      correct: false,
      feedback: [
        { optionId: 'a', correct: false, feedback: 'Wrong. Silence is not consent.' },
        { optionId: 'b', correct: true, feedback: 'Correct. Consent is given clearly.' },
      ],
    });
    const right = await checked(me.token, { blockId: 'check-silence', optionIds: ['b'] }, 'id');
    expect(right.body).toMatchObject({ correct: true, feedback: [{ optionId: 'a', feedback: 'Salah. Diam bukan persetujuan.' }, { optionId: 'b' }] });
    expect((await checked(me.token, { blockId: 'check-forms', optionIds: ['b', 'a'] })).body.correct).toBe(true);
    expect((await checked(me.token, { blockId: 'check-forms', optionIds: ['a'] })).body.correct).toBe(false);

    const rows = await t.dataSource.query(
      `SELECT c.block_id, c.lesson_id, c.option_ids, c.correct, c.answer_count FROM check_answers c JOIN assignments a ON a.id = c.assignment_id
        WHERE a.user_id = $1 ORDER BY c.block_id`,
      [me.id],
    );
    expect(rows).toEqual([
      { block_id: 'check-forms', lesson_id: 'one', option_ids: ['a'], correct: false, answer_count: 2 },
      { block_id: 'check-silence', lesson_id: 'one', option_ids: ['b'], correct: true, answer_count: 2 },
    ]);
    const page = await api(t.url, 'GET', `/api/modules/${SLUG}`, { token: me.token });
    expect(page.body.lessons[0].blocks.filter((b: { type: string }) => b.type === 'check').map((b: { answered: boolean }) => b.answered)).toEqual([true, true]);
    // Answering checks neither reads lessons nor unlocks or passes anything.
    expect(page.body.quiz.unlocked).toBe(false);
    expect(page.body.assignment.completedAt).toBeNull();
  });

  it('refuses a check that is not one, an unknown option or a wrong count with 400 naming the field', async () => {
    const me = await learner();
    const field = async (body: Record<string, unknown>) => {
      const res = await checked(me.token, body);
      expect(res.status).toBe(400);
      return res.body.fields?.[0]?.field ?? res.body.message;
    };
    expect(await field({ blockId: 'no-such-block', optionIds: ['a'] })).toBe('blockId');
    expect(await field({ blockId: 'reflection-team', lessonId: 'two', optionIds: ['a'] })).toBe('blockId');
    expect(await field({ blockId: 'scenario-lift', lessonId: 'two', optionIds: ['a'] })).toBe('blockId');
    // A check of another lesson is not this lesson's.
    expect(await field({ blockId: 'check-silence', lessonId: 'two', optionIds: ['a'] })).toBe('blockId');
    expect(await field({ blockId: 'check-silence', lessonId: 'three', optionIds: ['a'] })).toBe('lessonId');
    expect(await field({ blockId: 'check-silence', optionIds: ['z'] })).toBe('optionIds');
    expect(await field({ blockId: 'check-silence', optionIds: ['a', 'b'] })).toBe('optionIds');
    expect(await field({ blockId: 'check-forms', optionIds: ['a', 'a'] })).toBe('optionIds');
    expect(await field({ blockId: 'check-silence', optionIds: [] })).toBe('optionIds');
    expect(await field({ blockId: 'check-silence', optionIds: 'a' })).toBe('optionIds');
    expect(await field({ optionIds: ['a'] })).toBe('blockId');
    expect(await field({ blockId: 'check-silence' })).toBe('optionIds');
    expect(await t.dataSource.query(`SELECT 1 FROM check_answers c JOIN assignments a ON a.id = c.assignment_id WHERE a.user_id = $1`, [me.id])).toEqual([]);
    // Opened and read still answer 204 and need no block.
    expect((await api(t.url, 'POST', `/api/modules/${SLUG}/progress`, { token: me.token, body: { lessonId: 'one', event: 'opened' } })).status).toBe(204);
  });

  it('keeps a reflection for the learner alone: sealed at rest, absent from HR’s person page, assignments and exports', async () => {
    const me = await learner('Reflecting Person');
    const other = await learner('Other Person');
    const secret = `My own thoughts ${Date.now()}: my supervisor X made me uneasy`;
    const put = await api(t.url, 'PUT', `/api/modules/${SLUG}/reflections/reflection-team`, { token: me.token, body: { text: secret } });
    expect(put.status).toBe(204);
    const mine = await api(t.url, 'GET', `/api/modules/${SLUG}`, { token: me.token });
    expect(mine.body.lessons[1].blocks[2]).toEqual({ type: 'reflection', id: 'reflection-team', prompt: expect.any(String), text: secret });
    const theirs = await api(t.url, 'GET', `/api/modules/${SLUG}`, { token: other.token });
    expect(theirs.body.lessons[1].blocks[2].text).toBeUndefined();

    const [row] = await t.dataSource.query(`SELECT text_sealed FROM reflections WHERE user_id = $1`, [me.id]);
    expect(Buffer.from(row.text_sealed).toString('latin1')).not.toContain('supervisor');

    const hr = { token: org.hrToken };
    const reads = [
      await api(t.url, 'GET', `/api/users/${me.id}`, hr),
      await api(t.url, 'GET', `/api/assignments?userId=${me.id}`, hr),
      await api(t.url, 'GET', `/api/reports/completion.csv?groupBy=module`, hr),
      await api(t.url, 'GET', `/api/reports/people.csv`, hr),
      await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/entries?afterSeq=0&limit=1000`, hr),
    ];
    for (const read of reads) {
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toContain('uneasy');
    }
    expect(JSON.stringify(reads[0].body)).toContain('Reflecting Person');

    expect((await api(t.url, 'PUT', `/api/modules/${SLUG}/reflections/reflection-team`, { token: me.token, body: { text: 'x'.repeat(4001) } })).body.fields[0].field).toBe('text');
    expect((await api(t.url, 'PUT', `/api/modules/${SLUG}/reflections/check-silence`, { token: me.token, body: { text: 'x' } })).status).toBe(404);
    expect((await api(t.url, 'PUT', `/api/modules/${SLUG}/reflections/reflection-team`, { token: org.hrToken, body: { text: 'x' } })).status).toBe(404);
    // An empty text removes it.
    expect((await api(t.url, 'PUT', `/api/modules/${SLUG}/reflections/reflection-team`, { token: me.token, body: { text: '  ' } })).status).toBe(204);
    expect(await t.dataSource.query(`SELECT 1 FROM reflections WHERE user_id = $1`, [me.id])).toEqual([]);
  });

  it('takes the pre-test once per assignment, before the quiz, and stores its score', async () => {
    const me = await learner();
    const get = await api(t.url, 'GET', `/api/modules/${SLUG}/pretest?lang=en`, { token: me.token });
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({ available: true, score: null, questions: [{ id: 'p1', text: 'Can consent be withdrawn?', multiple: false }, { id: 'p2', multiple: true }] });
    expect((await api(t.url, 'GET', `/api/modules/${SLUG}`, { token: me.token })).body.pretest).toEqual({ questions: 2, available: true, score: null });
    expect(JSON.stringify(get.body)).not.toMatch(/correct|explanation/);

    const bad = await api(t.url, 'POST', `/api/modules/${SLUG}/pretest`, { token: me.token, body: { answers: { p1: ['a'], p2: ['z'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['answers.p2']);
    expect((await api(t.url, 'POST', `/api/modules/${SLUG}/pretest`, { token: me.token, body: { answers: { p1: ['a'] } } })).body.fields[0].field).toBe('answers.p2');

    const post = await api(t.url, 'POST', `/api/modules/${SLUG}/pretest`, { token: me.token, body: { answers: { p1: ['a'], p2: ['a'] } } });
    expect(post.status).toBe(201);
    expect(post.body).toEqual({ score: 50 });
    const again = await api(t.url, 'POST', `/api/modules/${SLUG}/pretest`, { token: me.token, body: { answers: { p1: ['a'], p2: ['a', 'b'] } } });
    expect(again.status).toBe(409);
    expect((await api(t.url, 'GET', `/api/modules/${SLUG}/pretest`, { token: me.token })).body).toMatchObject({ available: false, score: 50 });
    expect((await api(t.url, 'GET', `/api/modules/${SLUG}`, { token: me.token })).body.pretest).toEqual({ questions: 2, available: false, score: 50 });
    const [row] = await t.dataSource.query(`SELECT p.score, p.module_slug, p.organization_id FROM pretest_attempts p JOIN assignments a ON a.id = p.assignment_id WHERE a.user_id = $1`, [me.id]);
    expect(row).toEqual({ score: 50, module_slug: SLUG, organization_id: org.id });

    // After a quiz attempt the pre-test would measure nothing: refused.
    const late = await learner();
    const [assignment] = await t.dataSource.query(`SELECT id FROM assignments WHERE user_id = $1`, [late.id]);
    await t.dataSource.query(
      `INSERT INTO quiz_attempts (organization_id, assignment_id, user_id, module_slug, module_version, answers, score, passed, result, request_hash)
       VALUES ($1, $2, $3, $4, 'v', '{}', 0, false, '{}', 'h')`,
      [org.id, assignment.id, late.id, SLUG],
    );
    expect((await api(t.url, 'GET', `/api/modules/${SLUG}/pretest`, { token: late.token })).body.available).toBe(false);
    expect((await api(t.url, 'POST', `/api/modules/${SLUG}/pretest`, { token: late.token, body: { answers: { p1: ['a'], p2: ['a', 'b'] } } })).status).toBe(409);
    // A module without a pre-test, or not assigned: 404.
    expect((await api(t.url, 'GET', `/api/modules/recognising-harassment/pretest`, { token: me.token })).status).toBe(404);
  });
});
