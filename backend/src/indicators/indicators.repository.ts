import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface EngagementRef {
  id: string;
  organizationId: string;
  partnerId: string;
  active: boolean;
}

export interface AgreementRow {
  status: 'proposed' | 'accepted' | 'commented';
  proposedAt: Date;
  decidedAt: Date | null;
  comment: string | null;
  items: { id: string; indicator: string; target: number }[];
}

/** A partner's engagement in force with one organisation (the one whose indicators the partner sees there). */
export interface PartnerEngagementRow {
  engagementId: string;
  organizationId: string;
  organizationName: string;
  periodStart: string;
  periodEnd: string;
  scope: 'aggregate' | 'named';
}

/**
 * Which of a partner's engagements in force with one organisation carries its indicators: the
 * latest to start. One order for the shared view and the partner's side-by-side page alike.
 */
const PARTNER_ENGAGEMENT_ORDER = 'e.period_start DESC, e.id';

/** A report's stored indicator values, oldest period first. */
export interface SnapshotRow {
  reportId: string;
  period: string;
  values: Record<string, number | null>;
}

@Injectable()
export class IndicatorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async engagement(id: string): Promise<EngagementRef | null> {
    const [row] = await this.dataSource.query(
      `SELECT e.id, e.organization_id AS "organizationId", e.partner_id AS "partnerId", engagement_active(e) AS active FROM engagements e WHERE e.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The engagement of the organisation whose agreement is the latest (for HR's dashboard and reports without one). */
  async latestAgreedEngagement(organizationId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT a.engagement_id AS id FROM indicator_agreements a JOIN engagements e ON e.id = a.engagement_id
       WHERE e.organization_id = $1 ORDER BY engagement_active(e) DESC, a.status = 'accepted' DESC, a.proposed_at DESC LIMIT 1`,
      [organizationId],
    );
    return row?.id ?? null;
  }

  /** The partner's engagement with the organisation that is in force today. */
  async partnerEngagement(partnerId: string, organizationId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT e.id FROM engagements e WHERE e.partner_id = $1 AND e.organization_id = $2 AND engagement_active(e) ORDER BY ${PARTNER_ENGAGEMENT_ORDER} LIMIT 1`,
      [partnerId, organizationId],
    );
    return row?.id ?? null;
  }

  /**
   * A page of the organisations the partner has an engagement in force with today (each in its own
   * calendar), one row per organisation with the engagement `partnerEngagement` picks, by name.
   */
  async partnerEngagements(partnerId: string, page: number, pageSize: number): Promise<{ rows: PartnerEngagementRow[]; total: number }> {
    const rows: (PartnerEngagementRow & { total: string })[] = await this.dataSource.query(
      `WITH current AS (
         SELECT DISTINCT ON (e.organization_id) e.id, e.organization_id, e.period_start, e.period_end, e.scope
         FROM engagements e WHERE e.partner_id = $1 AND engagement_active(e)
         ORDER BY e.organization_id, ${PARTNER_ENGAGEMENT_ORDER}
       )
       SELECT c.id AS "engagementId", c.organization_id AS "organizationId", o.name AS "organizationName",
              to_char(c.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(c.period_end, 'YYYY-MM-DD') AS "periodEnd", c.scope,
              count(*) OVER () AS total
       FROM current c JOIN organizations o ON o.id = c.organization_id
       ORDER BY o.name, o.id LIMIT $2 OFFSET $3`,
      [partnerId, pageSize, (page - 1) * pageSize],
    );
    // A page past the end has no rows to carry the total: count again (rare, and cheap on the partner's index).
    const total = rows.length
      ? Number(rows[0].total)
      : Number((await this.dataSource.query(`SELECT count(DISTINCT e.organization_id) AS n FROM engagements e WHERE e.partner_id = $1 AND engagement_active(e)`, [partnerId]))[0].n);
    return {
      rows: rows.map((r) => ({ engagementId: r.engagementId, organizationId: r.organizationId, organizationName: r.organizationName, periodStart: r.periodStart, periodEnd: r.periodEnd, scope: r.scope })),
      total,
    };
  }

  async reportEngagement(reportId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT engagement_id AS id FROM audit_reports WHERE id = $1`, [reportId]);
    return row?.id ?? null;
  }

  async agreement(engagementId: string): Promise<AgreementRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT a.status, a.proposed_at AS "proposedAt", a.decided_at AS "decidedAt", a.comment,
         COALESCE((SELECT json_agg(json_build_object('id', i.id, 'indicator', i.indicator, 'target', i.target::float8) ORDER BY i.position)
                   FROM engagement_indicators i WHERE i.engagement_id = a.engagement_id), '[]') AS items
       FROM indicator_agreements a WHERE a.engagement_id = $1`,
      [engagementId],
    );
    return row ?? null;
  }

  /** Replaces the proposal (a new proposal waits for HR again), in the caller's transaction. */
  async replaceProposal(m: EntityManager, engagementId: string, proposedBy: string, items: { indicator: string; target: number }[]): Promise<void> {
    await m.query(
      `INSERT INTO indicator_agreements (engagement_id, status, proposed_by) VALUES ($1, 'proposed', $2)
       ON CONFLICT (engagement_id) DO UPDATE SET status = 'proposed', proposed_by = $2, proposed_at = now(), decided_by = NULL, decided_at = NULL, comment = NULL`,
      [engagementId, proposedBy],
    );
    await m.query(`DELETE FROM engagement_indicators WHERE engagement_id = $1`, [engagementId]);
    await m.query(
      `INSERT INTO engagement_indicators (engagement_id, indicator, target, position)
       SELECT $1, x.indicator, x.target, x.ord FROM unnest($2::text[], $3::numeric[]) WITH ORDINALITY AS x(indicator, target, ord)`,
      [engagementId, items.map((i) => i.indicator), items.map((i) => i.target)],
    );
  }

  /** HR's decision on the current proposal; false when there is none (locked, so a new proposal cannot slip under it). */
  async decide(m: EntityManager, engagementId: string, decidedBy: string, status: 'accepted' | 'commented', comment: string | null): Promise<boolean> {
    const rows = await m.query(
      `UPDATE indicator_agreements SET status = $3, decided_by = $2, decided_at = now(), comment = $4 WHERE engagement_id = $1 RETURNING 1`,
      [engagementId, decidedBy, status, comment],
    );
    return rows[1] === 1 || (Array.isArray(rows[0]) && rows[0].length === 1);
  }

  /**
   * The indicator values each finished audit report of the organisation stored (its snapshot),
   * by the report's period end; `before` leaves out reports made from then on.
   */
  snapshots(organizationId: string, before?: Date): Promise<SnapshotRow[]> {
    return this.dataSource.query(
      `SELECT r.id AS "reportId", to_char(r.period_end, 'YYYY-MM-DD') AS period, r.numbers -> 'indicators' AS values
       FROM audit_reports r
       WHERE r.organization_id = $1 AND r.status = 'done' AND r.numbers ? 'indicators' AND ($2::timestamptz IS NULL OR r.created_at < $2)
       ORDER BY r.period_end, r.created_at`,
      [organizationId, before ?? null],
    );
  }

  async today(organizationId: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT to_char(org_today($1), 'YYYY-MM-DD') AS today`, [organizationId]);
    return row.today;
  }
}
