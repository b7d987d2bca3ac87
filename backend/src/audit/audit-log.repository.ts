import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Salts } from '../audit-trail/canonical';

export interface ChainEntryRow {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
  /** 1 before the chain's cut-over, 2 from it on (README, "The audit trail's canonical form"). */
  form: 1 | 2;
  /** v2 only: the salt of each identifying value, by JSON Pointer. */
  salts: Salts | null;
}

/** What a finished report states about the chain's head, and the signature over that statement. */
export interface ReportAnchorRow {
  reportId: string;
  sha256: string;
  headSeq: number;
  headHash: string | null;
  keyId: string | null;
  headSignature: string | null;
}

/** Filters of the readable trail, checked by the DTO; dates are days in the organisation's calendar. */
export interface TrailFilter {
  from: string | null;
  to: string | null;
  action: string | null;
  targetType: string | null;
  /** Part of the actor's name or email; only ever passed for readers who may see names. */
  actor: string | null;
}

/** One row of the readable trail, before the service applies the reader's view. */
export interface TrailRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorKind: 'system' | 'person' | 'hr_admin' | 'auditor' | 'case_handler' | 'platform_admin';
  /** Null unless names were asked for, and for anyone outside the organisation and its engaged partners. */
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: unknown;
}

/**
 * People whose names the trail may show: the organisation's own, and the auditors of partners engaged
 * with it. A platform admin or another organisation's person stays a role. `$1` is the organisation.
 */
const NAMEABLE = `(n.organization_id = $1 OR n.partner_id IN (SELECT g.partner_id FROM engagements g WHERE g.organization_id = $1))`;

/**
 * The organisation's chained entries within the filter; `e` is audit_entries. Parameters $1–$6.
 * An entry has an organisation or a partner, never both (a partner's entries chain under the partner).
 */
const TRAIL_WHERE = `
  e.organization_id = $1
  AND ($2::date IS NULL OR e.at >= ($2::date::timestamp AT TIME ZONE (SELECT time_zone FROM organizations WHERE id = $1)))
  AND ($3::date IS NULL OR e.at < (($3::date + 1)::timestamp AT TIME ZONE (SELECT time_zone FROM organizations WHERE id = $1)))
  AND ($4::text IS NULL OR e.action = $4)
  AND ($5::text IS NULL OR e.target_type = $5)
  AND ($6::text IS NULL OR e.actor_id IN (
        SELECT n.id FROM users n
         WHERE ${NAMEABLE} AND (n.name ILIKE '%' || $6 || '%' OR n.email ILIKE '%' || $6 || '%')))`;

const likePattern = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** UUID-shaped target ids are cast only when they are UUIDs, so a stray id never fails the page. */
const asUuid = (column: string) => `CASE WHEN ${column} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN ${column}::uuid END`;

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the chain after `afterSeq`, in order: what auditors download and verify walks. */
  getEntries(chainId: string, afterSeq: number, limit: number): Promise<ChainEntryRow[]> {
    return this.dataSource
      .query(
        `SELECT c.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.actor_id AS "actorId",
                e.action, e.target_type AS "targetType", e.target_id AS "targetId", e.details, c.prev_hash AS "prevHash", c.hash,
                CASE WHEN c.seq >= f.v2_from_seq THEN 2 ELSE 1 END AS form, c.salts
           FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id
           LEFT JOIN audit_chain_forms f ON f.chain_id = c.chain_id
          WHERE c.chain_id = $1 AND c.seq > $2
          ORDER BY c.seq
          LIMIT $3`,
        [chainId, afterSeq, limit],
      )
      .then((rows: (ChainEntryRow & { seq: string })[]) => rows.map((r) => ({ ...r, seq: Number(r.seq) })));
  }

  /**
   * One page of the organisation's trail, newest first, with who acted as a role (and a name when
   * `withNames`) and the object in words, all joined here within the organisation only. Newest first
   * by time, then by entry, so that a page is an ordered scan of audit_entries_org_at_idx (or of
   * audit_entries_org_action_at_idx with an action).
   */
  getTrailPage(organizationId: string, filter: TrailFilter, lang: 'id' | 'en', withNames: boolean, limit: number, offset: number): Promise<TrailRow[]> {
    return this.dataSource
      .query(
        // The page's ids first: names and labels are then looked up for its rows only, not for the
        // rows OFFSET skips (a select list is computed for those too).
        `WITH page AS (
           SELECT e.id FROM audit_entries e
            WHERE ${TRAIL_WHERE} AND EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = e.id)
            ORDER BY e.at DESC, e.id DESC
            LIMIT $7 OFFSET $8
         )
         SELECT c.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.actor_id AS "actorId",
                CASE WHEN e.actor_id IS NULL THEN 'system'
                     WHEN 'platform_admin' = ANY(n.roles) THEN 'platform_admin'
                     WHEN 'auditor' = ANY(n.roles) THEN 'auditor'
                     WHEN 'case_handler' = ANY(n.roles) THEN 'case_handler'
                     WHEN 'hr_admin' = ANY(n.roles) THEN 'hr_admin'
                     ELSE 'person' END AS "actorKind",
                CASE WHEN $9::boolean AND ${NAMEABLE} THEN n.name END AS "actorName",
                e.action, e.target_type AS "targetType", e.target_id AS "targetId", e.details,
                CASE e.target_type
                  WHEN 'user' THEN (SELECT u.name FROM users u WHERE u.id = ${asUuid('e.target_id')} AND u.organization_id = $1)
                  WHEN 'unit' THEN (SELECT un.name FROM units un WHERE un.id = ${asUuid('e.target_id')} AND un.organization_id = $1)
                  WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = $1 AND o.id::text = e.target_id)
                  WHEN 'partner' THEN (SELECT p.name FROM partners p WHERE p.id = ${asUuid('e.target_id')})
                  WHEN 'engagement' THEN (SELECT p.name FROM engagements g JOIN partners p ON p.id = g.partner_id
                                           WHERE g.id = ${asUuid('e.target_id')} AND g.organization_id = $1)
                  WHEN 'audit_report' THEN (SELECT r.period_start || '/' || r.period_end FROM audit_reports r
                                             WHERE r.id = ${asUuid('e.target_id')} AND r.organization_id = $1)
                  WHEN 'module' THEN (SELECT coalesce(m.title ->> $10::text, m.title ->> 'id') FROM modules m WHERE m.slug = e.target_id)
                  WHEN 'certificate' THEN e.target_id
                  WHEN 'route' THEN e.target_id
                  ELSE (SELECT coalesce(m.title ->> $10::text, m.title ->> 'id') FROM modules m WHERE m.slug = e.details ->> 'module')
                END AS "targetLabel"
           FROM page
           JOIN audit_entries e ON e.id = page.id
           JOIN audit_chain c ON c.entry_id = e.id
           LEFT JOIN users n ON n.id = e.actor_id
          ORDER BY e.at DESC, e.id DESC`,
        [...this.trailParams(organizationId, filter), limit, offset, withNames, lang],
      )
      .then((rows: (TrailRow & { seq: string })[]) => rows.map((r) => ({ ...r, seq: Number(r.seq) })));
  }

  /**
   * The count reads the index alone: it includes entries committed in the last second and not chained
   * yet, which the page (chained entries, with their seq) shows a moment later. Probing audit_chain
   * for every counted entry made a month of a 100,000-person trail take 250 ms instead of 20.
   */
  async countTrail(organizationId: string, filter: TrailFilter): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries e WHERE ${TRAIL_WHERE}`, this.trailParams(organizationId, filter));
    return row.n;
  }

  /** Every action the organisation's trail holds: a skip scan of audit_entries_org_action_at_idx, one probe per action. */
  getTrailActions(organizationId: string): Promise<string[]> {
    return this.dataSource
      .query(
        `WITH RECURSIVE a(action) AS (
           (SELECT action FROM audit_entries WHERE organization_id = $1 ORDER BY action LIMIT 1)
           UNION ALL
           SELECT (SELECT e.action FROM audit_entries e WHERE e.organization_id = $1 AND e.action > a.action ORDER BY e.action LIMIT 1)
             FROM a WHERE a.action IS NOT NULL
         )
         SELECT action FROM a WHERE action IS NOT NULL`,
        [organizationId],
      )
      .then((rows: { action: string }[]) => rows.map((r) => r.action));
  }

  async getTimeZone(organizationId: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT time_zone FROM organizations WHERE id = $1`, [organizationId]);
    return row?.time_zone ?? 'Asia/Jakarta';
  }

  private trailParams(organizationId: string, f: TrailFilter): unknown[] {
    return [organizationId, f.from, f.to, f.action, f.targetType, f.actor === null ? null : likePattern(f.actor)];
  }

  async getHead(chainId: string): Promise<{ seq: number; hash: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT seq, hash FROM audit_chain WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1`,
      [chainId],
    );
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  async countPending(chainId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM audit_pending WHERE chain_id = $1`, [chainId]);
    return row.n;
  }

  /** Every finished report of the organisation with the head it states. */
  getReportAnchors(organizationId: string): Promise<ReportAnchorRow[]> {
    return this.dataSource.query(
      `SELECT id AS "reportId", sha256, head_seq::int AS "headSeq", head_hash AS "headHash", key_id AS "keyId",
              head_signature AS "headSignature"
         FROM audit_reports WHERE organization_id = $1 AND status = 'done' ORDER BY created_at`,
      [organizationId],
    );
  }
}
