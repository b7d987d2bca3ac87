import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reasons for extensions and exemptions stay in the organisation's tables (they can hold health
 * data); the trail carries sha256(salt ‖ reason) with a random salt per entry, kept here beside the
 * reason so that HR can prove what the trail recorded without the trail spreading it. Rows from
 * before this migration have no salt (their trail entries carry no digest).
 */
export class AssignmentReasonSalts1765320000000 implements MigrationInterface {
  name = 'AssignmentReasonSalts1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment_extensions ADD COLUMN reason_salt text CHECK (reason_salt ~ '^[0-9a-f]{32}$')`);
    await q.query(`ALTER TABLE assignments ADD COLUMN exempt_reason_salt text CHECK (exempt_reason_salt ~ '^[0-9a-f]{32}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignments DROP COLUMN exempt_reason_salt`);
    await q.query(`ALTER TABLE assignment_extensions DROP COLUMN reason_salt`);
  }
}
