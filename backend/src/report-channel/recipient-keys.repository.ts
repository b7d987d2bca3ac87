import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface StoredKeyPair {
  publicKey: Buffer;
  privateByPassword: Buffer;
  passwordSalt: Buffer;
  privateByRecovery: Buffer;
}

@Injectable()
export class RecipientKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A recipient: a case handler of a partner, or a Satgas member of their own organisation. */
  async isRecipient(userId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM case_handlers WHERE user_id = $1)
           OR EXISTS (SELECT 1 FROM satgas_members s JOIN users u ON u.id = s.user_id AND u.organization_id = s.organization_id WHERE s.user_id = $1) AS ok`,
      [userId],
    );
    return row.ok;
  }

  async find(userId: string, manager: EntityManager = this.dataSource.manager): Promise<StoredKeyPair | null> {
    const [row] = await manager.query(
      `SELECT public_key AS "publicKey", private_by_password AS "privateByPassword", password_salt AS "passwordSalt",
              private_by_recovery AS "privateByRecovery"
         FROM recipient_keys WHERE user_id = $1`,
      [userId],
    );
    return row ?? null;
  }

  /** Two sign-ins at once both make a pair: the first one stays (answers whether this one was stored). */
  async insert(userId: string, pair: StoredKeyPair): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO recipient_keys (user_id, public_key, private_by_password, password_salt, private_by_recovery)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
      [userId, pair.publicKey, pair.privateByPassword, pair.passwordSalt, pair.privateByRecovery],
    );
    return rows.length > 0;
  }

  async rewrapPassword(manager: EntityManager, userId: string, privateByPassword: Buffer, passwordSalt: Buffer): Promise<void> {
    await manager.query(`UPDATE recipient_keys SET private_by_password = $2, password_salt = $3 WHERE user_id = $1`, [
      userId,
      privateByPassword,
      passwordSalt,
    ]);
  }

  /**
   * Without the recovery key the pair is useless to everyone: it goes, and with it the report keys
   * wrapped for it, so the person's inbox shows only what they can open (colleagues can share again).
   */
  async discard(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM confidential_report_keys WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM recipient_key_unlocks WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM recipient_keys WHERE user_id = $1`, [userId]);
  }

  async deleteUnlocks(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM recipient_key_unlocks WHERE user_id = $1`, [userId]);
  }

  async insertUnlock(tokenHash: string, userId: string, privateSealed: Buffer, recoverySealed: Buffer | null, ttlMinutes: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO recipient_key_unlocks (token_hash, user_id, private_sealed, recovery_key_sealed, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
      [tokenHash, userId, privateSealed, recoverySealed, ttlMinutes],
    );
  }

  async takeUnlock(tokenHash: string, userId: string): Promise<{ privateSealed: Buffer; recoverySealed: Buffer | null } | null> {
    // TypeORM answers [rows, count] for DELETE and UPDATE … RETURNING.
    const [[row]] = await this.dataSource.query(
      `DELETE FROM recipient_key_unlocks WHERE token_hash = $1 AND user_id = $2 AND expires_at > now()
       RETURNING private_sealed AS "privateSealed", recovery_key_sealed AS "recoverySealed"`,
      [tokenHash, userId],
    );
    return row ?? null;
  }

  async findUnlock(tokenHash: string, userId: string): Promise<{ privateSealed: Buffer; recoverySealed: Buffer | null } | null> {
    const [row] = await this.dataSource.query(
      `SELECT private_sealed AS "privateSealed", recovery_key_sealed AS "recoverySealed"
         FROM recipient_key_unlocks WHERE token_hash = $1 AND user_id = $2 AND expires_at > now()`,
      [tokenHash, userId],
    );
    return row ?? null;
  }

  /** The recovery key is given once: the first reader clears it. */
  async takeRecoveryKey(tokenHash: string, userId: string): Promise<Buffer | null> {
    const [[row]] = await this.dataSource.query(
      `UPDATE recipient_key_unlocks u SET recovery_key_sealed = NULL
         FROM (SELECT token_hash, recovery_key_sealed FROM recipient_key_unlocks
                WHERE token_hash = $1 AND user_id = $2 AND recovery_key_sealed IS NOT NULL AND expires_at > now() FOR UPDATE) old
        WHERE u.token_hash = old.token_hash
        RETURNING old.recovery_key_sealed AS sealed`,
      [tokenHash, userId],
    );
    return row?.sealed ?? null;
  }

  async deleteExpiredUnlocks(): Promise<void> {
    await this.dataSource.query(`DELETE FROM recipient_key_unlocks WHERE expires_at < now()`);
  }
}
