import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Completed current assignments per person, for `moduleCompletionRate` (completed current
 * assignments ÷ current assignments), without reading the ~600,000 per-module rows per report.
 *
 * report_people.completed_untils holds the completed_until of each of the person's current
 * assignments (one per module, see the reporting migration), sorted ascending. The assignments
 * completed on a given day are those whose value is after it, so a report counts them per person
 * with one binary search: cardinality(a) − width_bucket(today, a) (width_bucket on a sorted array
 * gives how many elements are ≤ today). Like the rest of report_people it holds dates only; "today"
 * enters when a report reads it.
 */
const REFRESH_HEAD = `
      CREATE OR REPLACE FUNCTION report_refresh_people(p_users uuid[]) RETURNS void LANGUAGE plpgsql
      -- A bulk assignment of 100,000 people sorts ~600,000 rows here: in memory, not in temp files.
      SET work_mem = '64MB' AS $$
      BEGIN
        IF p_users IS NULL OR cardinality(p_users) = 0 THEN RETURN; END IF;
        INSERT INTO report_people (user_id, organization_id, unit_id, is_leader, gender, employment_type, active)
        SELECT u.id, u.organization_id, u.unit_id, u.is_leader, u.gender, u.employment_type, u.status = 'active'
          FROM users u WHERE u.id = ANY(p_users) AND u.organization_id IS NOT NULL
        ON CONFLICT (user_id) DO NOTHING;
        PERFORM 1 FROM report_people WHERE user_id = ANY(p_users) ORDER BY user_id FOR UPDATE;
        DELETE FROM report_person_modules WHERE user_id = ANY(p_users);
        INSERT INTO report_person_modules (user_id, module_slug, organization_id, unit_id, is_leader, gender, employment_type,
                                           active, completed_until, overdue_from)
        SELECT DISTINCT ON (a.user_id, a.module_slug)
               a.user_id, a.module_slug, r.organization_id, r.unit_id, r.is_leader, r.gender, r.employment_type, r.active,
               CASE WHEN a.completed_at IS NULL THEN '-infinity'::date ELSE COALESCE(a.expires_on, 'infinity'::date) END,
               CASE WHEN a.completed_at IS NULL THEN a.due_on END
          FROM assignments a
          JOIN modules m ON m.slug = a.module_slug AND m.active
          JOIN report_people r ON r.user_id = a.user_id
         WHERE a.user_id = ANY(p_users) AND a.exempted_at IS NULL
         ORDER BY a.user_id, a.module_slug, a.assigned_at DESC, a.id DESC;`;

const REFRESH_NEW = `${REFRESH_HEAD}
        UPDATE report_people r
           SET modules = s.modules, completed_until = s.completed_until, overdue_from = s.overdue_from,
               completed_untils = s.completed_untils, changed_xid = pg_current_xact_id()
          FROM (SELECT t.user_id, count(pm.user_id)::smallint AS modules, min(pm.completed_until) AS completed_until,
                       min(pm.overdue_from) AS overdue_from,
                       COALESCE(array_agg(pm.completed_until ORDER BY pm.completed_until) FILTER (WHERE pm.user_id IS NOT NULL), '{}') AS completed_untils
                  FROM unnest(p_users) AS t(user_id) LEFT JOIN report_person_modules pm ON pm.user_id = t.user_id
                 GROUP BY t.user_id) s
         WHERE r.user_id = s.user_id;
      END $$`;

const REFRESH_OLD = `${REFRESH_HEAD}
        UPDATE report_people r
           SET modules = s.modules, completed_until = s.completed_until, overdue_from = s.overdue_from, changed_xid = pg_current_xact_id()
          FROM (SELECT t.user_id, count(pm.user_id)::smallint AS modules, min(pm.completed_until) AS completed_until,
                       min(pm.overdue_from) AS overdue_from
                  FROM unnest(p_users) AS t(user_id) LEFT JOIN report_person_modules pm ON pm.user_id = t.user_id
                 GROUP BY t.user_id) s
         WHERE r.user_id = s.user_id;
      END $$`;

export class ReportModuleCompletion1765200000000 implements MigrationInterface {
  name = 'ReportModuleCompletion1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_people ADD COLUMN completed_untils date[] NOT NULL DEFAULT '{}'`);
    await q.query(REFRESH_NEW);
    await q.query(`
      UPDATE report_people r
         SET completed_untils = s.completed_untils, changed_xid = pg_current_xact_id()
        FROM (SELECT user_id, array_agg(completed_until ORDER BY completed_until) AS completed_untils
                FROM report_person_modules GROUP BY user_id) s
       WHERE r.user_id = s.user_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(REFRESH_OLD);
    await q.query(`ALTER TABLE report_people DROP COLUMN IF EXISTS completed_untils`);
  }
}
