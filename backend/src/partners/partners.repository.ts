import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EngagementDto, PartnerDto } from './partners.dto';

const ENGAGEMENT_SELECT = `
  SELECT e.id, e.organization_id AS "organizationId", o.name AS "organizationName", e.partner_id AS "partnerId",
         p.name AS "partnerName", to_char(e.period_start, 'YYYY-MM-DD') AS "periodStart",
         to_char(e.period_end, 'YYYY-MM-DD') AS "periodEnd", e.scope,
         engagement_active(e) AS active,
         CASE WHEN engagement_active(e) THEN 'active'
              WHEN e.ended_at IS NULL AND e.period_start > org_today(e.organization_id) THEN 'upcoming'
              ELSE 'ended' END AS state,
         e.ended_at AS "endedAt"
    FROM engagements e JOIN organizations o ON o.id = e.organization_id JOIN partners p ON p.id = e.partner_id`;

@Injectable()
export class PartnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<PartnerDto[]> {
    return this.dataSource.query(
      `SELECT p.id, p.name, (SELECT count(*)::int FROM users u WHERE u.partner_id = p.id) AS auditors
         FROM partners p ORDER BY p.name`,
    );
  }

  async nameExists(manager: EntityManager, name: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM partners WHERE lower(name) = lower($1)`, [name]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, name: string): Promise<{ id: string; name: string }> {
    const [row] = await manager.query(`INSERT INTO partners (name) VALUES ($1) RETURNING id, name`, [name]);
    return row;
  }

  async exists(manager: EntityManager, partnerId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM partners WHERE id = $1`, [partnerId]);
    return rows.length > 0;
  }

  async organizationExists(manager: EntityManager, organizationId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM organizations WHERE id = $1`, [organizationId]);
    return rows.length > 0;
  }

  async insertEngagement(
    manager: EntityManager,
    e: { partnerId: string; organizationId: string; periodStart: string; periodEnd: string; scope: string; createdBy: string },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO engagements (partner_id, organization_id, period_start, period_end, scope, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [e.partnerId, e.organizationId, e.periodStart, e.periodEnd, e.scope, e.createdBy],
    );
    return row.id;
  }

  /** Ends an engagement now unless it already ended; null when there is none with this id or it had ended. */
  async endEngagement(manager: EntityManager, id: string): Promise<{ organizationId: string } | null> {
    const [rows]: [{ organizationId: string }[], number] = await manager.query(
      `UPDATE engagements e SET ended_at = now()
        WHERE e.id = $1 AND e.ended_at IS NULL AND e.period_end >= org_today(e.organization_id)
       RETURNING e.organization_id AS "organizationId"`,
      [id],
    );
    return rows[0] ?? null;
  }

  async engagementExists(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM engagements WHERE id = $1`, [id])).length > 0;
  }

  listEngagements(filter: { organizationId?: string; partnerId?: string }): Promise<EngagementDto[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.organizationId) {
      params.push(filter.organizationId);
      where.push(`e.organization_id = $${params.length}`);
    }
    if (filter.partnerId) {
      params.push(filter.partnerId);
      where.push(`e.partner_id = $${params.length}`);
    }
    return this.dataSource.query(
      `${ENGAGEMENT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.period_end DESC, o.name`,
      params,
    );
  }
}
