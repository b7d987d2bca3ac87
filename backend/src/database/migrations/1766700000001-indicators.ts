import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicators a partner and an organisation agree for an engagement (issue 14): the auditor proposes
 * the set with targets, HR accepts it or comments. Values are never stored here: the current one is
 * computed by the services that feed the dashboard, earlier ones are the snapshots each audit report
 * keeps in its stored numbers.
 */
export class Indicators1766700000001 implements MigrationInterface {
  name = 'Indicators1766700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_agreements (
        engagement_id uuid PRIMARY KEY REFERENCES engagements(id),
        status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'commented')),
        proposed_by uuid NOT NULL REFERENCES users(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        comment text CHECK (comment IS NULL OR length(comment) <= 4000)
      )`);
    await q.query(`
      CREATE TABLE engagement_indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES indicator_agreements(engagement_id),
        indicator text NOT NULL,
        target numeric NOT NULL,
        position int NOT NULL,
        UNIQUE (engagement_id, indicator)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS engagement_indicators`);
    await q.query(`DROP TABLE IF EXISTS indicator_agreements`);
  }
}
