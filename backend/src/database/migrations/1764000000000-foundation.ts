import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity, tenancy, sessions, outbox and the audit trail core.
 * Units keep `path` (root → self) so one query can roll a subtree up: `WHERE $unit = ANY(u.path)`.
 * The audit tables refuse UPDATE, DELETE and TRUNCATE in the database itself, whatever the app does.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
        time_zone text NOT NULL DEFAULT 'Asia/Jakarta',
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        parent_id uuid REFERENCES units(id),
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        path uuid[] NOT NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, code)
      )`);
    await q.query(`CREATE INDEX units_path_gin ON units USING gin (path)`);
    await q.query(`CREATE INDEX units_parent_idx ON units (parent_id)`);
    await q.query(`
      CREATE TABLE partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organizations(id),
        partner_id uuid REFERENCES partners(id),
        email text CHECK (email IS NULL OR email ~ '^[^@\\s]+@[^@\\s]+$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        employee_number text,
        unit_id uuid REFERENCES units(id),
        is_leader boolean NOT NULL DEFAULT false,
        leader_since date,
        gender text NOT NULL DEFAULT 'not_stated' CHECK (gender IN ('female', 'male', 'not_stated')),
        employment_type text NOT NULL DEFAULT 'permanent'
          CHECK (employment_type IN ('permanent', 'contract', 'intern', 'volunteer')),
        hire_date date,
        locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
        roles text[] NOT NULL DEFAULT '{employee}'
          CHECK (roles <@ ARRAY['employee', 'hr_admin', 'auditor', 'platform_admin']::text[]),
        password_hash text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
        deactivated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (organization_id IS NULL OR partner_id IS NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX users_employee_number_key ON users (organization_id, employee_number) WHERE employee_number IS NOT NULL`,
    );
    await q.query(`CREATE INDEX users_org_unit_idx ON users (organization_id, unit_id)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await q.query(`
      CREATE TABLE password_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        purpose text NOT NULL CHECK (purpose IN ('set', 'reset')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE login_failures (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE engagements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        scope text NOT NULL CHECK (scope IN ('aggregate', 'named')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end >= period_start)
      )`);
    await q.query(`CREATE INDEX engagements_org_idx ON engagements (organization_id)`);
    await q.query(`CREATE INDEX engagements_partner_idx ON engagements (partner_id)`);
    await q.query(`
      CREATE TABLE outbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organizations(id),
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        kind text NOT NULL,
        dedupe_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_org_created_idx ON outbox_messages (organization_id, created_at DESC)`);
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox_messages (created_at) WHERE sent_at IS NULL`);

    await q.query(`
      CREATE TABLE audit_entries (
        id bigserial PRIMARY KEY,
        organization_id uuid,
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        actor_id uuid,
        action text NOT NULL,
        target_type text,
        target_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`
      CREATE TABLE audit_chain (
        entry_id bigint PRIMARY KEY REFERENCES audit_entries(id),
        chain_id uuid NOT NULL,
        seq bigint NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        sequenced_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (chain_id, seq)
      )`);
    // Entries waiting for the sequencer. Not part of the evidence, so rows leave it once chained.
    await q.query(`
      CREATE TABLE audit_pending (
        entry_id bigint PRIMARY KEY REFERENCES audit_entries(id),
        chain_id uuid NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_pending (entry_id, chain_id)
        VALUES (NEW.id, COALESCE(NEW.organization_id, '00000000-0000-0000-0000-000000000000'::uuid));
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_entries_enqueue AFTER INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_enqueue()`,
    );
    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_entries', 'audit_chain']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
      );
    }
    await q.query(`CREATE INDEX audit_entries_org_idx ON audit_entries (organization_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_pending',
      'audit_chain',
      'audit_entries',
      'outbox_messages',
      'engagements',
      'login_failures',
      'password_tokens',
      'sessions',
      'users',
      'partners',
      'units',
      'organizations',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_refuse_change()`);
    await q.query(`DROP FUNCTION IF EXISTS audit_enqueue()`);
  }
}
