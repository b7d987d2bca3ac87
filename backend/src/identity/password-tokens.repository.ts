import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { LinkPurpose } from './mail-texts';

export type InvitationState = 'pending' | 'used' | 'expired';

export interface InvitationRow {
  userId: string;
  email: string;
  name: string;
  roles: string[];
  organizationId: string | null;
  partnerId: string | null;
  locale: 'id' | 'en';
  state: InvitationState;
  sentAt: Date;
  expiresAt: Date;
}

/** Only the sha256 of a link's token is stored; the token itself never enters the database in the clear. */
@Injectable()
export class PasswordTokensRepository {
  async create(
    manager: EntityManager,
    token: { userId: string; tokenHash: string; purpose: LinkPurpose; ttlHours: number },
  ): Promise<Date> {
    const [row] = await manager.query(
      `INSERT INTO password_tokens (user_id, token_hash, purpose, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires_at`,
      [token.userId, token.tokenHash, token.purpose, token.ttlHours],
    );
    return row.expires_at;
  }

  /** One statement for many people (an import), all with the same purpose and lifetime. */
  async createMany(
    manager: EntityManager,
    tokens: { userId: string; tokenHash: string }[],
    purpose: LinkPurpose,
    ttlHours: number,
  ): Promise<Date | null> {
    if (!tokens.length) return null;
    const rows: { expires_at: Date }[] = await manager.query(
      `INSERT INTO password_tokens (user_id, token_hash, purpose, expires_at)
       SELECT t.user_id, t.token_hash, $3, now() + make_interval(hours => $4)
         FROM unnest($1::uuid[], $2::text[]) AS t(user_id, token_hash)
       RETURNING expires_at`,
      [tokens.map((t) => t.userId), tokens.map((t) => t.tokenHash), purpose, ttlHours],
    );
    return rows[0]?.expires_at ?? null;
  }

  /** Voids every link of these accounts that could still be used (a newer link, a new password, a deactivation). */
  async voidAllForUsers(manager: EntityManager, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    await manager.query(
      `UPDATE password_tokens SET voided_at = now()
        WHERE user_id = ANY($1::uuid[]) AND used_at IS NULL AND voided_at IS NULL AND expires_at > now()`,
      [userIds],
    );
  }

  /** Marks the token used and returns its user, or null if unknown, used, voided or expired. */
  async consume(manager: EntityManager, tokenHash: string): Promise<{ userId: string; organizationId: string | null } | null> {
    // TypeORM answers an UPDATE with [rows, affectedCount].
    const [rows]: [{ userId: string; organizationId: string | null }[], number] = await manager.query(
      `UPDATE password_tokens t SET used_at = now()
         FROM users u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.voided_at IS NULL AND t.expires_at > now()
          AND u.id = t.user_id AND u.status = 'active'
       RETURNING t.user_id AS "userId", u.organization_id AS "organizationId"`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * People a platform admin invited (first HR admins, auditors), each with the state of their latest
   * invitation: used once the link was redeemed or the person has a password, pending while the
   * latest link can still be used, else expired (a voided link counts as expired).
   */
  async listInvitations(manager: EntityManager, userId?: string): Promise<InvitationRow[]> {
    return manager.query(
      `SELECT DISTINCT ON (u.id) u.id AS "userId", u.email, u.name, u.roles, u.organization_id AS "organizationId",
              u.partner_id AS "partnerId", u.locale,
              CASE WHEN t.used_at IS NOT NULL OR u.password_hash IS NOT NULL THEN 'used'
                   WHEN t.voided_at IS NULL AND t.expires_at > now() THEN 'pending'
                   ELSE 'expired' END AS state,
              t.created_at AS "sentAt", t.expires_at AS "expiresAt"
         FROM password_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.purpose = 'invite' AND u.status = 'active' AND ($1::uuid IS NULL OR u.id = $1)
        ORDER BY u.id, t.created_at DESC`,
      [userId ?? null],
    );
  }
}
