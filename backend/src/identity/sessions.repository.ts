import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    manager: EntityManager,
    session: { userId: string; tokenHash: string; ttlHours: number; ip: string | null; userAgent: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at, ip, user_agent)
       VALUES ($1, $2, now() + make_interval(hours => $3), $4, $5) RETURNING id`,
      [session.userId, session.tokenHash, session.ttlHours, session.ip, session.userAgent?.slice(0, 300) ?? null],
    );
    return row.id;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
  }

  async revokeAllForUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** Every session but the one making the request (a password change keeps its own page signed in). */
  async revokeOthersForUser(manager: EntityManager, userId: string, keepSessionId: string): Promise<void> {
    await manager.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`, [
      userId,
      keepSessionId,
    ]);
  }
}
