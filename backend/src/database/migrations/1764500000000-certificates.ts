import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Certificates (rendered once, bytes and sha256 kept) and a PostgreSQL-backed rate limit table. */
export class Certificates1764500000000 implements MigrationInterface {
  name = 'Certificates1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        serial text NOT NULL UNIQUE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id),
        completion_id uuid NOT NULL UNIQUE REFERENCES completions(id),
        assignment_id uuid NOT NULL REFERENCES assignments(id),
        module_slug text NOT NULL,
        module_version text NOT NULL,
        module_title jsonb NOT NULL,
        holder_name text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('id', 'en')),
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_on date NOT NULL,
        pdf bytea,
        sha256 text,
        rendered_at timestamptz,
        render_claimed_at timestamptz,
        render_attempts integer NOT NULL DEFAULT 0,
        revoked_at timestamptz,
        revoked_reason text,
        revoked_by uuid REFERENCES users(id),
        verifications integer NOT NULL DEFAULT 0,
        last_verified_at timestamptz
      )`);
    await q.query(`CREATE INDEX certificates_unrendered_idx ON certificates (issued_at) WHERE pdf IS NULL`);
    await q.query(`CREATE INDEX certificates_org_idx ON certificates (organization_id, issued_at DESC)`);
    await q.query(`CREATE INDEX certificates_assignment_idx ON certificates (assignment_id)`);
    await q.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rate_limits`);
    await q.query(`DROP TABLE IF EXISTS certificates`);
  }
}
