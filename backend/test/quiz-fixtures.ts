import type { DataSource } from 'typeorm';
import type { CatalogModule } from '../src/catalog/content.types';
import { api } from './helpers';

/**
 * Answers for the quiz drawn for this learner's current attempt, as a person who knows the content
 * would give them: GET the module (which draws the quiz), then map the draw's opaque option ids back
 * to the bank through the stored draw. `right: false` picks a wrong option everywhere.
 */
export async function drawnAnswers(
  base: string,
  dataSource: DataSource,
  token: string,
  module: CatalogModule,
  right: boolean,
): Promise<Record<string, string[]>> {
  const res = await api(base, 'GET', `/api/modules/${module.slug}`, { token });
  if (res.status !== 200) throw new Error(`GET module: ${res.status} ${JSON.stringify(res.body)}`);
  const [draw] = await dataSource.query(`SELECT questions FROM quiz_draws WHERE assignment_id = $1 AND attempt_id IS NULL`, [res.body.assignment.id]);
  const drawn = draw.questions as { id: string; options: { id: string; authored: string }[] }[];
  return Object.fromEntries(
    drawn.map((q) => {
      const bank = module.questions.find((b) => b.id === q.id)!;
      const isCorrect = (authored: string) => bank.options.find((o) => o.id === authored)!.correct;
      return [q.id, right ? q.options.filter((o) => isCorrect(o.authored)).map((o) => o.id) : [q.options.find((o) => !isCorrect(o.authored))!.id]];
    }),
  );
}

/**
 * Every lesson of the learner's current assignment of the module marked read, straight in SQL (as the
 * demo seeder does): reading through the API takes minSeconds per lesson one after the other, which
 * only the reading-time tests need to spend.
 */
export async function readAllLessons(dataSource: DataSource, userId: string, module: CatalogModule): Promise<void> {
  await dataSource.query(
    `WITH a AS (SELECT id FROM assignments WHERE user_id = $1 AND module_slug = $2 AND completed_at IS NULL AND exempted_at IS NULL),
     started AS (UPDATE assignments SET started_at = COALESCE(started_at, now() - interval '1 hour') WHERE id IN (SELECT id FROM a))
     INSERT INTO lesson_progress (assignment_id, lesson_id, opened_at, read_at)
     SELECT a.id, l, now() - interval '1 hour', now() - interval '30 minutes' FROM a, unnest($3::text[]) l
     ON CONFLICT (assignment_id, lesson_id) DO UPDATE SET read_at = COALESCE(lesson_progress.read_at, EXCLUDED.read_at)`,
    [userId, module.slug, module.lessons.map((l) => l.id)],
  );
}
