import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface ReportRow {
  id: string;
  organizationId: string;
  periodStart: string;
  periodEnd: string;
  lang: 'id' | 'en';
  status: 'queued' | 'running' | 'done' | 'failed';
  sha256: string | null;
  signature: string | null;
  keyId: string | null;
  headSeq: number | null;
  headHash: string | null;
  /** Ed25519 over the head statement (signing-keys.service.ts); null for reports made before heads were signed. */
  headSignature: string | null;
  pages: number | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  downloads: number;
}

/**
 * A summary cell as stored with a report: ReportingService's published numbers. Reports made before
 * moduleCompletionRate hold no rates (their cells had `people` instead).
 */
export interface StoredSummaryCell {
  assigned: number | null;
  completed: number | null;
  overdue: number | null;
  completionRate?: number | null;
  moduleCompletionRate?: number | null;
  suppressed: boolean;
}

/** The numbers stored with a done report, read apart from its row (with every unit, hundreds of KB). */
export interface ReportNumbers {
  summary: Record<'all' | 'leaders' | 'staff', StoredSummaryCell>;
  breakdowns?: Record<string, (StoredSummaryCell & { group: string })[]>;
  certificates: Record<string, number>;
}

const COLUMNS = `r.id, r.organization_id AS "organizationId", to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart",
  to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd", r.lang, r.status, r.sha256, r.signature, r.key_id AS "keyId",
  r.head_seq::int AS "headSeq", r.head_hash AS "headHash", r.head_signature AS "headSignature", r.pages, r.error, r.created_at AS "createdAt",
  r.finished_at AS "finishedAt",
  (SELECT count(*)::int FROM audit_report_downloads d WHERE d.report_id = r.id) AS downloads`;

@Injectable()
export class AuditReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    r: { organizationId: string; engagementId: string | null; requestedBy: string | null; periodStart: string; periodEnd: string; lang: string; scheduled: boolean },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO audit_reports (organization_id, engagement_id, requested_by, period_start, period_end, lang, scheduled)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [r.organizationId, r.engagementId, r.requestedBy, r.periodStart, r.periodEnd, r.lang, r.scheduled],
    );
    return row.id;
  }

  async find(id: string): Promise<ReportRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM audit_reports r WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  list(organizationId: string): Promise<ReportRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM audit_reports r WHERE r.organization_id = $1 ORDER BY r.created_at DESC`, [organizationId]);
  }

  async numbers(id: string): Promise<ReportNumbers | null> {
    const [row] = await this.dataSource.query(`SELECT numbers FROM audit_reports WHERE id = $1`, [id]);
    return row?.numbers ?? null;
  }

  /** The summary of the organisation's last done report before `before`, for the trend. */
  async previousSummary(organizationId: string, before: Date): Promise<ReportNumbers['summary'] | null> {
    const [row] = await this.dataSource.query(
      `SELECT r.numbers->'summary' AS summary FROM audit_reports r WHERE r.organization_id = $1 AND r.status = 'done' AND r.created_at < $2
        ORDER BY r.created_at DESC LIMIT 1`,
      [organizationId, before],
    );
    return row?.summary ?? null;
  }

  async markRunning(id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE audit_reports SET status = 'running', attempts = attempts + 1, started_at = now(), error = NULL
        WHERE id = $1 AND status <> 'done' RETURNING id`,
      [id],
    );
    return (rows as unknown[]).length === 1;
  }

  async markDone(
    id: string,
    r: { pdf: Buffer; sha256: string; signature: string; keyId: string; headSeq: number; headHash: string | null; headSignature: string; pages: number; numbers: object },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_reports SET status = 'done', pdf = $2, sha256 = $3, signature = $4, key_id = $5, head_seq = $6, head_hash = $7,
              pages = $8, numbers = $9, head_signature = $10, finished_at = now() WHERE id = $1`,
      [id, r.pdf, r.sha256, r.signature, r.keyId, r.headSeq, r.headHash, r.pages, JSON.stringify(r.numbers), r.headSignature],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE audit_reports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, error.slice(0, 500)]);
  }

  async getPdf(id: string): Promise<Buffer | null> {
    const [row] = await this.dataSource.query(`SELECT pdf FROM audit_reports WHERE id = $1 AND status = 'done'`, [id]);
    return row?.pdf ?? null;
  }

  async logDownload(manager: EntityManager, reportId: string, userId: string): Promise<void> {
    await manager.query(`INSERT INTO audit_report_downloads (report_id, user_id) VALUES ($1, $2)`, [reportId, userId]);
  }

  downloads(reportId: string): Promise<{ at: Date; userName: string; role: string }[]> {
    return this.dataSource.query(
      `SELECT d.at, u.name AS "userName", CASE WHEN u.partner_id IS NOT NULL THEN 'auditor' ELSE 'hr_admin' END AS role
         FROM audit_report_downloads d JOIN users u ON u.id = d.user_id WHERE d.report_id = $1 ORDER BY d.at DESC`,
      [reportId],
    );
  }

  async certificates(organizationId: string, periodStart: string, periodEnd: string) {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE (c.issued_at AT TIME ZONE o.time_zone)::date BETWEEN $2 AND $3)::int AS issued,
              count(*) FILTER (WHERE c.expires_on BETWEEN $2 AND $3)::int AS expired,
              count(*) FILTER (WHERE (c.revoked_at AT TIME ZONE o.time_zone)::date BETWEEN $2 AND $3)::int AS revoked,
              COALESCE(sum(c.verifications), 0)::int AS verifications
         FROM certificates c JOIN organizations o ON o.id = c.organization_id WHERE c.organization_id = $1`,
      [organizationId, periodStart, periodEnd],
    );
    return row as { issued: number; expired: number; revoked: number; verifications: number };
  }

  /** Programme evidence: what was in force, who is on the task force, which modules and versions. */
  async evidence(organizationId: string, periodStart: string, periodEnd: string) {
    const [org] = await this.dataSource.query(`SELECT name, code, time_zone AS "timeZone", settings FROM organizations WHERE id = $1`, [organizationId]);
    const documents = await this.dataSource.query(
      `SELECT d.kind, d.version, d.title, to_char(d.published_at, 'YYYY-MM-DD') AS "publishedOn",
              count(a.id) FILTER (WHERE u.is_leader)::int AS "leadersSigned",
              count(a.id) FILTER (WHERE NOT u.is_leader)::int AS "staffSigned"
         FROM policy_documents d
         LEFT JOIN acknowledgements a ON a.document_id = d.id
         LEFT JOIN users u ON u.id = a.user_id AND u.status = 'active'
        WHERE d.organization_id = $1
          AND d.version = (SELECT max(version) FROM policy_documents x WHERE x.organization_id = d.organization_id AND x.kind = d.kind
                             AND x.published_at::date <= $2)
        GROUP BY d.id ORDER BY d.kind`,
      [organizationId, periodEnd],
    );
    const modules = await this.dataSource.query(
      `SELECT m.slug, m.title, m.version, m.audience,
              (SELECT count(*)::int FROM completions c JOIN organizations o ON o.id = c.organization_id
                WHERE c.organization_id = $1 AND c.module_slug = m.slug
                  AND (c.completed_at AT TIME ZONE o.time_zone)::date BETWEEN $2 AND $3) AS "completionsInPeriod",
              (SELECT count(DISTINCT c.module_version)::int FROM completions c WHERE c.organization_id = $1 AND c.module_slug = m.slug) AS "versionsCompleted"
         FROM modules m WHERE m.active ORDER BY m.position`,
      [organizationId, periodStart, periodEnd],
    );
    const [people] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE is_leader)::int AS leaders, count(*) FILTER (WHERE NOT is_leader)::int AS staff
         FROM users WHERE organization_id = $1 AND status = 'active'`,
      [organizationId],
    );
    return { org, documents, modules, people };
  }

  findingsForReport(organizationId: string): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT f.id, f.severity, f.text, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn", f.corrective_action AS "correctiveAction",
              f.closed_at AS "closedAt", f.created_at AS "createdAt"
         FROM findings f WHERE f.organization_id = $1 ORDER BY f.closed_at IS NOT NULL, f.due_on`,
      [organizationId],
    );
  }
}
