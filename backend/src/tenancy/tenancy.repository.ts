import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ActiveEngagement {
  id: string;
  scope: 'aggregate' | 'named';
}

@Injectable()
export class TenancyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The partner's engagement with the organisation that covers today in the organisation's time zone. */
  async getActiveEngagement(partnerId: string, organizationId: string): Promise<ActiveEngagement | null> {
    const [row] = await this.dataSource.query(
      `SELECT e.id, e.scope
         FROM engagements e JOIN organizations o ON o.id = e.organization_id
        WHERE e.partner_id = $1 AND e.organization_id = $2
          AND org_today(o.id) BETWEEN e.period_start AND e.period_end
        ORDER BY (e.scope = 'named') DESC, e.period_end DESC
        LIMIT 1`,
      [partnerId, organizationId],
    );
    return row ?? null;
  }

  getEngagedOrganizationIds(partnerId: string): Promise<string[]> {
    return this.dataSource
      .query(
        `SELECT DISTINCT e.organization_id AS id
           FROM engagements e JOIN organizations o ON o.id = e.organization_id
          WHERE e.partner_id = $1
            AND org_today(o.id) BETWEEN e.period_start AND e.period_end`,
        [partnerId],
      )
      .then((rows: { id: string }[]) => rows.map((r) => r.id));
  }
}
