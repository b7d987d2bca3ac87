import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class PasswordTokensRepository {
  async create(
    manager: EntityManager,
    token: { userId: string; tokenHash: string; purpose: 'set' | 'reset'; ttlHours: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO password_tokens (user_id, token_hash, purpose, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
      [token.userId, token.tokenHash, token.purpose, token.ttlHours],
    );
  }

  /** One statement for many people (an import), all with the same purpose and lifetime. */
  async createMany(
    manager: EntityManager,
    tokens: { userId: string; tokenHash: string }[],
    purpose: 'set' | 'reset',
    ttlHours: number,
  ): Promise<void> {
    if (!tokens.length) return;
    await manager.query(
      `INSERT INTO password_tokens (user_id, token_hash, purpose, expires_at)
       SELECT t.user_id, t.token_hash, $3, now() + make_interval(hours => $4)
         FROM unnest($1::uuid[], $2::text[]) AS t(user_id, token_hash)`,
      [tokens.map((t) => t.userId), tokens.map((t) => t.tokenHash), purpose, ttlHours],
    );
  }

  /** Marks the token used and returns its user, or null if unknown, used or expired. */
  async consume(manager: EntityManager, tokenHash: string): Promise<{ userId: string; organizationId: string | null } | null> {
    // TypeORM answers an UPDATE with [rows, affectedCount].
    const [rows]: [{ userId: string; organizationId: string | null }[], number] = await manager.query(
      `UPDATE password_tokens t SET used_at = now()
         FROM users u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
          AND u.id = t.user_id AND u.status = 'active'
       RETURNING t.user_id AS "userId", u.organization_id AS "organizationId"`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }
}
