import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { CasesRepository } from './cases.repository';
import type { PhoneReceiptDto, PhoneReportDto } from './report-channel.dto';
import { ReportChannelService } from './report-channel.service';

/**
 * A handler writes down a report a caller gives by phone. It goes in through the public
 * submission's own path (same checks, data key, wrapping, receipt), addressed to the handler's
 * partner only: the caller chose to call that partner, not the Satgas.
 */
@Injectable()
export class PhoneReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: ReportChannelService,
    private readonly cases: CasesRepository,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async record(actor: Actor, body: PhoneReportDto): Promise<PhoneReceiptDto> {
    const partnerId = actor.partnerId;
    if (!partnerId || !(await this.cases.isConfirmedHandler(this.dataSource.manager, partnerId, actor.userId))) {
      throw new ForbiddenException('Only a confirmed case handler of a partner records a report by phone');
    }
    const organization = await this.channel.organizationReceivingFrom(partnerId, { id: body.organizationId, code: body.organizationCode });
    // Unknown, or not engaged with this partner today: the same answer, so handlers cannot probe other partners' clients.
    if (!organization) throw new NotFoundException('No organisation with this code is engaged with your partner today');
    const { receipt, reportId } = await this.channel.submitTo(
      organization.id,
      {
        category: body.category,
        description: body.description,
        contact: body.contact || undefined,
        allowSatgasReferral: body.allowSatgasReferral,
        recipientIds: [partnerId],
      },
      [],
      (m, id) =>
        this.auditTrail.append(m, {
          organizationId: null,
          partnerId,
          dayOnly: true,
          actorId: actor.userId,
          action: 'case.recorded_by_phone',
          targetType: 'confidential_report',
          targetId: id,
          details: {},
        }),
    );
    return { receipt, caseId: reportId };
  }
}
