import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A platform admin can end an engagement before its period is over (a contract cancelled, an
 * auditor's partner replaced). The period stays as agreed, for the record; `ended_at` says when access
 * stopped, and engagement_active() — still the one definition — is false from that moment.
 */
export class EngagementEnded1766300000000 implements MigrationInterface {
  name = 'EngagementEnded1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE engagements ADD COLUMN ended_at timestamptz`);
    await q.query(`
      CREATE OR REPLACE FUNCTION engagement_active(e engagements) RETURNS boolean
      LANGUAGE sql STABLE AS $$ SELECT e.ended_at IS NULL AND org_today(e.organization_id) BETWEEN e.period_start AND e.period_end $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The function's row type depends on the column: put the old body back first.
    await q.query(`
      CREATE OR REPLACE FUNCTION engagement_active(e engagements) RETURNS boolean
      LANGUAGE sql STABLE AS $$ SELECT org_today(e.organization_id) BETWEEN e.period_start AND e.period_end $$`);
    await q.query(`ALTER TABLE engagements DROP COLUMN ended_at`);
  }
}
