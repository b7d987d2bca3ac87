import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { AuditReportsRepository } from './audit-reports.repository';
import { FindingsRepository } from './findings.repository';

/** The monitoring loop: auditors record findings on a report, HR answers and closes them. */
@Injectable()
export class FindingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly findings: FindingsRepository,
    private readonly reports: AuditReportsRepository,
    private readonly auditTrail: AuditTrailService,
  ) {}

  list(organizationId: string) {
    return this.findings.list(organizationId);
  }

  async create(actor: Actor, organizationId: string, reportId: string, dto: { severity: string; text: string; dueOn: string }) {
    const report = await this.reports.find(reportId);
    if (!report || report.organizationId !== organizationId) throw new NotFoundException('Report not found');
    const id = await this.dataSource.transaction(async (m) => {
      const findingId = await this.findings.insert(m, { organizationId, reportId, createdBy: actor.userId, ...dto });
      await this.auditTrail.append(m, { organizationId, actorId: actor.userId, action: 'finding.recorded', targetType: 'finding', targetId: findingId, details: { severity: dto.severity, reportId, dueOn: dto.dueOn } });
      return findingId;
    });
    return this.findings.find(organizationId, id);
  }

  async respond(actor: Actor, organizationId: string, id: string, correctiveAction: string) {
    const finding = await this.findings.find(organizationId, id);
    if (!finding) throw new NotFoundException('Finding not found');
    if (finding.closedAt) throw new ConflictException('This finding is closed');
    await this.dataSource.transaction(async (m) => {
      await this.findings.respond(m, id, correctiveAction, actor.userId);
      await this.auditTrail.append(m, { organizationId, actorId: actor.userId, action: 'finding.answered', targetType: 'finding', targetId: id });
    });
    return this.findings.find(organizationId, id);
  }

  async close(actor: Actor, organizationId: string, id: string) {
    const finding = await this.findings.find(organizationId, id);
    if (!finding) throw new NotFoundException('Finding not found');
    if (finding.closedAt) throw new ConflictException('This finding is already closed');
    if (!finding.correctiveAction) throw new ConflictException('Record the corrective action before closing the finding');
    await this.dataSource.transaction(async (m) => {
      await this.findings.close(m, id, actor.userId);
      await this.auditTrail.append(m, { organizationId, actorId: actor.userId, action: 'finding.closed', targetType: 'finding', targetId: id });
    });
    return this.findings.find(organizationId, id);
  }
}
