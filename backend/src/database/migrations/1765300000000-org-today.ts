import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "The organisation's today" in one place (owned by organizations): its calendar date in its own
 * time zone at `at_time` (now by default; jobs pass their clock). Not inlinable (it reads a table),
 * so hot queries call it once per statement, in a CTE or an uncorrelated scalar subquery.
 */
export class OrgToday1765300000000 implements MigrationInterface {
  name = 'OrgToday1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION org_today(org_id uuid, at_time timestamptz DEFAULT now()) RETURNS date
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT (at_time AT TIME ZONE o.time_zone)::date FROM organizations o WHERE o.id = org_id $$`);
    await q.query(`COMMENT ON FUNCTION org_today(uuid, timestamptz) IS 'The organisation''s calendar date in its time zone at at_time (default now)'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION org_today(uuid, timestamptz)`);
  }
}
