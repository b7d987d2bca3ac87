import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export const FINDING_STATUSES = ['open', 'responded', 'closure_proposed', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** `closedOnTime`: closed on or before its due date in the organisation's calendar (org_today at the closing moment). */
const CLOSED_ON_TIME = `CASE WHEN f.status = 'closed' THEN org_today(f.organization_id, f.closed_at) <= f.due_on END`;
const COLUMNS = `f.id, f.report_id AS "reportId", f.severity, f.text, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn",
  f.corrective_action AS "correctiveAction", f.responded_at AS "respondedAt", f.closure_proposed_at AS "closureProposedAt",
  f.closed_at AS "closedAt", f.reopened_at AS "reopenedAt", f.created_at AS "createdAt", f.status,
  ${CLOSED_ON_TIME} AS "closedOnTime"`;

export interface FindingRow {
  id: string;
  reportId: string;
  severity: string;
  text: string;
  dueOn: string;
  correctiveAction: string | null;
  respondedAt: Date | null;
  closureProposedAt: Date | null;
  closedAt: Date | null;
  reopenedAt: Date | null;
  createdAt: Date;
  status: FindingStatus;
  closedOnTime: boolean | null;
}

/** A finding held for a transition, with what the notifications need. */
export interface LockedFinding {
  status: FindingStatus;
  partnerId: string | null;
  text: string;
  severity: string;
  dueOn: string;
  organizationName: string;
}

export interface Recipient {
  email: string;
  locale: 'id' | 'en';
}

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

  list(organizationId: string): Promise<FindingRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM findings f WHERE f.organization_id = $1 ORDER BY f.status = 'closed', f.due_on, f.created_at`, [
      organizationId,
    ]);
  }

  /** Closed findings and those closed on time (the agreed indicator), by the same rule as `closedOnTime`. */
  async closedOnTimeCounts(organizationId: string): Promise<{ closed: number; onTime: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE f.status = 'closed')::int AS closed, count(*) FILTER (WHERE ${CLOSED_ON_TIME})::int AS "onTime"
       FROM findings f WHERE f.organization_id = $1`,
      [organizationId],
    );
    return row;
  }

  async find(organizationId: string, id: string): Promise<FindingRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM findings f WHERE f.organization_id = $1 AND f.id = $2`, [organizationId, id]);
    return row ?? null;
  }

  /** Held until the transaction ends, so two transitions of one finding never interleave. */
  async lock(manager: EntityManager, organizationId: string, id: string): Promise<LockedFinding | null> {
    const [row] = await manager.query(
      `SELECT f.status, u.partner_id AS "partnerId", f.text, f.severity, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn", o.name AS "organizationName"
         FROM findings f JOIN users u ON u.id = f.created_by JOIN organizations o ON o.id = f.organization_id
        WHERE f.organization_id = $1 AND f.id = $2
        FOR UPDATE OF f`,
      [organizationId, id],
    );
    return row ?? null;
  }

  async respond(manager: EntityManager, id: string, action: string, by: string): Promise<void> {
    await manager.query(`UPDATE findings SET status = 'responded', corrective_action = $2, responded_by = $3, responded_at = now() WHERE id = $1`, [id, action, by]);
  }

  async proposeClosure(manager: EntityManager, id: string, by: string): Promise<void> {
    await manager.query(`UPDATE findings SET status = 'closure_proposed', closure_proposed_by = $2, closure_proposed_at = now() WHERE id = $1`, [id, by]);
  }

  async close(manager: EntityManager, id: string, by: string): Promise<void> {
    await manager.query(`UPDATE findings SET status = 'closed', closed_by = $2, closed_at = now() WHERE id = $1`, [id, by]);
  }

  async reopen(manager: EntityManager, id: string, by: string): Promise<void> {
    await manager.query(
      `UPDATE findings SET status = 'open', reopened_by = $2, reopened_at = now(), closed_at = NULL, closed_by = NULL,
              closure_proposed_at = NULL, closure_proposed_by = NULL
        WHERE id = $1`,
      [id, by],
    );
  }

  /** Active HR admins of the organisation who can receive mail. */
  hrAdmins(manager: EntityManager, organizationId: string): Promise<Recipient[]> {
    return manager.query(
      `SELECT email, locale FROM users WHERE organization_id = $1 AND 'hr_admin' = ANY(roles) AND status = 'active' AND email IS NOT NULL ORDER BY email`,
      [organizationId],
    );
  }

  /** Active auditors of the partner. */
  auditorsOf(manager: EntityManager, partnerId: string): Promise<Recipient[]> {
    return manager.query(
      `SELECT email, locale FROM users WHERE partner_id = $1 AND 'auditor' = ANY(roles) AND status = 'active' AND email IS NOT NULL ORDER BY email`,
      [partnerId],
    );
  }
}
