import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The confidential reporting channel (issue 11). In clear: organisation, day of creation, category,
 * status, chosen recipients. Everything a person wrote (description, contact, messages, attachments)
 * is AES-256-GCM under the report's own data key, which is stored only wrapped: for each recipient's
 * X25519 public key and for the reporter's key derived from the receipt. No table of the channel has
 * an address, a user agent or a time finer than the day.
 */
export class ReportChannel1766000000000 implements MigrationInterface {
  name = 'ReportChannel1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY['employee', 'hr_admin', 'auditor', 'platform_admin', 'case_handler']::text[])`);
    // The demo handler signs in with the password alone; every other case handler must enrol TOTP.
    await q.query(`ALTER TABLE users ADD COLUMN totp_exempt boolean NOT NULL DEFAULT false`);

    // The partner's own chain in the trail: entries with partner_id are chained under the partner's id.
    await q.query(`ALTER TABLE audit_entries ADD COLUMN partner_id uuid`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_pending (entry_id, chain_id)
        VALUES (NEW.id, COALESCE(NEW.partner_id, NEW.organization_id, '00000000-0000-0000-0000-000000000000'::uuid));
        RETURN NEW;
      END $$`);

    await q.query(`
      CREATE TABLE case_handlers (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        partner_id uuid NOT NULL REFERENCES partners(id),
        invited_by uuid REFERENCES users(id),
        confirmed_by uuid REFERENCES users(id),
        confirmed_on date,
        created_on date NOT NULL DEFAULT current_date
      )`);
    await q.query(`CREATE INDEX case_handlers_partner_idx ON case_handlers (partner_id)`);
    await q.query(`
      CREATE TABLE satgas_members (
        organization_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id),
        designated_on date NOT NULL DEFAULT current_date,
        PRIMARY KEY (organization_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE partner_case_settings (
        partner_id uuid PRIMARY KEY REFERENCES partners(id),
        retention_days integer NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 90 AND 36500)
      )`);

    // A recipient's key pair: the private key sealed under argon2id(password) and under the recovery key.
    await q.query(`
      CREATE TABLE recipient_keys (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        public_key bytea NOT NULL,
        private_by_password bytea NOT NULL,
        password_salt bytea NOT NULL,
        private_by_recovery bytea NOT NULL,
        created_on date NOT NULL DEFAULT current_date
      )`);
    // The private key while a session (or a sign-in's second step) lives, sealed under a key derived
    // from that session's token, which the database holds only as sha256.
    await q.query(`
      CREATE TABLE recipient_key_unlocks (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        private_sealed bytea NOT NULL,
        recovery_key_sealed bytea,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX recipient_key_unlocks_user_idx ON recipient_key_unlocks (user_id)`);

    await q.query(`
      CREATE TABLE confidential_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        category text NOT NULL CHECK (category IN ('sexual_harassment', 'sexual_violence', 'online_gbv', 'retaliation', 'other')),
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_review', 'referred', 'closed')),
        allow_satgas_referral boolean NOT NULL,
        created_on date NOT NULL,
        closed_on date,
        outcome text CHECK (outcome IN ('substantiated', 'not_substantiated', 'resolved_informally', 'withdrawn', 'referred_elsewhere')),
        purge_on date,
        content_deleted_on date,
        receipt_lookup bytea NOT NULL UNIQUE,
        reporter_salt bytea NOT NULL,
        reporter_key bytea,
        description bytea,
        contact bytea,
        CHECK ((status = 'closed') = (closed_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX confidential_reports_org_idx ON confidential_reports (organization_id, created_on)`);
    await q.query(`CREATE INDEX confidential_reports_purge_idx ON confidential_reports (purge_on) WHERE content_deleted_on IS NULL`);
    await q.query(`
      CREATE TABLE confidential_report_recipients (
        report_id uuid NOT NULL REFERENCES confidential_reports(id),
        kind text NOT NULL CHECK (kind IN ('partner', 'satgas')),
        partner_id uuid REFERENCES partners(id),
        CHECK ((kind = 'partner') = (partner_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX confidential_report_recipients_key ON confidential_report_recipients (report_id, kind, coalesce(partner_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await q.query(`
      CREATE TABLE confidential_report_keys (
        report_id uuid NOT NULL REFERENCES confidential_reports(id),
        user_id uuid NOT NULL REFERENCES users(id),
        wrapped_key bytea NOT NULL,
        read_upto bigint,
        shared_by uuid REFERENCES users(id),
        PRIMARY KEY (report_id, user_id)
      )`);
    await q.query(`CREATE INDEX confidential_report_keys_user_idx ON confidential_report_keys (user_id)`);
    await q.query(`
      CREATE TABLE confidential_report_messages (
        id bigserial PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES confidential_reports(id),
        author text NOT NULL CHECK (author IN ('reporter', 'handler')),
        created_on date NOT NULL,
        body bytea
      )`);
    await q.query(`CREATE INDEX confidential_report_messages_report_idx ON confidential_report_messages (report_id, id)`);
    await q.query(`
      CREATE TABLE confidential_report_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES confidential_reports(id),
        size integer NOT NULL,
        meta bytea,
        data bytea
      )`);
    await q.query(`CREATE INDEX confidential_report_attachments_report_idx ON confidential_report_attachments (report_id)`);
    await q.query(`
      CREATE TABLE reporter_sessions (
        token_hash text PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES confidential_reports(id),
        key_sealed bytea NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    // Guesses per address and day, keyed by HMAC(address) under a key that changes every day: the
    // address itself is never stored, and yesterday's keys cannot be linked to today's.
    await q.query(`
      CREATE TABLE receipt_attempts (
        address_mac text NOT NULL,
        day date NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (address_mac, day)
      )`);
    await q.query(`
      CREATE TABLE receipt_attempts_global (
        minute timestamptz PRIMARY KEY,
        hits integer NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'receipt_attempts_global',
      'receipt_attempts',
      'reporter_sessions',
      'confidential_report_attachments',
      'confidential_report_messages',
      'confidential_report_keys',
      'confidential_report_recipients',
      'confidential_reports',
      'recipient_key_unlocks',
      'recipient_keys',
      'partner_case_settings',
      'satgas_members',
      'case_handlers',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_pending (entry_id, chain_id)
        VALUES (NEW.id, COALESCE(NEW.organization_id, '00000000-0000-0000-0000-000000000000'::uuid));
        RETURN NEW;
      END $$`);
    await q.query(`ALTER TABLE audit_entries DROP COLUMN partner_id`);
    await q.query(`ALTER TABLE users DROP COLUMN totp_exempt`);
    await q.query(`UPDATE users SET roles = array_remove(roles, 'case_handler') WHERE 'case_handler' = ANY(roles)`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY['employee', 'hr_admin', 'auditor', 'platform_admin']::text[])`);
  }
}
