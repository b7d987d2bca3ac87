import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fourth audience, `satgas`: modules written for the members of the organisation's Satgas (handling
 * reports), and assignment rules that reach exactly the people designated in satgas_members. Only the
 * CHECK constraints change; existing rows keep their audiences.
 */
export class SatgasAudience1766600000000 implements MigrationInterface {
  name = 'SatgasAudience1766600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['modules', 'assignment_rules']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_audience_check`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_audience_check CHECK (audience IN ('everyone', 'leaders', 'staff', 'satgas'))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Rules for the Satgas cannot exist under the old constraint: they are deactivated history, so they are
    // kept as 'staff' rules that no longer run; satgas modules become inactive until the content is reloaded.
    await q.query(`UPDATE assignment_rules SET audience = 'staff', active = false, deactivated_at = COALESCE(deactivated_at, now()) WHERE audience = 'satgas'`);
    await q.query(`UPDATE modules SET audience = 'staff', active = false WHERE audience = 'satgas'`);
    for (const table of ['modules', 'assignment_rules']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_audience_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_audience_check CHECK (audience IN ('everyone', 'leaders', 'staff'))`);
    }
  }
}
