import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { CatalogService } from '../src/catalog/catalog.service';
import { LearningService } from '../src/learning/learning.service';
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

  async function readAll(token: string, moduleSlug: string) {
    const module = catalog.get(moduleSlug)!;
    for (const lesson of module.lessons) {
      expect((await api(t.url, 'POST', `/api/modules/${moduleSlug}/progress`, { token, body: { lessonId: lesson.id, event: 'opened' } })).status).toBe(204);
    }
    await sleep(1100);
    for (const lesson of module.lessons) {
      expect((await api(t.url, 'POST', `/api/modules/${moduleSlug}/progress`, { token, body: { lessonId: lesson.id, event: 'read' } })).status).toBe(204);
    }
  }

  const answersFor = (moduleSlug: string, right: boolean) =>
    Object.fromEntries(
      catalog.get(moduleSlug)!.questions.map((q) => {
        const correct = q.options.filter((o) => o.correct).map((o) => o.id);
        const wrong = q.options.find((o) => !o.correct)!.id;
        return [q.id, right ? correct : [wrong]];
      }),
    );

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

  it('locks the quiz until every lesson is read, validates answers, fails, then passes and completes', async () => {
    const learner = await learnerWith([slug]);
    expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: answersFor(slug, true) } })).status).toBe(409);
    await readAll(learner.token, slug);

    const missing = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: { 'q-unknown': ['a'] } } });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toContain('answers.q-unknown');
    expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: 'all' } })).status).toBe(400);

    const failed = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: answersFor(slug, false) } });
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({ score: 0, passed: false, attemptsLeftToday: 2 });
    expect(failed.body.feedback[0].explanation.length).toBeGreaterThan(10);
    expect(failed.body.feedback[0].correctOptionIds).toBeUndefined();

    const passed = await api(t.url, 'POST', `/api/modules/${slug}/attempts?lang=en`, { token: learner.token, body: { answers: answersFor(slug, true) } });
    expect(passed.body).toMatchObject({ score: 100, passed: true });
    expect(passed.body.feedback[0].correctOptionIds.length).toBeGreaterThan(0);

    const [completion] = await t.dataSource.query(`SELECT module_version, score, time_spent_seconds FROM completions WHERE user_id = $1`, [learner.id]);
    expect(completion).toEqual({ module_version: catalog.get(slug)!.version, score: 100, time_spent_seconds: expect.any(Number) });
    expect(completion.time_spent_seconds).toBeGreaterThanOrEqual(catalog.get(slug)!.lessons.length);
    const mine = await api(t.url, 'GET', '/api/my/assignments', { token: learner.token });
    expect(mine.body[0]).toMatchObject({ status: 'completed', completedVersion: catalog.get(slug)!.version });
    expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: answersFor(slug, true) } })).status).toBe(409);

    await t.app.get(AuditTrailService).sequenceNow();
    const trail = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE actor_id = $1 AND action LIKE 'learning.%' ORDER BY id`,
      [learner.id],
    );
    expect(trail.map((r: { action: string }) => r.action)).toEqual(['learning.attempt_submitted', 'learning.attempt_submitted', 'learning.completed']);
  });

  it('records one attempt for a double submit with the same Idempotency-Key', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner.token, slug);
    const send = (key: string, right: boolean) =>
      api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: answersFor(slug, right) }, headers: { 'idempotency-key': key } });
    const [a, b] = await Promise.all([send('k-1', false), send('k-1', false)]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await send('k-1', true)).status).toBe(409);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(1);
  });

  it('limits retakes per day with 429', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner.token, slug);
    for (let i = 0; i < 3; i++) {
      expect((await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: answersFor(slug, false) } })).status).toBe(201);
    }
    const blocked = await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: answersFor(slug, true) } });
    expect(blocked.status).toBe(429);
  });

  it('keeps an earlier completion valid when the module gets a new version', async () => {
    const learner = await learnerWith([slug]);
    await readAll(learner.token, slug);
    await api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: learner.token, body: { answers: answersFor(slug, true) } });
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
