import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An assignment's status in one place (owned by learning), so that learning, assignments and the
 * audit report call it instead of importing learning's SQL. Plain columns rather than the row type:
 * an IMMUTABLE single-expression SQL function is inlined by the planner, so calling it on 600,000
 * rows costs what the inline CASE did.
 */
export class AssignmentStatus1765310000000 implements MigrationInterface {
  name = 'AssignmentStatus1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION assignment_status(completed_at timestamptz, expires_on date, due_on date, started_at timestamptz, today date)
        RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE
                WHEN completed_at IS NOT NULL AND expires_on <= today THEN 'expired'
                WHEN completed_at IS NOT NULL THEN 'completed'
                WHEN due_on < today THEN 'overdue'
                WHEN started_at IS NOT NULL THEN 'in_progress'
                ELSE 'not_started'
              END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION assignment_status(timestamptz, date, date, timestamptz, date)`);
  }
}
