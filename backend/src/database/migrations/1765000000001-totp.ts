import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP second factor: the seed sealed with the app's key file (never in the clear in the database),
 * the last accepted time step (a code works once), recovery codes as sha256, short-lived sign-in
 * challenges between the password and the code, and the organisation's "HR admins must use it".
 */
export class Totp1765000000001 implements MigrationInterface {
  name = 'Totp1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN totp_secret bytea, ADD COLUMN totp_enabled_at timestamptz, ADD COLUMN totp_last_step bigint`);
    await q.query(`ALTER TABLE organizations ADD COLUMN require_hr_totp boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE totp_recovery_codes (
        user_id uuid NOT NULL REFERENCES users(id),
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE login_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        used_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_challenges`);
    await q.query(`DROP TABLE totp_recovery_codes`);
    await q.query(`ALTER TABLE organizations DROP COLUMN require_hr_totp`);
    await q.query(`ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step`);
  }
}
