import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CaseStatus, Category, Outcome } from './report-channel.dto';

export interface CaseAccess {
  wrappedKey: Buffer;
  organizationId: string;
  status: CaseStatus;
  /** The caller's partner when they reach the case as its handler, else null (Satgas). */
  partnerId: string | null;
}

/**
 * The recipient's key row `k` has news: the case was never opened, or the reporter wrote after the
 * recipient last read it. One rule for the inbox's flag and the daily notice's count.
 */
const UNREAD = `(k.read_upto IS NULL OR EXISTS (SELECT 1 FROM confidential_report_messages m
                                               WHERE m.report_id = k.report_id AND m.author = 'reporter' AND m.id > k.read_upto))`;

@Injectable()
export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's cases: exactly the reports whose data key is wrapped for them. */
  async list(userId: string): Promise<{ id: string; organizationName: string; category: Category; status: CaseStatus; createdOn: string; unread: boolean }[]> {
    return this.dataSource.query(
      `SELECT r.id, o.name AS "organizationName", r.category, r.status, to_char(r.created_on, 'YYYY-MM-DD') AS "createdOn",
              ${UNREAD} AS unread
         FROM confidential_report_keys k
         JOIN confidential_reports r ON r.id = k.report_id
         JOIN organizations o ON o.id = r.organization_id
        WHERE k.user_id = $1
        ORDER BY r.created_on DESC, r.id`,
      [userId],
    );
  }

  async access(userId: string, reportId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<CaseAccess | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reportId)) return null;
    const [row] = await manager.query(
      `SELECT k.wrapped_key AS "wrappedKey", r.organization_id AS "organizationId", r.status,
              (SELECT h.partner_id FROM case_handlers h WHERE h.user_id = $1 AND h.confirmed_on IS NOT NULL) AS "partnerId"
         FROM confidential_report_keys k JOIN confidential_reports r ON r.id = k.report_id
        WHERE k.user_id = $1 AND k.report_id = $2
        ${lock ? 'FOR UPDATE OF r' : ''}`,
      [userId, reportId],
    );
    return row ?? null;
  }

  async markRead(userId: string, reportId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE confidential_report_keys
          SET read_upto = coalesce((SELECT max(id) FROM confidential_report_messages WHERE report_id = $2), 0)
        WHERE user_id = $1 AND report_id = $2`,
      [userId, reportId],
    );
  }

  async recipients(reportId: string): Promise<{ kind: 'partner' | 'satgas'; name: string }[]> {
    return this.dataSource.query(
      `SELECT c.kind, coalesce(p.name, 'Satgas') AS name
         FROM confidential_report_recipients c LEFT JOIN partners p ON p.id = c.partner_id
        WHERE c.report_id = $1 ORDER BY c.kind, p.name`,
      [reportId],
    );
  }

  /** Recipients with unread news on any case, and how many cases: for the daily notice. */
  async unreadByRecipient(): Promise<{ userId: string; email: string; name: string; locale: 'id' | 'en'; unread: number }[]> {
    return this.dataSource.query(
      `SELECT u.id AS "userId", u.email, u.name, u.locale, count(*)::int AS unread
         FROM confidential_report_keys k JOIN users u ON u.id = k.user_id
        WHERE u.status = 'active' AND u.email IS NOT NULL
          AND ${UNREAD}
        GROUP BY u.id`,
    );
  }

  async retentionDays(manager: EntityManager, partnerId: string | null): Promise<number> {
    if (!partnerId) return 365;
    const [row] = await manager.query(`SELECT retention_days FROM partner_case_settings WHERE partner_id = $1`, [partnerId]);
    return row?.retention_days ?? 365;
  }

  async setStatus(
    manager: EntityManager,
    reportId: string,
    status: CaseStatus,
    outcome: Outcome | null,
    retentionDays: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE confidential_reports
          SET status = $2, outcome = $3,
              closed_on = CASE WHEN $2 = 'closed' THEN current_date END,
              purge_on = CASE WHEN $2 = 'closed' THEN current_date + $4::int END
        WHERE id = $1`,
      [reportId, status, outcome, retentionDays],
    );
  }

  /** A confirmed handler of the partner, with a key pair: someone a case can be shared with. */
  async colleagueKey(manager: EntityManager, partnerId: string, userId: string): Promise<Buffer | null> {
    const [row] = await manager.query(
      `SELECT k.public_key FROM case_handlers h JOIN recipient_keys k ON k.user_id = h.user_id JOIN users u ON u.id = h.user_id
        WHERE h.partner_id = $1 AND h.user_id = $2 AND h.confirmed_on IS NOT NULL AND u.status = 'active'`,
      [partnerId, userId],
    );
    return row?.public_key ?? null;
  }

  async hasKey(manager: EntityManager, reportId: string, userId: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT 1 FROM confidential_report_keys WHERE report_id = $1 AND user_id = $2`, [reportId, userId]);
    return !!row;
  }

  // ---- handlers and Satgas ----

  async partnerExists(manager: EntityManager, partnerId: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT 1 FROM partners WHERE id = $1 FOR UPDATE`, [partnerId]);
    return !!row;
  }

  async countConfirmedHandlers(manager: EntityManager, partnerId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM case_handlers h JOIN users u ON u.id = h.user_id
        WHERE h.partner_id = $1 AND h.confirmed_on IS NOT NULL AND u.status = 'active'`,
      [partnerId],
    );
    return row.n;
  }

  async isConfirmedHandler(manager: EntityManager, partnerId: string, userId: string): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT 1 FROM case_handlers WHERE partner_id = $1 AND user_id = $2 AND confirmed_on IS NOT NULL`,
      [partnerId, userId],
    );
    return !!row;
  }

  async insertHandler(manager: EntityManager, partnerId: string, userId: string, invitedBy: string, confirmedBy: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO case_handlers (user_id, partner_id, invited_by, confirmed_by, confirmed_on)
       VALUES ($1, $2, $3, $4, CASE WHEN $4::uuid IS NULL THEN NULL ELSE current_date END)`,
      [userId, partnerId, invitedBy, confirmedBy],
    );
  }

  async confirmHandler(manager: EntityManager, partnerId: string, userId: string, confirmedBy: string): Promise<'confirmed' | 'already' | 'missing'> {
    const [row] = await manager.query(`SELECT confirmed_on FROM case_handlers WHERE partner_id = $1 AND user_id = $2 FOR UPDATE`, [partnerId, userId]);
    if (!row) return 'missing';
    if (row.confirmed_on) return 'already';
    await manager.query(`UPDATE case_handlers SET confirmed_on = current_date, confirmed_by = $3 WHERE partner_id = $1 AND user_id = $2`, [
      partnerId,
      userId,
      confirmedBy,
    ]);
    return 'confirmed';
  }

  async listHandlers(partnerId: string): Promise<{ id: string; name: string; email: string | null; confirmed: boolean; hasKey: boolean }[]> {
    return this.dataSource.query(
      `SELECT u.id, u.name, u.email, h.confirmed_on IS NOT NULL AS confirmed,
              EXISTS (SELECT 1 FROM recipient_keys k WHERE k.user_id = u.id) AS "hasKey"
         FROM case_handlers h JOIN users u ON u.id = h.user_id
        WHERE h.partner_id = $1 AND u.status = 'active' ORDER BY u.name, u.id`,
      [partnerId],
    );
  }

  /** Ids among `userIds` that are not active people of the organisation. */
  async notEmployees(manager: EntityManager, organizationId: string, userIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT x.id FROM unnest($2::uuid[]) AS x(id)
        WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = x.id AND u.organization_id = $1 AND u.status = 'active')`,
      [organizationId, userIds],
    );
    return rows.map((r) => r.id);
  }

  async replaceSatgas(manager: EntityManager, organizationId: string, userIds: string[]): Promise<{ added: string[]; removed: string[] }> {
    // TypeORM answers [rows, count] for DELETE … RETURNING.
    const [removed]: [{ user_id: string }[], number] = await manager.query(
      `DELETE FROM satgas_members WHERE organization_id = $1 AND NOT (user_id = ANY($2::uuid[])) RETURNING user_id`,
      [organizationId, userIds],
    );
    const added: { user_id: string }[] = await manager.query(
      `INSERT INTO satgas_members (organization_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING user_id`,
      [organizationId, userIds],
    );
    // A member who leaves the Satgas stops reading its cases at once.
    if (removed.length) {
      await manager.query(
        `DELETE FROM confidential_report_keys k USING confidential_reports r
          WHERE r.id = k.report_id AND r.organization_id = $1 AND k.user_id = ANY($2::uuid[])`,
        [organizationId, removed.map((r) => r.user_id)],
      );
    }
    return { added: added.map((r) => r.user_id), removed: removed.map((r) => r.user_id) };
  }

  async listSatgas(organizationId: string): Promise<{ id: string; name: string; hasKey: boolean }[]> {
    return this.dataSource.query(
      `SELECT u.id, u.name, EXISTS (SELECT 1 FROM recipient_keys k WHERE k.user_id = u.id) AS "hasKey"
         FROM satgas_members s JOIN users u ON u.id = s.user_id
        WHERE s.organization_id = $1 ORDER BY u.name, u.id`,
      [organizationId],
    );
  }

  /**
   * The partner's own chain of the trail (case handling), read with its links and salts so that a
   * handler can recompute it with the canonical forms in the README. Entries carry no content.
   */
  async partnerChain(partnerId: string, afterSeq: number, limit: number) {
    return this.dataSource.query(
      `SELECT c.seq::int AS seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.actor_id AS "actorId",
              e.action, e.target_type AS "targetType", e.target_id AS "targetId", e.details, c.prev_hash AS "prevHash", c.hash, c.salts,
              CASE WHEN c.seq >= f.v2_from_seq THEN 2 ELSE 1 END AS form
         FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id LEFT JOIN audit_chain_forms f ON f.chain_id = c.chain_id
        WHERE c.chain_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3`,
      [partnerId, afterSeq, limit],
    );
  }

  async setRetention(partnerId: string, days: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO partner_case_settings (partner_id, retention_days) VALUES ($1, $2)
       ON CONFLICT (partner_id) DO UPDATE SET retention_days = $2`,
      [partnerId, days],
    );
  }
}
