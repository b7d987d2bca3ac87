import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Interactive lessons (issue 13): answered in-lesson checks (ungraded: only that and how they were
 * answered), the learner's own reflections, and pre-test scores for the knowledge-gain figures.
 * Reflections belong to the person, not to an assignment, so they survive recertification; their text
 * is sealed with the installation's secrets key (a database dump alone does not show it), and no HR
 * or auditor route reads the table.
 */
export class InteractiveLessons1766500000000 implements MigrationInterface {
  name = 'InteractiveLessons1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE check_answers (
        assignment_id uuid NOT NULL REFERENCES assignments(id),
        block_id text NOT NULL,
        lesson_id text NOT NULL,
        module_version text NOT NULL,
        option_ids text[] NOT NULL,
        correct boolean NOT NULL,
        answer_count integer NOT NULL DEFAULT 1,
        first_answered_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assignment_id, block_id)
      )`);
    await q.query(`
      CREATE TABLE reflections (
        user_id uuid NOT NULL REFERENCES users(id),
        module_slug text NOT NULL REFERENCES modules(slug),
        block_id text NOT NULL,
        text_sealed bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, module_slug, block_id)
      )`);
    await q.query(`
      CREATE TABLE pretest_attempts (
        assignment_id uuid PRIMARY KEY REFERENCES assignments(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id),
        module_slug text NOT NULL REFERENCES modules(slug),
        module_version text NOT NULL,
        answers jsonb NOT NULL,
        score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX pretest_attempts_org_module_idx ON pretest_attempts (organization_id, module_slug)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS pretest_attempts`);
    await q.query(`DROP TABLE IF EXISTS reflections`);
    await q.query(`DROP TABLE IF EXISTS check_answers`);
  }
}
