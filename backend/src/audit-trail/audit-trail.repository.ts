import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface NewAuditEntry {
  organizationId: string | null;
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  /** Chains the entry under the partner (its own chain, e.g. case handling) instead of the organisation. */
  partnerId?: string | null;
  /** Records the day only (midnight UTC), where the time of an action could identify someone. */
  dayOnly?: boolean;
}

export interface PendingEntryRow {
  id: string;
  chain_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: unknown;
}

/** `at` as text with milliseconds and Z: exactly the string that is hashed and published. */
const AT_TEXT = `to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

@Injectable()
export class AuditTrailRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, entry: NewAuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entries (organization_id, actor_id, action, target_type, target_id, details, partner_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
               CASE WHEN $8 THEN date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' ELSE date_trunc('milliseconds', clock_timestamp()) END)`,
      [
        entry.organizationId,
        entry.actorId,
        entry.action,
        entry.targetType ?? null,
        entry.targetId ?? null,
        JSON.stringify(entry.details ?? {}),
        entry.partnerId ?? null,
        entry.dayOnly ?? false,
      ],
    );
  }

  /** Only one sequencer in the whole deployment works at a time; others skip the round. */
  async tryLockSequencer(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('aman.audit-sequencer')) AS locked`);
    return row.locked === true;
  }

  async getPending(manager: EntityManager, limit: number): Promise<PendingEntryRow[]> {
    return manager.query(
      `SELECT e.id, p.chain_id, ${AT_TEXT} AS at, e.actor_id, e.action, e.target_type, e.target_id, e.details
         FROM audit_pending p JOIN audit_entries e ON e.id = p.entry_id
        ORDER BY e.id
        LIMIT $1`,
      [limit],
    );
  }

  async getHeads(manager: EntityManager, chainIds: string[]): Promise<Map<string, { seq: number; hash: string }>> {
    const rows: { chain_id: string; seq: string; hash: string }[] = await manager.query(
      `SELECT DISTINCT ON (chain_id) chain_id, seq, hash
         FROM audit_chain WHERE chain_id = ANY($1::uuid[])
        ORDER BY chain_id, seq DESC`,
      [chainIds],
    );
    return new Map(rows.map((r) => [r.chain_id, { seq: Number(r.seq), hash: r.hash }]));
  }

  /**
   * The first seq of each chain hashed in canonical form v2. A chain without one yet (started after
   * the migration that introduced v2) gets it now: its next seq. Called under the sequencer lock.
   */
  async getOrRecordCutOvers(manager: EntityManager, heads: Map<string, number>): Promise<Map<string, number>> {
    const chainIds = [...heads.keys()];
    await manager.query(
      `INSERT INTO audit_chain_forms (chain_id, v2_from_seq)
       SELECT * FROM unnest($1::uuid[], $2::bigint[]) ON CONFLICT (chain_id) DO NOTHING`,
      [chainIds, chainIds.map((id) => heads.get(id)! + 1)],
    );
    const rows: { chain_id: string; v2_from_seq: string }[] = await manager.query(
      `SELECT chain_id, v2_from_seq FROM audit_chain_forms WHERE chain_id = ANY($1::uuid[])`,
      [chainIds],
    );
    return new Map(rows.map((r) => [r.chain_id, Number(r.v2_from_seq)]));
  }

  async insertLinks(
    manager: EntityManager,
    links: { entryId: string; chainId: string; seq: number; prevHash: string; hash: string; salts: Record<string, string> | null }[],
  ): Promise<void> {
    if (links.length === 0) return;
    await manager.query(
      `INSERT INTO audit_chain (entry_id, chain_id, seq, prev_hash, hash, salts)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[])`,
      [
        links.map((l) => l.entryId),
        links.map((l) => l.chainId),
        links.map((l) => l.seq),
        links.map((l) => l.prevHash),
        links.map((l) => l.hash),
        links.map((l) => (l.salts === null ? null : JSON.stringify(l.salts))),
      ],
    );
    await manager.query(`DELETE FROM audit_pending WHERE entry_id = ANY($1::bigint[])`, [links.map((l) => l.entryId)]);
  }

  async countPending(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM audit_pending`);
    return row.n;
  }
}
