import { CatalogService } from '../src/catalog/catalog.service';
import { LearningService } from '../src/learning/learning.service';
import { drawnAnswers, readAllLessons } from './quiz-fixtures';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

describe('a past quiz result can be opened again', () => {
  let t: TestApp;
  let org: TestOrg;
  let catalog: CatalogService;
  const slug = 'recognising-harassment';

  beforeAll(async () => {
    t = await startTestApp();
    catalog = t.app.get(CatalogService);
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  async function learner(name: string) {
    const person = await addPerson(t.dataSource, org.id, { password: true, name });
    await t.dataSource.transaction((m) => t.app.get(LearningService).assign(m, org.id, [person.id], slug, '2099-01-01'));
    await readAllLessons(t.dataSource, person.id, catalog.get(slug)!);
    return { ...person, token: await login(t.url, person.email, PASSWORD) };
  }
  const submit = async (who: { token: string }, right: boolean) =>
    api(t.url, 'POST', `/api/modules/${slug}/attempts`, { token: who.token, body: { answers: await drawnAnswers(t.url, t.dataSource, who.token, catalog.get(slug)!, right) } });
  const lastAttemptId = async (who: { token: string }) =>
    (await api(t.url, 'GET', '/api/my/assignments', { token: who.token })).body.find((a: { module: { slug: string } }) => a.module.slug === slug).lastAttemptId;

  it('lists the latest attempt on the assignment and answers its result, failed or passed; only to its owner', async () => {
    const ayu = await learner('Ayu Lestari');
    await expect(lastAttemptId(ayu)).resolves.toBeNull();

    const failed = await submit(ayu, false);
    expect(failed.status).toBe(201);
    expect(await lastAttemptId(ayu)).toBe(failed.body.id);
    const reopenedFail = await api(t.url, 'GET', `/api/my/attempts/${failed.body.id}?lang=en`, { token: ayu.token });
    expect(reopenedFail.status).toBe(200);
    expect(reopenedFail.body).toMatchObject({
      id: failed.body.id,
      module: { slug, title: 'Recognising Sexual Harassment and Violence at Work' },
      score: failed.body.score,
      passed: false,
      passMark: catalog.get(slug)!.passMark,
      certificateSerial: null,
      questions: failed.body.feedback.length,
      correct: failed.body.feedback.filter((f: { correct: boolean }) => f.correct).length,
    });

    const passed = await submit(ayu, true);
    expect(passed.body.passed).toBe(true);
    expect(await lastAttemptId(ayu)).toBe(passed.body.id);
    const reopened = await api(t.url, 'GET', `/api/my/attempts/${passed.body.id}`, { token: ayu.token });
    expect(reopened.body).toMatchObject({ score: 100, passed: true, correct: passed.body.feedback.length, certificateSerial: passed.body.certificateSerial });
    expect(reopened.body.certificateSerial).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

    const budi = await learner('Budi Santoso');
    expect((await api(t.url, 'GET', `/api/my/attempts/${passed.body.id}`, { token: budi.token })).status).toBe(404);
    expect((await api(t.url, 'GET', `/api/my/attempts/00000000-0000-4000-8000-000000000000`, { token: ayu.token })).status).toBe(404);
    expect((await api(t.url, 'GET', `/api/my/attempts/nope`, { token: ayu.token })).status).toBe(400);
  });
});
