import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings follow API.md's lifecycle: open → responded → closure_proposed → closed, or back to open
 * when an auditor of the partner that raised it reopens it. The status is stored (not derived from
 * timestamps) so that a transition is one locked row change; who did what stays in the trail.
 */
export class FindingLifecycle1765330000000 implements MigrationInterface {
  name = 'FindingLifecycle1765330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE findings
        ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'responded', 'closure_proposed', 'closed')),
        ADD COLUMN closure_proposed_by uuid REFERENCES users(id),
        ADD COLUMN closure_proposed_at timestamptz,
        ADD COLUMN reopened_by uuid REFERENCES users(id),
        ADD COLUMN reopened_at timestamptz`);
    await q.query(`
      UPDATE findings SET status = CASE WHEN closed_at IS NOT NULL THEN 'closed' WHEN corrective_action IS NOT NULL THEN 'responded' ELSE 'open' END`);
    await q.query(`ALTER TABLE findings ADD CONSTRAINT findings_closed_has_time CHECK ((status = 'closed') = (closed_at IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE findings DROP CONSTRAINT findings_closed_has_time`);
    await q.query(`UPDATE findings SET closed_at = NULL, closed_by = NULL WHERE status <> 'closed'`);
    await q.query(`
      ALTER TABLE findings DROP COLUMN reopened_at, DROP COLUMN reopened_by, DROP COLUMN closure_proposed_at,
        DROP COLUMN closure_proposed_by, DROP COLUMN status`);
  }
}
