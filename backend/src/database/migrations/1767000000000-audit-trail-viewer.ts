import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The readable trail viewer (GET /api/organizations/:orgId/audit-log/trail) lists an organisation's
 * entries newest first within a date range, optionally of one action. Without these indexes a page
 * of a large organisation's trail (a year of 100,000 people is millions of entries) would sort the
 * whole range; with them a page is an ordered index scan, its count an index-only scan of the range,
 * and the list of actions a skip scan of a few dozen probes.
 */
export class AuditTrailViewer1767000000000 implements MigrationInterface {
  name = 'AuditTrailViewer1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_entries_org_at_idx ON audit_entries (organization_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entries_org_action_at_idx ON audit_entries (organization_id, action, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_entries_org_action_at_idx`);
    await q.query(`DROP INDEX IF EXISTS audit_entries_org_at_idx`);
  }
}
