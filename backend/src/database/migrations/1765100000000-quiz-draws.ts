import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quiz each attempt asks: drawn on the learner's first look at the quiz and kept until that
 * attempt is submitted, so a reload shows the same questions in the same order. `questions` is
 * `[{ id, options: [{ id, authored }] }]` in the order shown; option ids are opaque per draw.
 */
export class QuizDraws1765100000000 implements MigrationInterface {
  name = 'QuizDraws1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quiz_draws (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignments(id),
        module_version text NOT NULL,
        questions jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempt_id uuid UNIQUE REFERENCES quiz_attempts(id)
      )`);
    // One draw open per assignment: two tabs opening the quiz at once end up with the same one.
    await q.query(`CREATE UNIQUE INDEX quiz_draws_open ON quiz_draws (assignment_id) WHERE attempt_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS quiz_draws`);
  }
}
