import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OutboxService } from '../mail/outbox.service';
import { AuditReportsRepository } from './audit-reports.repository';
import { findingMail, type FindingEvent } from './finding-mail';
import { FindingsRepository, type FindingRow, type FindingStatus, type LockedFinding } from './findings.repository';

interface Transition {
  event: FindingEvent;
  /** The trail's action, written in full so that its phrase can be checked (audit-trail/audit-actions.spec.ts). */
  action: 'finding.responded' | 'finding.closure_proposed' | 'finding.closed' | 'finding.reopened';
  /** Statuses the transition starts from, and the 409 for each other status. */
  from: FindingStatus[];
  refused: Partial<Record<FindingStatus, string>>;
  to: FindingStatus;
  /** Who may do it: the organisation's HR, or an auditor of the partner that raised the finding. */
  by: 'hr' | 'raising_partner';
}

const TRANSITIONS: Record<FindingEvent, Transition> = {
  responded: {
    event: 'responded',
    action: 'finding.responded',
    from: ['open', 'responded'],
    refused: { closure_proposed: 'Closure is proposed: the auditor closes or reopens the finding first', closed: 'This finding is closed' },
    to: 'responded',
    by: 'hr',
  },
  closure_proposed: {
    event: 'closure_proposed',
    action: 'finding.closure_proposed',
    from: ['responded'],
    refused: { open: 'Respond with the corrective action before proposing closure', closure_proposed: 'Closure is already proposed', closed: 'This finding is closed' },
    to: 'closure_proposed',
    by: 'hr',
  },
  closed: {
    event: 'closed',
    action: 'finding.closed',
    from: ['closure_proposed'],
    refused: { open: 'HR has not proposed closing this finding', responded: 'HR has not proposed closing this finding', closed: 'This finding is already closed' },
    to: 'closed',
    by: 'raising_partner',
  },
  reopened: {
    event: 'reopened',
    action: 'finding.reopened',
    from: ['responded', 'closure_proposed', 'closed'],
    refused: { open: 'This finding is already open' },
    to: 'open',
    by: 'raising_partner',
  },
};

/**
 * The monitoring loop (API.md): auditors record findings on a report; HR responds and proposes
 * closure; any auditor of the partner that raised a finding closes or reopens it. Each transition is
 * one locked row change, a trail entry and a notification of the other side, in one transaction.
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly findings: FindingsRepository,
    private readonly reports: AuditReportsRepository,
    private readonly auditTrail: AuditTrailService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(organizationId: string): Promise<FindingRow[]> {
    return this.findings.list(organizationId);
  }

  /** Share of closed findings closed by their due date; null while none is closed (an agreed indicator). */
  async closedOnTimeShare(organizationId: string): Promise<{ value: number | null; closed: number }> {
    const { closed, onTime } = await this.findings.closedOnTimeCounts(organizationId);
    return { value: closed > 0 ? onTime / closed : null, closed };
  }

  async create(actor: Actor, organizationId: string, reportId: string, dto: { severity: string; text: string; dueOn: string }): Promise<FindingRow> {
    const report = await this.reports.find(reportId);
    if (!report || report.organizationId !== organizationId) throw new NotFoundException('Report not found');
    const id = await this.dataSource.transaction(async (m) => {
      const findingId = await this.findings.insert(m, { organizationId, reportId, createdBy: actor.userId, ...dto });
      await this.auditTrail.append(m, { organizationId, actorId: actor.userId, action: 'finding.recorded', targetType: 'finding', targetId: findingId, details: { severity: dto.severity, reportId, dueOn: dto.dueOn } });
      return findingId;
    });
    return (await this.findings.find(organizationId, id))!;
  }

  respond(actor: Actor, organizationId: string, id: string, correctiveAction: string): Promise<FindingRow> {
    return this.transition(actor, organizationId, id, TRANSITIONS.responded, (m) => this.findings.respond(m, id, correctiveAction, actor.userId));
  }

  proposeClosure(actor: Actor, organizationId: string, id: string): Promise<FindingRow> {
    return this.transition(actor, organizationId, id, TRANSITIONS.closure_proposed, (m) => this.findings.proposeClosure(m, id, actor.userId));
  }

  close(actor: Actor, organizationId: string, id: string): Promise<FindingRow> {
    return this.transition(actor, organizationId, id, TRANSITIONS.closed, (m) => this.findings.close(m, id, actor.userId));
  }

  reopen(actor: Actor, organizationId: string, id: string): Promise<FindingRow> {
    return this.transition(actor, organizationId, id, TRANSITIONS.reopened, (m) => this.findings.reopen(m, id, actor.userId));
  }

  private async transition(actor: Actor, organizationId: string, id: string, t: Transition, apply: (m: EntityManager) => Promise<void>): Promise<FindingRow> {
    await this.dataSource.transaction(async (m) => {
      const finding = await this.findings.lock(m, organizationId, id);
      if (!finding) throw new NotFoundException('Finding not found');
      this.checkActor(actor, organizationId, finding, t);
      if (!t.from.includes(finding.status)) throw new ConflictException(t.refused[finding.status] ?? `A ${finding.status} finding cannot be ${t.event}`);
      await apply(m);
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: t.action,
        targetType: 'finding',
        targetId: id,
        details: { from: finding.status, to: t.to },
      });
      await this.notify(m, organizationId, id, finding, t);
    });
    return (await this.findings.find(organizationId, id))!;
  }

  private checkActor(actor: Actor, organizationId: string, finding: LockedFinding, t: Transition): void {
    if (t.by === 'hr' && !(actor.organizationId === organizationId && actor.roles.includes('hr_admin'))) {
      throw new ForbiddenException("Only the organisation's HR admins respond to findings and propose closing them");
    }
    if (t.by === 'raising_partner' && !(actor.roles.includes('auditor') && actor.partnerId !== null && actor.partnerId === finding.partnerId)) {
      throw new ForbiddenException('Only auditors of the partner that raised this finding can close or reopen it');
    }
  }

  /** The other side: the raising partner's auditors when HR acts, the organisation's HR admins when an auditor does. */
  private async notify(m: EntityManager, organizationId: string, id: string, finding: LockedFinding, t: Transition): Promise<void> {
    const toAuditors = t.by === 'hr';
    const recipients = toAuditors
      ? finding.partnerId
        ? await this.findings.auditorsOf(m, finding.partnerId)
        : []
      : await this.findings.hrAdmins(m, organizationId);
    const url = toAuditors ? `${this.config.publicUrl}/audit/organizations/${organizationId}/findings` : `${this.config.publicUrl}/hr/audit`;
    await this.outbox.enqueueMany(
      m,
      recipients.map((r) => {
        const mail = findingMail(r.locale, t.event, { ...finding, status: t.to }, url);
        // Mail to a partner's auditors is not the organisation's: it stays out of the outbox HR reads.
        return { organizationId: toAuditors ? null : organizationId, to: r.email, subject: mail.subject, text: mail.text, kind: `finding_${t.event}` };
      }),
    );
  }
}
