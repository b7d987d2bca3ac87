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
         FROM engagements e
        WHERE e.partner_id = $1 AND e.organization_id = $2 AND engagement_active(e)
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
           FROM engagements e
          WHERE e.partner_id = $1 AND engagement_active(e)`,
        [partnerId],
      )
      .then((rows: { id: string }[]) => rows.map((r) => r.id));
  }
}
