import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { CatalogService } from '../src/catalog/catalog.service';
import { LearningService } from '../src/learning/learning.service';
import { drawnAnswers, readAllLessons } from './quiz-fixtures';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the learner journey (real PostgreSQL, real content)', () => {
  let t: TestApp;
  let org: TestOrg;
  let catalog: CatalogService;
  const slug = 'recognising-harassment';

  async function learnerWith(slugs: string[], dueOn = '2099-01-01') {
    const person = await addPerson(t.dataSource, org.id, { password: true, name: 'Ayu Lestari' });
    await t.dataSource.transaction(async (m) => {
      for (const s of slugs) await t.app.get(LearningService).assign(m, org.id, [person.id], s, dueOn);
    });
    return { ...person, token: await login(t.url, person.email, PASSWORD) };
  }

  /** Lessons marked read in SQL; the reading-time tests below go through the API instead. */
  const readAll = (learner: { id: string }, moduleSlug: string) => readAllLessons(t.dataSource, learner.id, catalog.get(moduleSlug)!);

  /** Answers to the quiz drawn for the learner's current attempt (GET first, as the page does). */
  const answersFor = (learner: { token: string }, moduleSlug: string, right: boolean) =>
    drawnAnswers(t.url, t.dataSource, learner.token, catalog.get(moduleSlug)!, right);

  const progress = (learner: { token: string }, lessonId: string, event: string) =>
    api(t.url, 'POST', `/api/modules/${slug}/progress`, { token: learner.token, body: { lessonId, event } });

  beforeAll(async () => {
    t = await startTestApp();
    catalog = t.app.get(CatalogService);
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  it('lists my assignments with statuses computed in SQL, most urgent first', async () => {
    const learner = await learnerWith([slug]);
    await t.dataSource.transaction((m) => t.app.get(LearningService).assign(m, org.id, [learner.id], 'power-relations', '2020-01-01'));
    const res = await api(t.url, 'GET', '/api/my/assignments?lang=en', { token: learner.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ module: expect.objectContaining({ slug: 'power-relations', audience: 'everyone' }), status: 'overdue', dueAt: '2020-01-01' }),
      expect.objectContaining({ module: { slug, title: 'Recognising Sexual Harassment and Violence at Work', audience: 'everyone', version: catalog.get(slug)!.version }, status: 'not_started', completedAt: null, certificateSerial: null }),
    ]);
    // Module cards show how long each module takes.
    expect(res.body.map((a: { estimatedMinutes: number }) => a.estimatedMinutes)).toEqual([catalog.get('power-relations')!.estimatedMinutes, catalog.get(slug)!.estimatedMinutes]);
    expect(res.body[1].estimatedMinutes).toBeGreaterThan(0);
  });

  it('serves the module without answers, and 404 for a module not assigned', async () => {
    const learner = await learnerWith([slug]);
    const res = await api(t.url, 'GET', `/api/modules/${slug}?lang=id`, { token: learner.token });
    expect(res.status).toBe(200);
    expect(res.body.lessons[0].body).toContain('SAPA 129');
    expect(res.body.lessons[0].body).toContain(`Org ${org.code}`);
    const json = JSON.stringify(res.body.quiz);
    expect(json).not.toMatch(/correct|explanation/);
    expect(res.body.quiz.unlocked).toBe(false);
    expect((await api(t.url, 'GET', '/api/modules/online-violence', { token: learner.token })).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/modules/no-such-module', { token: learner.token })).status).toBe(404);
    expect((await api(t.url, 'GET', `/api/modules/${slug}`, { token: org.hrToken })).status).toBe(404);
  });

  it('counts a lesson as read only after its minimum time on the server clock', async () => {
    const learner = await learnerWith([slug]);
    const lessonId = catalog.get(slug)!.lessons[0].id;
    const early = await api(t.url, 'POST', `/api/modules/${slug}/progress`, { token: learner.token, body: { lessonId, event: 'read' } });
    expect(early.status).toBe(409);
    await api(t.url, 'POST', `/api/modules/${slug}/progress`, { token: learner.token, body: { lessonId, event: 'opened' } });
    const tooSoon = await api(t.url, 'POST', `/api/modules/${slug}/progress`, { token: learner.token, body: { lessonId, event: 'read' } });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.secondsLeft).toBe(1);
    await sleep(1100);
    expect((await api(t.url, 'POST', `/api/modules/${slug}/progress`, { token: learner.token, body: { lessonId, event: 'read' } })).status).toBe(204);
    const bad = await api(t.url, 'POST', `/api/modules/${slug}/progress`, { token: learner.token, body: { lessonId: 'nope', event: 'read' } });
    expect(bad.status).toBe(400);
    expect((await api(t.url, 'POST', `/api/modules/${slug}/progress`, { token: learner.token, body: { lessonId, event: 'skimmed' } })).body.message).toMatch(/event/);
    const mine = await api(t.url, 'GET', '/api/my/assignments', { token: learner.token });
    expect(mine.body[0]).toMatchObject({ status: 'in_progress', progress: { read: 1, total: catalog.get(slug)!.lessons.length } });
  });

  it('never lets reading clocks overlap: opening every lesson at once saves no time', async () => {
    const learner = await learnerWith([slug]);
    const [first, second, third] = catalog.get(slug)!.lessons;
    for (const lesson of catalog.get(slug)!.lessons) expect((await progress(learner, lesson.id, 'opened')).status).toBe(204);
    await sleep(1100);
    expect((await progress(learner, first.id, 'read')).status).toBe(204);
    // Lesson 2 was opened as long ago as lesson 1, but its clock starts at lesson 1's read.
    const tooSoon = await progress(learner, second.id, 'read');
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.secondsLeft).toBe(second.minSeconds);
    const module = await api(t.url, 'GET', `/api/modules/${slug}`, { token: learner.token });
    expect(module.body.lessons.slice(0, 2).map((l: { secondsLeft: number }) => l.secondsLeft)).toEqual([0, second.minSeconds]);
    await sleep(1100);
    expect((await progress(learner, second.id, 'read')).status).toBe(204);
    expect((await progress(learner, third.id, 'read')).status).toBe(409);
  });

  it('gives each lesson its secondsLeft: the full time before opening, what remains after, 0 once read', async () => {
    const learner = await learnerWith([slug]);
    const lessons = catalog.get(slug)!.lessons;
    const secondsLeft = async () =>
      (await api(t.url, 'GET', `/api/modules/${slug}`, { token: learner.token })).body.lessons.map((l: { secondsLeft: number }) => l.secondsLeft);
    expect(await secondsLeft()).toEqual(lessons.map((l) => l.minSeconds));
    // Opened 10 minutes ago (long enough) but another lesson was read 0.2 s ago: its clock runs from that read.
    await t.dataSource.query(
      `INSERT INTO lesson_progress (assignment_id, lesson_id, opened_at, read_at)
       SELECT a.id, l.id, now() - interval '10 minutes', l.read_at FROM assignments a,
              (VALUES ($2, now() - interval '200 milliseconds'), ($3, NULL::timestamptz)) AS l(id, read_at)
        WHERE a.user_id = $1`,
      [learner.id, lessons[0].id, lessons[1].id],
    );
    expect(await secondsLeft()).toEqual([0, lessons[1].minSeconds, ...lessons.slice(2).map((l) => l.minSeconds)]);
    await t.dataSource.query(`UPDATE lesson_progress SET read_at = now() - interval '1 hour' WHERE lesson_id = $1 AND read_at IS NOT NULL AND assignment_id IN (SELECT id FROM assignments WHERE user_id = $2)`, [lessons[0].id, learner.id]);
    expect((await secondsLeft())[1]).toBe(0);
  });

  it('counts only one of two lessons read at the same instant', async () => {
    const learner = await learnerWith([slug]);
    const [first, second] = catalog.get(slug)!.lessons;
    await t.dataSource.query(
      `INSERT INTO lesson_progress (assignment_id, lesson_id, opened_at) SELECT a.id, l, now() - interval '1 hour' FROM assignments a, unnest($2::text[]) l WHERE a.user_id = $1`,
      [learner.id, [first.id, second.id]],
    );
    const results = await Promise.all([progress(learner, first.id, 'read'), progress(learner, second.id, 'read')]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
  });

  it('draws the quiz per attempt: the same across reloads, options in a random order under opaque ids, a fresh draw after a submission', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const quiz = async (lang = 'en') => (await api(t.url, 'GET', `/api/modules/${slug}?lang=${lang}`, { token: learner.token })).body.quiz;
    const first = await quiz();
    const module = catalog.get(slug)!;
    expect(first.questions).toHaveLength(module.perAttempt);
    const again = await quiz('id');
    expect(again.questions.map((q: { id: string; options: { id: string }[] }) => [q.id, q.options.map((o) => o.id)])).toEqual(
      first.questions.map((q: { id: string; options: { id: string }[] }) => [q.id, q.options.map((o) => o.id)]),
    );
    const authored = new Set(module.questions.flatMap((q) => q.options.map((o) => o.id)));
    for (const q of first.questions) for (const o of q.options) expect(authored.has(o.id)).toBe(false);
    // The option texts are the bank's, in some order.
    const bankQuestion = module.questions.find((q) => q.id === first.questions[0].id)!;
    expect(first.questions[0].options.map((o: { text: string }) => o.text).sort()).toEqual(bankQuestion.options.map((o) => o.text.en).sort());

    const submitted = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, false) } });
    expect(submitted.status).toBe(201);
    const [{ answers }] = await t.dataSource.query(`SELECT answers FROM quiz_attempts WHERE id = $1`, [submitted.body.id]);
    expect(Object.values(answers as Record<string, string[]>).flat().every((id) => authored.has(id))).toBe(true);
    const next = await quiz();
    expect(next.questions[0].options.map((o: { id: string }) => o.id)).not.toEqual(first.questions[0].options.map((o: { id: string }) => o.id));
    // The consumed draw's answers are refused: they belong to an attempt already submitted.
    const stale = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: Object.fromEntries(first.questions.map((q: { id: string; options: { id: string }[] }) => [q.id, [q.options[0].id]])) } });
    expect(stale.status).toBe(400);
  });

  it('refuses answers to a draw made for an earlier version of the content, and draws afresh on the next look', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const answers = await answersFor(learner, slug, false);
    // The content changed since the draw (its ids may all still fit, its questions may not).
    await t.dataSource.query(
      `UPDATE quiz_draws SET module_version = 'an-earlier-version' WHERE attempt_id IS NULL AND assignment_id IN (SELECT id FROM assignments WHERE user_id = $1)`,
      [learner.id],
    );
    const stale = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers } });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/sudah tidak berlaku/);
    const fresh = await answersFor(learner, slug, false);
    expect(Object.values(fresh).flat().some((id) => Object.values(answers).flat().includes(id))).toBe(false);
    expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: fresh } })).status).toBe(201);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_draws d JOIN assignments a ON a.id = d.assignment_id WHERE a.user_id = $1`, [learner.id]);
    expect(n).toBe(1);
  });

  it('draws perAttempt questions from a larger bank across its topics, and refuses answers to questions not drawn', async () => {
    const module = catalog.get(slug)!;
    const saved = module.perAttempt;
    const topics = new Set(module.questions.map((q) => q.topic));
    module.perAttempt = topics.size;
    try {
      const learner = await learnerWith([slug]);
      await readAll(learner, slug);
      const res = await api(t.url, 'GET', `/api/modules/${slug}`, { token: learner.token });
      const drawn: string[] = res.body.quiz.questions.map((q: { id: string }) => q.id);
      expect(drawn).toHaveLength(topics.size);
      expect(new Set(drawn.map((id) => module.questions.find((q) => q.id === id)!.topic))).toEqual(topics);
      const answers = await answersFor(learner, slug, true);
      // The real banks hold two questions or more per topic, so a draw of one per topic leaves some out.
      const notDrawn = module.questions.find((q) => !drawn.includes(q.id));
      if (!notDrawn) throw new Error(`every question of ${slug} was drawn: the bank is no larger than its topics`);
      const extra = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: { ...answers, [notDrawn.id]: [notDrawn.options[0].id] } } });
      expect(extra.status).toBe(400);
      expect(extra.body.fields.map((f: { field: string }) => f.field)).toEqual([`answers.${notDrawn.id}`]);
      const [skipped, ...rest] = Object.keys(answers);
      const unanswered = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: Object.fromEntries(rest.map((id) => [id, answers[id]])) } });
      expect(unanswered.status).toBe(400);
      expect(unanswered.body.fields.map((f: { field: string }) => f.field)).toEqual([`answers.${skipped}`]);
      const authoredIds = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: Object.fromEntries(drawn.map((id) => [id, [module.questions.find((q) => q.id === id)!.options[0].id]])) } });
      expect(authoredIds.status).toBe(400);
      const passed = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers } });
      expect(passed.body).toMatchObject({ score: 100, passed: true });
      expect(passed.body.feedback.map((f: { questionId: string }) => f.questionId)).toEqual(drawn);
    } finally {
      module.perAttempt = saved;
    }
  });

  it('tells how many options a partly right multiple-choice answer missed or chose wrongly', async () => {
    const module = catalog.get(slug)!;
    const saved = module.perAttempt;
    // The whole bank, so that the draw surely holds its multiple-choice questions.
    module.perAttempt = module.questions.length;
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const right = await answersFor(learner, slug, true);
    const wrong = await answersFor(learner, slug, false);
    module.perAttempt = saved;
    const multiple = Object.keys(right).find((id) => module.questions.find((q) => q.id === id)!.multiple && right[id].length > 1)!;
    expect(multiple).toBeDefined();
    // One correct option left out, one wrong option chosen.
    const answers = { ...wrong, [multiple]: [...right[multiple].slice(1), wrong[multiple][0]] };
    const res = await api(t.url, 'POST', `/api/modules/${slug}/attempts?lang=id`, { token: learner.token, body: { answers } });
    expect(res.status).toBe(201);
    expect(res.body.passed).toBe(false);
    const item = res.body.feedback.find((f: { questionId: string }) => f.questionId === multiple);
    expect(item).toEqual({ questionId: multiple, correct: false, explanation: expect.any(String), missed: 1, wronglyChosen: 1 });
  });

  it('locks the quiz until every lesson is read, validates answers, fails, then passes and completes', async () => {
    const learner = await learnerWith([slug]);
    const locked = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, true) } });
    expect(locked).toMatchObject({ status: 409, body: { message: `Baca semua pelajaran terlebih dahulu: ${catalog.get(slug)!.lessons.length} dari ${catalog.get(slug)!.lessons.length} belum dibaca` } });
    await readAll(learner, slug);

    const missing = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: { 'q-unknown': ['a'] } } });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toContain('answers.q-unknown');
    expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: 'all' } })).status).toBe(400);

    const failed = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, false) } });
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({ score: 0, passed: false, attemptsLeftToday: 2 });
    expect(failed.body.feedback[0].explanation.length).toBeGreaterThan(10);
    expect(failed.body.feedback[0].correctOptionIds).toBeUndefined();

    const passed = await api(t.url, 'POST', `/api/modules/${slug}/attempts?lang=en`, { token: learner.token, body: { answers: await answersFor(learner, slug, true) } });
    expect(passed.body).toMatchObject({ score: 100, passed: true });
    expect(passed.body.feedback[0].correctOptionIds.length).toBeGreaterThan(0);
    // ?lang=en: the feedback is the English text, although the account reads Indonesian.
    const firstAsked = catalog.get(slug)!.questions.find((q) => q.id === passed.body.feedback[0].questionId)!;
    expect(passed.body.feedback[0].explanation).toContain(firstAsked.options.find((o) => o.correct)!.explanation.en);

    const [completion] = await t.dataSource.query(`SELECT module_version, score, time_spent_seconds FROM completions WHERE user_id = $1`, [learner.id]);
    expect(completion).toEqual({ module_version: catalog.get(slug)!.version, score: 100, time_spent_seconds: expect.any(Number) });
    expect(completion.time_spent_seconds).toBeGreaterThanOrEqual(catalog.get(slug)!.lessons.length);
    const mine = await api(t.url, 'GET', '/api/my/assignments', { token: learner.token });
    expect(mine.body[0]).toMatchObject({ status: 'completed', completedVersion: catalog.get(slug)!.version });
    const again = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, true) } });
    expect(again).toMatchObject({ status: 409, body: { message: 'Anda sudah menyelesaikan modul ini' } });

    await t.app.get(AuditTrailService).sequenceNow();
    const trail = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE actor_id = $1 AND action LIKE 'learning.%' ORDER BY id`,
      [learner.id],
    );
    expect(trail.map((r: { action: string }) => r.action)).toEqual(['learning.attempt_submitted', 'learning.attempt_submitted', 'learning.completed']);
  });

  it('records one attempt for a double submit with the same Idempotency-Key', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const wrong = await answersFor(learner, slug, false);
    const right = await answersFor(learner, slug, true);
    const send = (key: string, answers: Record<string, string[]>) =>
      api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers }, headers: { 'idempotency-key': key } });
    const [a, b] = await Promise.all([send('k-1', wrong), send('k-1', wrong)]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await send('k-1', right)).status).toBe(409);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(1);
  });

  it('checks the session inside the submission: a revoked or expired session, a deactivated person and a non-employee are refused at once', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const answers = await answersFor(learner, slug, false);
    const submit = (token: string) => api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token, body: { answers } });
    expect((await submit('not-a-session')).status).toBe(401);
    expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { body: { answers } })).status).toBe(401);
    const other = await login(t.url, learner.email, PASSWORD);
    await api(t.url, 'POST', '/api/auth/logout', { token: other });
    expect((await submit(other)).status).toBe(401);
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND revoked_at IS NULL`, [learner.id]);
    expect((await submit(learner.token)).status).toBe(401);
    const again = await login(t.url, learner.email, PASSWORD);
    await t.dataSource.query(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [learner.id]);
    try {
      expect((await submit(again)).status).toBe(401);
    } finally {
      await t.dataSource.query(`UPDATE users SET status = 'active' WHERE id = $1`, [learner.id]);
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(0);
    const admin = await createPlatformAdmin(t.dataSource);
    expect((await submit(await login(t.url, admin.email, PASSWORD))).status).toBe(403);
    expect((await submit(again)).status).toBe(201);
  });

  it('holds the second-factor rule on the submission too: an HR admin who must enrol first is refused, nothing written', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const answers = await answersFor(learner, slug, false);
    await t.dataSource.query(`UPDATE users SET roles = ARRAY['employee','hr_admin'] WHERE id = $1`, [learner.id]);
    await t.dataSource.query(`UPDATE organizations SET require_hr_totp = true WHERE id = $1`, [org.id]);
    try {
      const res = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('totp_enrollment_required');
    } finally {
      await t.dataSource.query(`UPDATE organizations SET require_hr_totp = false WHERE id = $1`, [org.id]);
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(0);
    expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers } })).status).toBe(201);
  });

  it('re-checks the draw under the lock: of two submissions of one draw that both got past the read, only the first counts', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const answers = await answersFor(learner, slug, false);
    // Hold the assignment's lock so that both submissions read the open draw, then queue in learning_submit_attempt.
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let results: { status: number; body: { message?: string } }[];
    try {
      await runner.query(`SELECT 1 FROM assignments WHERE user_id = $1 FOR UPDATE`, [learner.id]);
      const pending = [0, 1].map(() => api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers } }));
      await sleep(300);
      await runner.commitTransaction();
      results = await Promise.all(pending);
    } finally {
      await runner.release();
    }
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.message).toMatch(/sudah tidak berlaku/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(1);
  });

  it('re-checks the session under the lock: a session revoked between reading and recording stops the attempt', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const answers = await answersFor(learner, slug, false);
    // Hold the assignment's lock so the submission waits inside learning_submit_attempt, then revoke.
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT 1 FROM assignments WHERE user_id = $1 FOR UPDATE`, [learner.id]);
      const pending = api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers } });
      await sleep(300);
      await t.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [learner.id]);
      await runner.commitTransaction();
      expect((await pending).status).toBe(401);
    } finally {
      await runner.release();
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(0);
  });

  it('writes one attempt row and one trail entry of the audit-trail service shape per submission', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const res = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, false) } });
    expect(res.status).toBe(201);
    const rows = await t.dataSource.query(
      `SELECT organization_id, actor_id, action, target_type, target_id, details, at = date_trunc('milliseconds', at) AS ms FROM audit_entries WHERE actor_id = $1 AND action LIKE 'learning.%'`,
      [learner.id],
    );
    expect(rows).toEqual([
      { organization_id: org.id, actor_id: learner.id, action: 'learning.attempt_submitted', target_type: 'quiz_attempt', target_id: res.body.id, details: { module: slug, version: catalog.get(slug)!.version, score: res.body.score, passed: false }, ms: true },
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(1);
    expect(res.body.attemptsLeftToday).toBe(2);
  });

  it('answers with exactly the result it stored, whether the app or the database chose the language, and replays it', async () => {
    const stored = async (id: string) => (await t.dataSource.query(`SELECT result FROM quiz_attempts WHERE id = $1`, [id]))[0].result;
    const english = await learnerWith([slug]);
    await readAll(english, slug);
    const send = (learner: { token: string }, answers: Record<string, string[]>, query: string, key: string) =>
      api(t.url, 'POST', `/api/modules/${slug}/attempts${query}`, { token: learner.token, body: { answers }, headers: { 'idempotency-key': key } });
    // ?lang given: the app keeps the result it graded and adds attemptsLeftToday from the database's count.
    const answers = await answersFor(english, slug, false);
    const first = await send(english, answers, '?lang=en', 'r-1');
    expect(first.status).toBe(201);
    expect(first.body).toEqual(await stored(first.body.id));
    expect(first.body.attemptsLeftToday).toBe(2);
    // One wrong option chosen per question: each explanation is that option's English one.
    const options = catalog.get(slug)!.questions.flatMap((q) => q.options);
    const inEnglish = new Set(options.map((o) => o.explanation.en));
    expect(first.body.feedback.every((f: { explanation: string }) => inEnglish.has(f.explanation))).toBe(true);
    const second = await send(english, await answersFor(english, slug, false), '?lang=en', 'r-2');
    expect(second.body).toEqual(await stored(second.body.id));
    expect(second.body.attemptsLeftToday).toBe(1);
    // A replay returns the first stored result, not a fresh one.
    const replay = await send(english, answers, '?lang=en', 'r-1');
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    // No ?lang: the database picks the account's language and returns what it stored.
    const plain = await learnerWith([slug]);
    await readAll(plain, slug);
    const bare = await send(plain, await answersFor(plain, slug, false), '', 'r-3');
    expect(bare.status).toBe(201);
    expect(bare.body).toEqual(await stored(bare.body.id));
    expect(bare.body.attemptsLeftToday).toBe(2);
  });

  /** The named statements the app's pool sends while `run` runs (the pool is instrumented, not replaced). */
  async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
    const pool = (t.dataSource.driver as unknown as { master: { query: (...args: unknown[]) => unknown } }).master;
    const original = pool.query;
    const names: string[] = [];
    pool.query = function (this: unknown, ...args: unknown[]) {
      const config = args[0] as { name?: string } | string;
      names.push(typeof config === 'object' && config.name ? config.name : 'unnamed');
      return original.apply(this, args);
    };
    try {
      await run();
    } finally {
      pool.query = original;
    }
    return names;
  }

  it('records a submission of the current draw in one statement: its option ids name the draw', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const answers = await answersFor(learner, slug, false);
    let status = 0;
    const names = await statementsDuring(async () => {
      status = (await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers } })).status;
    });
    expect(status).toBe(201);
    expect(names.filter((n) => n.startsWith('learning.'))).toEqual(['learning.submit-quiz']);
  });

  it('still grades a draw stored before option ids named their draw, through the two-statement path', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    await answersFor(learner, slug, false); // makes the assignment's open draw
    // Rewrite it as drawn before: short random option ids that carry nothing.
    const [draw] = await t.dataSource.query(
      `SELECT d.id, d.questions FROM quiz_draws d JOIN assignments a ON a.id = d.assignment_id WHERE a.user_id = $1 AND d.attempt_id IS NULL`,
      [learner.id],
    );
    const questions = (draw.questions as { id: string; options: { id: string; authored: string }[] }[]).map((q) => ({
      id: q.id,
      options: q.options.map((o, i) => ({ ...o, id: `old${i}x${q.id.length}`.slice(0, 8).padEnd(8, 'z') })),
    }));
    await t.dataSource.query(`UPDATE quiz_draws SET questions = $2 WHERE id = $1`, [draw.id, JSON.stringify(questions)]);
    const module = catalog.get(slug)!;
    const answers = Object.fromEntries(
      questions.map((q) => {
        const right = module.questions.find((b) => b.id === q.id)!.options.filter((o) => o.correct).map((o) => o.id);
        return [q.id, q.options.filter((o) => right.includes(o.authored)).map((o) => o.id)];
      }),
    );
    let res: { status: number; body: { passed: boolean; score: number } } = { status: 0, body: { passed: false, score: 0 } };
    const names = await statementsDuring(async () => {
      res = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers } });
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ passed: true, score: 100 });
    // The read statement, then (a pass) learning_submit_attempt inside the completion's transaction.
    expect(names.filter((n) => n.startsWith('learning.'))).toEqual(['learning.load-submission']);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1 AND passed`, [learner.id]);
    expect(n).toBe(1);
  });

  it('limits retakes per day with 429', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    for (let i = 0; i < 3; i++) {
      expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, false) } })).status).toBe(201);
    }
    const blocked = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, true) } });
    expect(blocked).toMatchObject({ status: 429, body: { message: expect.stringContaining('memakai 3 kesempatan hari ini') } });
  });

  it("counts the attempts of the organisation's day: one at its midnight counts, one a second before does not", async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    const submit = async () =>
      api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, false) } });
    expect((await submit()).status).toBe(201);
    expect((await submit()).status).toBe(201);
    // The first at the start of today in the organisation's zone, the second just before it.
    await t.dataSource.query(
      `WITH midnight AS (SELECT date_trunc('day', now() AT TIME ZONE o.time_zone) AT TIME ZONE o.time_zone AS at FROM organizations o WHERE o.id = $2),
            ranked AS (SELECT id, row_number() OVER (ORDER BY created_at) AS n FROM quiz_attempts WHERE user_id = $1)
       UPDATE quiz_attempts q SET created_at = CASE r.n WHEN 1 THEN m.at ELSE m.at - interval '1 second' END
         FROM ranked r, midnight m WHERE q.id = r.id`,
      [learner.id, org.id],
    );
    const res = await submit();
    expect(res.status).toBe(201);
    expect(res.body.attemptsLeftToday).toBe(1);
  });

  it('keeps an attempt to its assignment\'s organisation and person (one foreign key, checked on the row the submission locks)', async () => {
    const learner = await learnerWith([slug]);
    const other = await learnerWith([slug]);
    const [assignment] = await t.dataSource.query(`SELECT id FROM assignments WHERE user_id = $1`, [learner.id]);
    const insert = (userId: string) =>
      t.dataSource.query(
        `INSERT INTO quiz_attempts (organization_id, assignment_id, user_id, module_slug, module_version, answers, score, passed, result, request_hash)
         VALUES ($1, $2, $3, $4, 'v', '{}', 0, false, '{}', 'h')`,
        [org.id, assignment.id, userId, slug],
      );
    await expect(insert(other.id)).rejects.toMatchObject({ driverError: { code: '23503' } });
    await expect(insert(learner.id)).resolves.toBeDefined();
  });

  it('keeps an earlier completion valid when the module gets a new version', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner, slug);
    await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: await answersFor(learner, slug, true) } });
    await t.dataSource.query(`UPDATE modules SET version = 'a-newer-version' WHERE slug = $1`, [slug]);
    try {
      const mine = await api(t.url, 'GET', '/api/my/assignments', { token: learner.token });
      expect(mine.body[0]).toMatchObject({ status: 'completed', completedVersion: catalog.get(slug)!.version });
      expect(mine.body[0].module.version).toBe('a-newer-version');
    } finally {
      await t.dataSource.query(`UPDATE modules SET version = $2 WHERE slug = $1`, [slug, catalog.get(slug)!.version]);
    }
  });

  it('lets HR edit the organisation facts that lessons show', async () => {
    const settings = {
      timeZone: 'Asia/Makassar',
      sopSteps: { id: ['Lapor ke Satgas'], en: ['Report to the task force'] },
      taskForce: [{ name: 'Wulan', role: { id: 'Ketua', en: 'Chair' }, contact: 'wulan@org.test' }],
      channels: [{ name: { id: 'Hotline Satgas', en: 'Task force hotline' }, contact: '0800-123', independent: false }],
    };
    const bad = await api(t.url, 'PUT', `/api/organizations/${org.id}/settings`, { token: org.hrToken, body: { ...settings, channels: [{ name: { id: 'x' }, contact: '', independent: 'yes' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['channels.0.contact', 'channels.0.independent', 'channels.0.name.en']);
    const saved = await api(t.url, 'PUT', `/api/organizations/${org.id}/settings`, { token: org.hrToken, body: settings });
    expect(saved.status).toBe(200);
    const learner = await learnerWith(['reporting-and-sop']);
    const module = await api(t.url, 'GET', '/api/modules/reporting-and-sop?lang=en', { token: learner.token });
    const all = module.body.lessons.map((l: { body: string }) => l.body).join('\n');
    expect(all).toContain('Task force hotline');
    expect(all).toContain('Report to the task force');
    expect((await api(t.url, 'PUT', `/api/organizations/${org.id}/settings`, { token: learner.token, body: settings })).status).toBe(403);
  });
});
