import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an engagement covers today in its organisation's calendar, written once (partners own
 * engagements): the tenancy check that lets an auditor in, the list that labels engagements active
 * and the report schedule all call engagement_active(e). An auditor sees an organisation only during
 * the engagement's period, so this rule must not drift between copies. A scalar SQL function without
 * a sub-select: PostgreSQL inlines it into the calling query.
 */
export class EngagementActive1765850000000 implements MigrationInterface {
  name = 'EngagementActive1765850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION engagement_active(e engagements) RETURNS boolean
      LANGUAGE sql STABLE AS $$ SELECT org_today(e.organization_id) BETWEEN e.period_start AND e.period_end $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS engagement_active(engagements)`);
  }
}
