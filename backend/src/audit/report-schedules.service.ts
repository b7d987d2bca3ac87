import { Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { JobsService } from '../jobs/jobs.service';
import { AccessService } from '../tenancy/access.service';
import { REPORT_QUEUE } from './audit-reports.service';

const SCHEDULE_QUEUE = 'audit-report-schedule';

/**
 * Scheduled reports per engagement (every N months, through the queue's cron so one instance runs
 * it), access to reports by id, and the list of auditor reads HR can see.
 */
@Injectable()
export class ReportSchedulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportSchedules');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly access: AccessService,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(SCHEDULE_QUEUE, () => this.queueDueReports().then(() => undefined));
    await this.jobs.schedule(SCHEDULE_QUEUE, '15 * * * *');
  }

  /** Opens a report for every active engagement whose last scheduled report is N months old. */
  async queueDueReports(): Promise<string[]> {
    const ids: string[] = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('aman.report-schedule'))`);
      const rows: { id: string }[] = await m.query(
        `INSERT INTO audit_reports (organization_id, engagement_id, period_start, period_end, lang, scheduled)
         SELECT e.organization_id, e.id,
                GREATEST(e.period_start, (today - make_interval(months => e.report_every_months))::date), today, 'id', true
           FROM engagements e JOIN organizations o ON o.id = e.organization_id
           CROSS JOIN LATERAL (SELECT org_today(o.id) AS today) d
          WHERE e.report_every_months IS NOT NULL AND engagement_active(e)
            AND NOT EXISTS (SELECT 1 FROM audit_reports r WHERE r.engagement_id = e.id AND r.scheduled
                              AND r.created_at > now() - make_interval(months => e.report_every_months))
         RETURNING id`,
      );
      return rows.map((r) => r.id);
    });
    for (const reportId of ids) await this.jobs.send(REPORT_QUEUE, { reportId });
    if (ids.length) this.logger.log(`queued ${ids.length} scheduled report(s)`);
    return ids;
  }

  async setSchedule(actor: Actor, engagementId: string, everyMonths: number | null) {
    return this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(`UPDATE engagements SET report_every_months = $2 WHERE id = $1 RETURNING organization_id`, [engagementId, everyMonths]);
      const row = (rows as { organization_id: string }[])[0];
      if (!row) throw new NotFoundException('Engagement not found');
      await this.auditTrail.append(m, { organizationId: row.organization_id, actorId: actor.userId, action: 'engagement.schedule_changed', targetType: 'engagement', targetId: engagementId, details: { everyMonths } });
      return { id: engagementId, reportEveryMonths: everyMonths };
    });
  }

  /** The report's organisation if the caller may see it (its HR, or an engaged auditor); else 404. */
  async organizationFor(actor: Actor, reportId: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT organization_id FROM audit_reports WHERE id = $1`, [reportId]);
    const orgId: string | undefined = row?.organization_id;
    const notFound = 'Report not found';
    if (!orgId) throw new NotFoundException(notFound);
    await this.access.requireAccess(actor, { organizationId: orgId, members: 'hr_admin', scope: 'aggregate', target: { type: 'audit_report', id: reportId } }, notFound);
    return orgId;
  }

  auditorReads(organizationId: string) {
    return this.dataSource.query(
      `SELECT e.at, u.name AS "auditorName", p.name AS "partnerName", e.target_type AS "targetType", e.target_id AS "targetId", e.details
         FROM audit_entries e JOIN users u ON u.id = e.actor_id LEFT JOIN partners p ON p.id = u.partner_id
        WHERE e.organization_id = $1 AND e.action = 'auditor.read'
        ORDER BY e.id DESC LIMIT 500`,
      [organizationId],
    );
  }
}
