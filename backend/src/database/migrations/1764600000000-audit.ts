import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit reports (archived PDFs with sha256 and Ed25519 signature, the trail head they anchor, and
 * every download), published signing keys, findings and their corrective actions, and the report
 * schedule of engagements.
 */
export class Audit1764600000000 implements MigrationInterface {
  name = 'Audit1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_keys (
        key_id text PRIMARY KEY,
        algorithm text NOT NULL DEFAULT 'Ed25519',
        public_key_pem text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await q.query(`ALTER TABLE engagements ADD COLUMN report_every_months integer CHECK (report_every_months BETWEEN 1 AND 24)`);
    await q.query(`
      CREATE TABLE audit_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        engagement_id uuid REFERENCES engagements(id),
        requested_by uuid REFERENCES users(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        lang text NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en')),
        scheduled boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        error text,
        attempts integer NOT NULL DEFAULT 0,
        pdf bytea,
        sha256 text,
        signature text,
        key_id text REFERENCES signing_keys(key_id),
        head_seq bigint,
        head_hash text,
        pages integer,
        numbers jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (period_end >= period_start)
      )`);
    await q.query(`CREATE INDEX audit_reports_org_idx ON audit_reports (organization_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE audit_report_downloads (
        id bigserial PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES audit_reports(id),
        user_id uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_report_downloads_report_idx ON audit_report_downloads (report_id)`);
    await q.query(`
      CREATE TABLE findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        report_id uuid NOT NULL REFERENCES audit_reports(id),
        created_by uuid NOT NULL REFERENCES users(id),
        severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
        text text NOT NULL,
        due_on date NOT NULL,
        corrective_action text,
        responded_by uuid REFERENCES users(id),
        responded_at timestamptz,
        closed_by uuid REFERENCES users(id),
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX findings_org_idx ON findings (organization_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS findings`);
    await q.query(`DROP TABLE IF EXISTS audit_report_downloads`);
    await q.query(`DROP TABLE IF EXISTS audit_reports`);
    await q.query(`ALTER TABLE engagements DROP COLUMN IF EXISTS report_every_months`);
    await q.query(`DROP TABLE IF EXISTS signing_keys`);
  }
}
