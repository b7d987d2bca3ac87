import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface TotpRow {
  secret: Buffer | null;
  enabledAt: Date | null;
  lastStep: string | null;
  roles: string[];
  organizationId: string | null;
  email: string | null;
  requiredByOrganization: boolean;
  totpExempt: boolean;
}

@Injectable()
export class TotpRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(userId: string, manager: EntityManager = this.dataSource.manager): Promise<TotpRow | null> {
    const [row] = await manager.query(
      `SELECT u.totp_secret AS secret, u.totp_enabled_at AS "enabledAt", u.totp_last_step::text AS "lastStep", u.roles,
              u.organization_id AS "organizationId", u.email, coalesce(o.require_hr_totp, false) AS "requiredByOrganization",
              u.totp_exempt AS "totpExempt"
         FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.status = 'active'
        FOR UPDATE OF u`,
      [userId],
    );
    return row ?? null;
  }

  async setPendingSecret(manager: EntityManager, userId: string, sealed: Buffer): Promise<void> {
    await manager.query(`UPDATE users SET totp_secret = $2, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1`, [userId, sealed]);
  }

  async enable(manager: EntityManager, userId: string, step: number, codeHashes: string[]): Promise<void> {
    await manager.query(`UPDATE users SET totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1`, [userId, step]);
    await manager.query(`DELETE FROM totp_recovery_codes WHERE user_id = $1`, [userId]);
    await manager.query(
      `INSERT INTO totp_recovery_codes (user_id, code_hash) SELECT $1, h FROM unnest($2::text[]) AS h`,
      [userId, codeHashes],
    );
  }

  async disable(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1`, [userId]);
    await manager.query(`DELETE FROM totp_recovery_codes WHERE user_id = $1`, [userId]);
  }

  /** Records the accepted step so the same code cannot be replayed. */
  async useStep(manager: EntityManager, userId: string, step: number): Promise<void> {
    await manager.query(`UPDATE users SET totp_last_step = $2 WHERE id = $1`, [userId, step]);
  }

  /** True when an unused recovery code matched (and is now used). */
  async useRecoveryCode(manager: EntityManager, userId: string, codeHash: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE totp_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING 1`,
      [userId, codeHash],
    );
    return rows.length === 1;
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM totp_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    return row.n;
  }

  async createChallenge(userId: string, tokenHash: string, ttlMinutes: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_challenges (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
      [userId, tokenHash, ttlMinutes],
    );
  }

  /** Locks a live challenge and counts the attempt; null when unknown, used, expired or out of attempts. */
  async takeChallenge(manager: EntityManager, tokenHash: string, maxAttempts: number): Promise<{ id: string; userId: string } | null> {
    const [rows]: [{ id: string; userId: string }[], number] = await manager.query(
      `UPDATE login_challenges SET attempts = attempts + 1
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND attempts < $2
       RETURNING id, user_id AS "userId"`,
      [tokenHash, maxAttempts],
    );
    return rows[0] ?? null;
  }

  async finishChallenge(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE login_challenges SET used_at = now() WHERE id = $1`, [id]);
  }

  async isEnabled(userId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT totp_enabled_at IS NOT NULL AS on FROM users WHERE id = $1`, [userId]);
    return row?.on ?? false;
  }

  async setOrganizationRequirement(manager: EntityManager, organizationId: string, required: boolean): Promise<void> {
    await manager.query(`UPDATE organizations SET require_hr_totp = $2 WHERE id = $1`, [organizationId, required]);
  }

  async organizationRequirement(organizationId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT require_hr_totp AS r FROM organizations WHERE id = $1`, [organizationId]);
    return row?.r ?? false;
  }
}
