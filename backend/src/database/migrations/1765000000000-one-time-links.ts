import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time links reach only their owner. The outbox keeps a placeholder in the message body; the
 * link itself sits in outbox_secrets, encrypted with a key file outside the database, and the row is
 * deleted once the message is sent (or written to the mail folder) or expired. Links gain a voided
 * state (a newer link, a password change or a deactivation voids the older ones) and an `invite`
 * purpose: the longer-lived set-password link a platform admin's invitation carries.
 */
export class OneTimeLinks1765000000000 implements MigrationInterface {
  name = 'OneTimeLinks1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE password_tokens ADD COLUMN voided_at timestamptz`);
    await q.query(`ALTER TABLE password_tokens DROP CONSTRAINT password_tokens_purpose_check`);
    await q.query(`ALTER TABLE password_tokens ADD CONSTRAINT password_tokens_purpose_check CHECK (purpose IN ('set', 'reset', 'invite'))`);
    await q.query(`CREATE INDEX password_tokens_user_idx ON password_tokens (user_id, created_at DESC)`);
    // Links already sitting in stored messages are usable by whoever reads the outbox: void them.
    await q.query(`UPDATE password_tokens SET voided_at = now() WHERE used_at IS NULL AND voided_at IS NULL`);
    await q.query(`
      UPDATE outbox_messages SET text_body = regexp_replace(text_body, 'https?://\\S+/set-password\\?token=\\S+',
                                                            '[link removed: ask for a new one]', 'g')
       WHERE kind LIKE 'password_%'`);
    await q.query(`
      CREATE TABLE outbox_secrets (
        message_id uuid PRIMARY KEY REFERENCES outbox_messages(id) ON DELETE CASCADE,
        ciphertext bytea NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX outbox_secrets_expires_idx ON outbox_secrets (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_secrets`);
    await q.query(`DROP INDEX password_tokens_user_idx`);
    await q.query(`DELETE FROM password_tokens WHERE purpose = 'invite'`);
    await q.query(`ALTER TABLE password_tokens DROP CONSTRAINT password_tokens_purpose_check`);
    await q.query(`ALTER TABLE password_tokens ADD CONSTRAINT password_tokens_purpose_check CHECK (purpose IN ('set', 'reset'))`);
    await q.query(`ALTER TABLE password_tokens DROP COLUMN voided_at`);
  }
}
