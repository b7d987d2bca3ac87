import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CaseStatus, Category, Outcome } from './report-channel.dto';

export interface RecipientKey {
  userId: string;
  publicKey: Buffer;
}

export interface StoredReport {
  id: string;
  organizationId: string;
  organizationName: string;
  category: Category;
  status: CaseStatus;
  allowSatgasReferral: boolean;
  createdOn: string;
  closedOn: string | null;
  outcome: Outcome | null;
  contentDeleted: boolean;
  description: Buffer | null;
  contact: Buffer | null;
}

export interface StoredMessage {
  id: string;
  author: 'reporter' | 'handler';
  body: Buffer | null;
}

export interface StoredAttachment {
  id: string;
  size: number;
  meta: Buffer | null;
}

const REPORT_COLUMNS = `r.id, r.organization_id AS "organizationId", o.name AS "organizationName", r.category, r.status,
  r.allow_satgas_referral AS "allowSatgasReferral", to_char(r.created_on, 'YYYY-MM-DD') AS "createdOn",
  to_char(r.closed_on, 'YYYY-MM-DD') AS "closedOn", r.outcome, r.content_deleted_on IS NOT NULL AS "contentDeleted",
  r.description, r.contact`;

/**
 * Partners that may receive new reports of the organisation `organization` (an SQL expression):
 * engaged today, with at least one confirmed handler who has a key pair.
 */
const receivingPartners = (organization: string) => `
  SELECT p.id, p.name FROM partners p
   WHERE EXISTS (SELECT 1 FROM engagements e WHERE e.partner_id = p.id AND e.organization_id = ${organization} AND engagement_active(e))
     AND EXISTS (SELECT 1 FROM case_handlers h JOIN recipient_keys k ON k.user_id = h.user_id JOIN users u ON u.id = h.user_id
                  WHERE h.partner_id = p.id AND h.confirmed_on IS NOT NULL AND u.status = 'active')`;

@Injectable()
export class ReportChannelRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findOrganizationByCode(code: string): Promise<{ id: string; name: string } | null> {
    const [row] = await this.dataSource.query(`SELECT id, name FROM organizations WHERE code = $1`, [code]);
    return row ?? null;
  }

  /** The organisation (by id or code) if this partner may receive its reports today, else null. */
  async organizationReceivingFrom(partnerId: string, by: { id?: string; code?: string }): Promise<{ id: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT o.id FROM organizations o
        WHERE (o.id = $1::uuid OR o.code = $2)
          AND $3::uuid IN (SELECT id FROM (${receivingPartners('o.id')}) rp)`,
      [by.id ?? null, by.code ?? null, partnerId],
    );
    return row ?? null;
  }

  async listReceivingPartners(organizationId: string): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(`${receivingPartners('$1')} ORDER BY p.name`, [organizationId]);
  }

  async satgasCanReceive(organizationId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM satgas_members s JOIN recipient_keys k ON k.user_id = s.user_id JOIN users u ON u.id = s.user_id
                       WHERE s.organization_id = $1 AND u.status = 'active' AND u.organization_id = $1) AS ok`,
      [organizationId],
    );
    return row.ok;
  }

  /**
   * The public keys a new report is wrapped for: the confirmed handlers (with a key pair) of the
   * chosen partners that may receive reports today, and the Satgas members when chosen.
   */
  async recipientKeys(manager: EntityManager, organizationId: string, partnerIds: string[], satgas: boolean): Promise<RecipientKey[]> {
    return manager.query(
      `SELECT k.user_id AS "userId", k.public_key AS "publicKey"
         FROM case_handlers h JOIN recipient_keys k ON k.user_id = h.user_id JOIN users u ON u.id = h.user_id
        WHERE h.partner_id = ANY($2::uuid[]) AND h.partner_id IN (SELECT id FROM (${receivingPartners('$1')}) rp)
          AND h.confirmed_on IS NOT NULL AND u.status = 'active'
       UNION
       SELECT k.user_id, k.public_key
         FROM satgas_members s JOIN recipient_keys k ON k.user_id = s.user_id JOIN users u ON u.id = s.user_id
        WHERE $3 AND s.organization_id = $1 AND u.organization_id = $1 AND u.status = 'active'`,
      [organizationId, partnerIds, satgas],
    );
  }

  async insertReport(
    manager: EntityManager,
    report: {
      id: string;
      organizationId: string;
      category: Category;
      allowSatgasReferral: boolean;
      receiptLookup: Buffer;
      reporterSalt: Buffer;
      reporterKey: Buffer;
      description: Buffer;
      contact: Buffer | null;
    },
  ): Promise<void> {
    // The day only, on the database's clock: a finer time could tie a report to who was at work then.
    await manager.query(
      `INSERT INTO confidential_reports (id, organization_id, category, allow_satgas_referral, created_on, receipt_lookup,
                                         reporter_salt, reporter_key, description, contact)
       VALUES ($1, $2, $3, $4, current_date, $5, $6, $7, $8, $9)`,
      [
        report.id,
        report.organizationId,
        report.category,
        report.allowSatgasReferral,
        report.receiptLookup,
        report.reporterSalt,
        report.reporterKey,
        report.description,
        report.contact,
      ],
    );
  }

  async insertRecipients(manager: EntityManager, reportId: string, partnerIds: string[], satgas: boolean): Promise<void> {
    await manager.query(
      `INSERT INTO confidential_report_recipients (report_id, kind, partner_id)
       SELECT $1::uuid, 'partner', unnest($2::uuid[])
       UNION ALL SELECT $1::uuid, 'satgas', NULL WHERE $3`,
      [reportId, partnerIds, satgas],
    );
  }

  async insertKeys(manager: EntityManager, reportId: string, keys: { userId: string; wrappedKey: Buffer; sharedBy?: string }[]): Promise<void> {
    if (!keys.length) return;
    await manager.query(
      `INSERT INTO confidential_report_keys (report_id, user_id, wrapped_key, shared_by)
       SELECT $1::uuid, * FROM unnest($2::uuid[], $3::bytea[], $4::uuid[])`,
      [reportId, keys.map((k) => k.userId), keys.map((k) => k.wrappedKey), keys.map((k) => k.sharedBy ?? null)],
    );
  }

  async insertAttachments(manager: EntityManager, reportId: string, files: { id: string; size: number; meta: Buffer; data: Buffer }[]): Promise<void> {
    if (!files.length) return;
    await manager.query(
      `INSERT INTO confidential_report_attachments (id, report_id, size, meta, data)
       SELECT u.id, $1::uuid, u.size, u.meta, u.data FROM unnest($2::uuid[], $3::int[], $4::bytea[], $5::bytea[]) AS u(id, size, meta, data)`,
      [reportId, files.map((f) => f.id), files.map((f) => f.size), files.map((f) => f.meta), files.map((f) => f.data)],
    );
  }

  async insertMessage(manager: EntityManager, reportId: string, author: 'reporter' | 'handler', body: Buffer): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO confidential_report_messages (report_id, author, created_on, body) VALUES ($1, $2, current_date, $3) RETURNING id`,
      [reportId, author, body],
    );
    return String(row.id);
  }

  async findByReceiptLookup(lookup: Buffer): Promise<{ id: string; reporterSalt: Buffer; reporterKey: Buffer | null } | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, reporter_salt AS "reporterSalt", reporter_key AS "reporterKey" FROM confidential_reports WHERE receipt_lookup = $1`,
      [lookup],
    );
    return row ?? null;
  }

  async createReporterSession(tokenHash: string, reportId: string, keySealed: Buffer, ttlMinutes: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO reporter_sessions (token_hash, report_id, key_sealed, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [tokenHash, reportId, keySealed, ttlMinutes],
    );
  }

  async findReporterSession(tokenHash: string): Promise<{ reportId: string; keySealed: Buffer } | null> {
    const [row] = await this.dataSource.query(
      `SELECT report_id AS "reportId", key_sealed AS "keySealed" FROM reporter_sessions WHERE token_hash = $1 AND expires_at > now()`,
      [tokenHash],
    );
    return row ?? null;
  }

  async getReport(reportId: string, manager: EntityManager = this.dataSource.manager): Promise<StoredReport | null> {
    const [row] = await manager.query(
      `SELECT ${REPORT_COLUMNS} FROM confidential_reports r JOIN organizations o ON o.id = r.organization_id WHERE r.id = $1`,
      [reportId],
    );
    return row ?? null;
  }

  async getReporterWrappedKey(reportId: string): Promise<Buffer | null> {
    const [row] = await this.dataSource.query(`SELECT reporter_key FROM confidential_reports WHERE id = $1`, [reportId]);
    return row?.reporter_key ?? null;
  }

  /** Locks the report against the retention job; false when it is gone or its content was deleted. */
  async lockLiveContent(manager: EntityManager, reportId: string): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT 1 FROM confidential_reports WHERE id = $1 AND content_deleted_on IS NULL FOR UPDATE`,
      [reportId],
    );
    return !!row;
  }

  async listMessages(reportId: string): Promise<StoredMessage[]> {
    const rows: { id: string; author: 'reporter' | 'handler'; body: Buffer | null }[] = await this.dataSource.query(
      `SELECT id::text AS id, author, body FROM confidential_report_messages WHERE report_id = $1 ORDER BY id`,
      [reportId],
    );
    return rows;
  }

  async listAttachments(reportId: string): Promise<StoredAttachment[]> {
    return this.dataSource.query(
      `SELECT id, size, meta FROM confidential_report_attachments WHERE report_id = $1 ORDER BY id`,
      [reportId],
    );
  }

  async getAttachment(reportId: string, attachmentId: string): Promise<{ id: string; meta: Buffer | null; data: Buffer | null } | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, meta, data FROM confidential_report_attachments WHERE report_id = $1 AND id = $2`,
      [reportId, attachmentId],
    );
    return row ?? null;
  }

  /**
   * Reserves one receipt guess for the blinded address today, before the receipt is checked, so
   * parallel guesses cannot all pass a check-then-count. Answers the count including this one.
   */
  async reserveAddressAttempt(addressMac: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `INSERT INTO receipt_attempts (address_mac, day, hits) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 1)
       ON CONFLICT (address_mac, day) DO UPDATE SET hits = receipt_attempts.hits + 1
       RETURNING hits`,
      [addressMac],
    );
    return row.hits;
  }

  /** A correct receipt gives its guess back: a reporter who follows up often is not slowed. */
  async releaseAddressAttempt(addressMac: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE receipt_attempts SET hits = greatest(hits - 1, 0) WHERE address_mac = $1 AND day = (now() AT TIME ZONE 'UTC')::date`,
      [addressMac],
    );
  }

  /** Counts every receipt guess of the whole installation in the current minute. */
  async hitGlobal(): Promise<number> {
    const [row] = await this.dataSource.query(
      `INSERT INTO receipt_attempts_global (minute, hits) VALUES (date_trunc('minute', now()), 1)
       ON CONFLICT (minute) DO UPDATE SET hits = receipt_attempts_global.hits + 1
       RETURNING hits`,
    );
    return row.hits;
  }

  /** Reports per quarter of their day of creation and per category or status. */
  async countsByQuarter(organizationId: string, groupBy: 'category' | 'status'): Promise<{ quarter: string; grp: string; n: number }[]> {
    const column = groupBy === 'category' ? 'category' : 'status';
    return this.dataSource.query(
      `SELECT to_char(created_on, 'YYYY-"Q"Q') AS quarter, ${column} AS grp, count(*)::int AS n
         FROM confidential_reports WHERE organization_id = $1
        GROUP BY 1, 2 ORDER BY 1`,
      [organizationId],
    );
  }

  /** Closed reports per quarter of closing, and the median of their days from creation to closing. */
  async closingByQuarter(organizationId: string): Promise<{ quarter: string; closed: number; median: number }[]> {
    return this.dataSource.query(
      `SELECT to_char(closed_on, 'YYYY-"Q"Q') AS quarter, count(*)::int AS closed,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_on - created_on)::numeric, 1)::float AS median
         FROM confidential_reports WHERE organization_id = $1 AND closed_on IS NOT NULL
        GROUP BY 1 ORDER BY 1`,
      [organizationId],
    );
  }

  async tryLockRetention(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('aman.report-channel.retention')) AS locked`);
    return row.locked === true;
  }

  /** Content of closed cases past their day goes; rows, days, category, status and outcome stay for the counts. */
  async purgeDueContent(manager: EntityManager): Promise<number> {
    const [due]: [{ id: string }[], number] = await manager.query(
      `UPDATE confidential_reports SET description = NULL, contact = NULL, content_deleted_on = current_date
        WHERE status = 'closed' AND purge_on <= current_date AND content_deleted_on IS NULL
        RETURNING id`,
    );
    if (!due.length) return 0;
    const ids = due.map((r) => r.id);
    await manager.query(`UPDATE confidential_report_messages SET body = NULL WHERE report_id = ANY($1::uuid[])`, [ids]);
    await manager.query(`UPDATE confidential_report_attachments SET meta = NULL, data = NULL WHERE report_id = ANY($1::uuid[])`, [ids]);
    return ids.length;
  }

  /** Counters of past days and minutes and expired reporter sessions say nothing useful: gone daily. */
  async deleteExpiredCounters(): Promise<void> {
    await this.dataSource.query(`DELETE FROM receipt_attempts WHERE day < (now() AT TIME ZONE 'UTC')::date`);
    await this.dataSource.query(`DELETE FROM receipt_attempts_global WHERE minute < now() - interval '1 hour'`);
    await this.dataSource.query(`DELETE FROM reporter_sessions WHERE expires_at < now()`);
  }
}
