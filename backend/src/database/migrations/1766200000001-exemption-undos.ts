import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An exemption can be undone (HR, with a reason): the assignment returns, and the exemption it had
 * is kept here with the undoing, so the assignment's reasons still show both.
 */
export class ExemptionUndos1766200000001 implements MigrationInterface {
  name = 'ExemptionUndos1766200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assignment_exemption_undos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        assignment_id uuid NOT NULL REFERENCES assignments(id),
        exempted_at timestamptz NOT NULL,
        exempt_reason text,
        exempt_reason_salt text CHECK (exempt_reason_salt ~ '^[0-9a-f]{32}$'),
        reason text NOT NULL,
        reason_salt text NOT NULL CHECK (reason_salt ~ '^[0-9a-f]{32}$'),
        undone_by uuid REFERENCES users(id),
        undone_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assignment_exemption_undos_assignment_idx ON assignment_exemption_undos (assignment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assignment_exemption_undos`);
  }
}
