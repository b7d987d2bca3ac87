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
