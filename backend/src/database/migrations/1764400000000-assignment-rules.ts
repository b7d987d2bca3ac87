import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignment rules (who gets which module, by when, and whether it recurs), the record of due-date
 * extensions and escalations, and the once-per-local-day record of the nightly job. Rules are never deleted, only
 * deactivated, so `assignments.rule_id` can point at them for good.
 */
export class AssignmentRules1764400000000 implements MigrationInterface {
  name = 'AssignmentRules1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assignment_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        module_slug text NOT NULL REFERENCES modules(slug),
        audience text NOT NULL CHECK (audience IN ('everyone', 'leaders', 'staff')),
        unit_id uuid REFERENCES units(id),
        employment_type text CHECK (employment_type IN ('permanent', 'contract', 'intern', 'volunteer')),
        due_within_days integer NOT NULL CHECK (due_within_days BETWEEN 1 AND 365),
        due_from text NOT NULL CHECK (due_from IN ('rule_start', 'hire_date', 'became_leader')),
        recurrence_enabled boolean NOT NULL DEFAULT false,
        recurrence_window_days integer CHECK (recurrence_window_days BETWEEN 1 AND 365),
        starts_on date NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz,
        CHECK (NOT recurrence_enabled OR recurrence_window_days IS NOT NULL),
        CHECK (active = (deactivated_at IS NULL))
      )`);
    await q.query(`CREATE INDEX assignment_rules_org_idx ON assignment_rules (organization_id, created_at)`);
    await q.query(
      `ALTER TABLE assignments ADD CONSTRAINT assignments_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES assignment_rules(id)`,
    );
    await q.query(`CREATE INDEX assignments_rule_idx ON assignments (rule_id) WHERE rule_id IS NOT NULL`);
    // The daily reminder pass reads an organisation's open assignments by due date.
    await q.query(
      `CREATE INDEX assignments_open_by_due_idx ON assignments (organization_id, due_on) WHERE completed_at IS NULL AND exempted_at IS NULL`,
    );
    // The reason lives here, not in the audit trail: it can be personal, and the trail cannot forget.
    await q.query(`
      CREATE TABLE assignment_extensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        assignment_id uuid NOT NULL REFERENCES assignments(id),
        from_due_on date NOT NULL,
        to_due_on date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        extended_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_due_on > from_due_on)
      )`);
    await q.query(`CREATE INDEX assignment_extensions_assignment_idx ON assignment_extensions (assignment_id)`);
    // Each overdue assignment is escalated once per due date; leaders get one digest a day, not one mail per person.
    await q.query(`
      CREATE TABLE assignment_escalations (
        assignment_id uuid NOT NULL REFERENCES assignments(id),
        due_on date NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        escalated_on date NOT NULL,
        PRIMARY KEY (assignment_id, due_on)
      )`);
    await q.query(`CREATE INDEX assignment_escalations_org_day_idx ON assignment_escalations (organization_id, escalated_on)`);
    await q.query(`
      CREATE TABLE assignment_daily_runs (
        organization_id uuid NOT NULL REFERENCES organizations(id),
        local_date date NOT NULL,
        ran_at timestamptz NOT NULL DEFAULT now(),
        assignments_opened integer NOT NULL,
        reminders_queued integer NOT NULL,
        PRIMARY KEY (organization_id, local_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS assignment_daily_runs`);
    await q.query(`DROP TABLE IF EXISTS assignment_escalations`);
    await q.query(`DROP TABLE IF EXISTS assignment_extensions`);
    await q.query(`DROP INDEX IF EXISTS assignments_open_by_due_idx`);
    await q.query(`DROP INDEX IF EXISTS assignments_rule_idx`);
    await q.query(`ALTER TABLE assignments DROP CONSTRAINT IF EXISTS assignments_rule_id_fkey`);
    await q.query(`DROP TABLE IF EXISTS assignment_rules`);
  }
}
