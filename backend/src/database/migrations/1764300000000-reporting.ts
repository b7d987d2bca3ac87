import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-person reporting state, kept current by triggers, so that a dashboard over 100,000 people reads
 * 100,000 narrow rows instead of sorting 600,000 assignments for "the latest of each module"
 * (report_people; report_person_modules holds the same per module, for module breakdowns).
 *
 * Nothing here depends on "today": a row stores dates, and every report compares them with the
 * organisation's today when it is read.
 *   completed_until  every current assignment is completed and still valid before this day
 *                    ('-infinity' while one is open, 'infinity' when none expires)
 *   overdue_from     the earliest due date among open current assignments (null when none is open)
 * so a person is completed when completed_until > today and overdue when overdue_from < today, the
 * same verdicts as ASSIGNMENT_STATUS_SQL. "Current" is the latest non-exempted assignment of each
 * active module, as in the learner's own list.
 *
 * The groups people are counted in (unit, leader, gender, employment type, active) are copied from
 * users so that a report needs no join; a change to a user updates the copies.
 *
 * Every write stamps its transaction id (changed_xid; report_changes for units and modules), so a
 * reader that kept a result with the snapshot it was computed from can check in one index probe
 * whether anything committed since, and reuse the result only when nothing did.
 */
export class Reporting1764300000000 implements MigrationInterface {
  name = 'Reporting1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_people (
        user_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        unit_id uuid,
        is_leader boolean NOT NULL,
        gender text NOT NULL,
        employment_type text NOT NULL,
        active boolean NOT NULL,
        modules smallint NOT NULL DEFAULT 0,
        completed_until date,
        overdue_from date,
        changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
      )`);
    await q.query(`CREATE INDEX report_people_org_idx ON report_people (organization_id)`);
    // "Has anything of this organisation changed since that snapshot?" in one index probe (see report_changes).
    await q.query(`CREATE INDEX report_people_changed_idx ON report_people (organization_id, changed_xid)`);
    // The overdue drill-down reads only the people whose earliest open due date has passed.
    await q.query(`CREATE INDEX report_people_overdue_idx ON report_people (organization_id, overdue_from) WHERE modules > 0`);
    await q.query(`
      CREATE TABLE report_person_modules (
        user_id uuid NOT NULL,
        module_slug text NOT NULL,
        organization_id uuid NOT NULL,
        unit_id uuid,
        is_leader boolean NOT NULL,
        gender text NOT NULL,
        employment_type text NOT NULL,
        active boolean NOT NULL,
        completed_until date NOT NULL,
        overdue_from date,
        PRIMARY KEY (user_id, module_slug)
      )`);
    await q.query(`CREATE INDEX report_person_modules_org_idx ON report_person_modules (organization_id, module_slug)`);

    // Recomputes the people given from their assignments. The person's row is locked first and the
    // state read after the lock, so two transactions that change different assignments of one person
    // cannot overwrite each other's result with an older view.
    await q.query(`
      CREATE FUNCTION report_refresh_people(p_users uuid[]) RETURNS void LANGUAGE plpgsql
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
         ORDER BY a.user_id, a.module_slug, a.assigned_at DESC, a.id DESC;
        UPDATE report_people r
           SET modules = s.modules, completed_until = s.completed_until, overdue_from = s.overdue_from, changed_xid = pg_current_xact_id()
          FROM (SELECT t.user_id, count(pm.user_id)::smallint AS modules, min(pm.completed_until) AS completed_until,
                       min(pm.overdue_from) AS overdue_from
                  FROM unnest(p_users) AS t(user_id) LEFT JOIN report_person_modules pm ON pm.user_id = t.user_id
                 GROUP BY t.user_id) s
         WHERE r.user_id = s.user_id;
      END $$`);

    // Statement-level, so a bulk assignment of 100,000 people recomputes them in one pass. Updates
    // that change nothing a report reads (e.g. started_at when a lesson is opened) cost one join.
    await q.query(`
      CREATE FUNCTION report_assignments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM report_refresh_people(ARRAY(SELECT DISTINCT user_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM report_refresh_people(ARRAY(SELECT DISTINCT user_id FROM old_rows));
        ELSE
          PERFORM report_refresh_people(ARRAY(
            SELECT n.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.user_id, n.module_slug, n.assigned_at, n.due_on, n.completed_at, n.expires_on, n.exempted_at)
                   IS DISTINCT FROM (o.user_id, o.module_slug, o.assigned_at, o.due_on, o.completed_at, o.expires_on, o.exempted_at)
            UNION
            SELECT o.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.user_id <> o.user_id));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER report_assignments_inserted AFTER INSERT ON assignments
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_assignments_changed()`);
    await q.query(`
      CREATE TRIGGER report_assignments_updated AFTER UPDATE ON assignments
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_assignments_changed()`);
    await q.query(`
      CREATE TRIGGER report_assignments_deleted AFTER DELETE ON assignments
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_assignments_changed()`);

    // A person's groups changed. An upsert, not a plain update: it waits for, and then corrects, a
    // first row that another transaction is inserting for the same person from the older values.
    await q.query(`
      CREATE FUNCTION report_users_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_people AS r (user_id, organization_id, unit_id, is_leader, gender, employment_type, active)
        SELECT n.id, n.organization_id, n.unit_id, n.is_leader, n.gender, n.employment_type, n.status = 'active'
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE n.organization_id IS NOT NULL
           AND (n.unit_id, n.is_leader, n.gender, n.employment_type, n.status)
               IS DISTINCT FROM (o.unit_id, o.is_leader, o.gender, o.employment_type, o.status)
        ON CONFLICT (user_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, is_leader = EXCLUDED.is_leader, gender = EXCLUDED.gender,
          employment_type = EXCLUDED.employment_type, active = EXCLUDED.active, changed_xid = pg_current_xact_id();
        UPDATE report_person_modules pm
           SET unit_id = r.unit_id, is_leader = r.is_leader, gender = r.gender, employment_type = r.employment_type, active = r.active
          FROM report_people r
         WHERE r.user_id = pm.user_id
           AND pm.user_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                               WHERE (n.unit_id, n.is_leader, n.gender, n.employment_type, n.status)
                                     IS DISTINCT FROM (o.unit_id, o.is_leader, o.gender, o.employment_type, o.status))
           AND (pm.unit_id, pm.is_leader, pm.gender, pm.employment_type, pm.active)
               IS DISTINCT FROM (r.unit_id, r.is_leader, r.gender, r.employment_type, r.active);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER report_users_updated AFTER UPDATE ON users
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_users_changed()`);

    // Changes to what reports show besides people's state: units (names, places in the tree) per
    // organisation, modules (titles, the catalogue) for all (organization_id null). Each row carries
    // the writing transaction, so a reader can ask whether anything committed after its snapshot.
    await q.query(`
      CREATE TABLE report_changes (
        organization_id uuid,
        changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX report_changes_idx ON report_changes (organization_id, changed_xid)`);
    await q.query(`
      CREATE FUNCTION report_units_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          INSERT INTO report_changes (organization_id) SELECT DISTINCT organization_id FROM old_rows;
        ELSE
          INSERT INTO report_changes (organization_id) SELECT DISTINCT organization_id FROM new_rows;
        END IF;
        RETURN NULL;
      END $$`);
    for (const [event, name, tables] of [
      ['INSERT', 'inserted', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'updated', 'NEW TABLE AS new_rows'],
      ['DELETE', 'deleted', 'OLD TABLE AS old_rows'],
    ]) {
      await q.query(`
        CREATE TRIGGER report_units_${name} AFTER ${event} ON units
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION report_units_changed()`);
    }

    // A module retired from (or returned to) the catalogue leaves (or re-enters) everyone's state.
    await q.query(`
      CREATE FUNCTION report_modules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO report_changes (organization_id) SELECT NULL WHERE EXISTS (SELECT 1 FROM new_rows);
          RETURN NULL;
        END IF;
        INSERT INTO report_changes (organization_id)
        SELECT NULL WHERE EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.slug = n.slug
                                   WHERE (n.title, n.position, n.active) IS DISTINCT FROM (o.title, o.position, o.active));
        PERFORM report_refresh_people(ARRAY(
          SELECT DISTINCT a.user_id FROM assignments a
            JOIN new_rows n ON n.slug = a.module_slug JOIN old_rows o ON o.slug = n.slug
           WHERE n.active IS DISTINCT FROM o.active));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER report_modules_inserted AFTER INSERT ON modules
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_modules_changed()`);
    await q.query(`
      CREATE TRIGGER report_modules_updated AFTER UPDATE ON modules
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_modules_changed()`);

    await q.query(`SELECT report_refresh_people(ARRAY(SELECT DISTINCT user_id FROM assignments))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS report_modules_updated ON modules`);
    await q.query(`DROP TRIGGER IF EXISTS report_modules_inserted ON modules`);
    for (const event of ['inserted', 'updated', 'deleted']) await q.query(`DROP TRIGGER IF EXISTS report_units_${event} ON units`);
    await q.query(`DROP TRIGGER IF EXISTS report_users_updated ON users`);
    await q.query(`DROP TRIGGER IF EXISTS report_assignments_deleted ON assignments`);
    await q.query(`DROP TRIGGER IF EXISTS report_assignments_updated ON assignments`);
    await q.query(`DROP TRIGGER IF EXISTS report_assignments_inserted ON assignments`);
    await q.query(`DROP FUNCTION IF EXISTS report_modules_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS report_units_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS report_users_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS report_assignments_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS report_refresh_people(uuid[])`);
    await q.query(`DROP TABLE IF EXISTS report_changes`);
    await q.query(`DROP TABLE IF EXISTS report_person_modules`);
    await q.query(`DROP TABLE IF EXISTS report_people`);
  }
}
