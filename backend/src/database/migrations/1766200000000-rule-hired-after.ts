import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An assignment rule can be limited to people hired after a date (people.hire_date, filled by the
 * import's hireDate column): e.g. induction training for newcomers only.
 */
export class RuleHiredAfter1766200000000 implements MigrationInterface {
  name = 'RuleHiredAfter1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment_rules ADD COLUMN hired_after date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment_rules DROP COLUMN hired_after`);
  }
}
