import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const COLUMNS = `f.id, f.report_id AS "reportId", f.severity, f.text, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn",
  f.corrective_action AS "correctiveAction", f.responded_at AS "respondedAt", f.closed_at AS "closedAt", f.created_at AS "createdAt",
  CASE WHEN f.closed_at IS NOT NULL THEN 'closed' WHEN f.corrective_action IS NOT NULL THEN 'answered' ELSE 'open' END AS state`;

@Injectable()
export class FindingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, f: { organizationId: string; reportId: string; createdBy: string; severity: string; text: string; dueOn: string }): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO findings (organization_id, report_id, created_by, severity, text, due_on) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [f.organizationId, f.reportId, f.createdBy, f.severity, f.text, f.dueOn],
    );
    return row.id;
  }

  list(organizationId: string) {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM findings f WHERE f.organization_id = $1 ORDER BY f.closed_at IS NOT NULL, f.due_on, f.created_at`, [organizationId]);
  }

  async find(organizationId: string, id: string) {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM findings f WHERE f.organization_id = $1 AND f.id = $2`, [organizationId, id]);
    return row ?? null;
  }

  async respond(manager: EntityManager, id: string, action: string, by: string): Promise<void> {
    await manager.query(`UPDATE findings SET corrective_action = $2, responded_by = $3, responded_at = now() WHERE id = $1`, [id, action, by]);
  }

  async close(manager: EntityManager, id: string, by: string): Promise<void> {
    await manager.query(`UPDATE findings SET closed_by = $2, closed_at = now() WHERE id = $1`, [id, by]);
  }
}
