import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { AuthService } from '../identity/auth.service';
import { UsersService } from '../identity/users.service';
import type { CreateAuditorDto, CreateEngagementDto, EngagementDto, PartnerDto } from './partners.dto';
import { PartnersRepository } from './partners.repository';

/**
 * Partners (NGOs), their auditors and engagements. Created only by a platform admin at the request of
 * both sides; the monitored organisation's HR can see engagements but never change them.
 */
@Injectable()
export class PartnersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnersRepository,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly auditTrail: AuditTrailService,
  ) {}

  list(): Promise<PartnerDto[]> {
    return this.partners.list();
  }

  create(actor: Actor, name: string): Promise<{ id: string; name: string }> {
    return this.dataSource.transaction(async (m) => {
      if (await this.partners.nameExists(m, name)) throw new ConflictException(`A partner named "${name}" already exists`);
      const partner = await this.partners.insert(m, name);
      await this.auditTrail.append(m, {
        organizationId: null,
        actorId: actor.userId,
        action: 'partner.created',
        targetType: 'partner',
        targetId: partner.id,
        details: { name },
      });
      return partner;
    });
  }

  /** The auditor receives an invitation (a one-time set-password link, 7 days) through the outbox; nobody types their password. */
  addAuditor(actor: Actor, partnerId: string, dto: CreateAuditorDto): Promise<{ id: string; email: string; name: string }> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.partners.exists(m, partnerId))) throw new NotFoundException('Partner not found');
      const userId = await this.users.createUser(m, {
        partnerId,
        email: dto.email,
        name: dto.name,
        roles: ['auditor'],
      });
      await this.auth.issuePasswordLink(m, 'invite', {
        userId,
        organizationId: null,
        email: dto.email,
        name: dto.name,
        locale: 'id',
      });
      await this.auditTrail.append(m, {
        organizationId: null,
        actorId: actor.userId,
        action: 'user.roles_changed',
        targetType: 'user',
        targetId: userId,
        details: { from: [], to: ['auditor'], partnerId },
      });
      return { id: userId, email: dto.email, name: dto.name };
    });
  }

  createEngagement(actor: Actor, dto: CreateEngagementDto): Promise<EngagementDto> {
    if (dto.periodEnd < dto.periodStart) {
      throw new BadRequestException({
        statusCode: 400,
        message: 'periodEnd must not be before periodStart',
        fields: [{ field: 'periodEnd', message: 'periodEnd must not be before periodStart' }],
      });
    }
    return this.dataSource
      .transaction(async (m) => {
        if (!(await this.partners.exists(m, dto.partnerId))) throw new NotFoundException('Partner not found');
        if (!(await this.partners.organizationExists(m, dto.organizationId))) {
          throw new NotFoundException('Organisation not found');
        }
        const id = await this.partners.insertEngagement(m, { ...dto, createdBy: actor.userId });
        // In the monitored organisation's own chain, so its trail shows who was granted access.
        await this.auditTrail.append(m, {
          organizationId: dto.organizationId,
          actorId: actor.userId,
          action: 'engagement.created',
          targetType: 'engagement',
          targetId: id,
          details: { partnerId: dto.partnerId, periodStart: dto.periodStart, periodEnd: dto.periodEnd, scope: dto.scope },
        });
        return id;
      })
      .then(async (id) => (await this.partners.listEngagements({ organizationId: dto.organizationId })).find((e) => e.id === id)!);
  }

  /**
   * Ends an engagement at once: the auditors lose access now (engagement_active is false from
   * ended_at on). The period stays as agreed. A trail entry goes to the organisation's chain.
   */
  async endEngagement(actor: Actor, id: string): Promise<EngagementDto> {
    const organizationId = await this.dataSource.transaction(async (m) => {
      const ended = await this.partners.endEngagement(m, id);
      if (!ended) {
        if (!(await this.partners.engagementExists(m, id))) throw new NotFoundException('Engagement not found');
        throw new ConflictException('This engagement has already ended');
      }
      await this.auditTrail.append(m, {
        organizationId: ended.organizationId,
        actorId: actor.userId,
        action: 'engagement.ended',
        targetType: 'engagement',
        targetId: id,
      });
      return ended.organizationId;
    });
    return (await this.partners.listEngagements({ organizationId })).find((e) => e.id === id)!;
  }

  /**
   * A platform admin sees all, an auditor their partner's, HR their organisation's. Staff and leaders
   * have no business knowing who audits their organisation and when: 403.
   */
  listEngagements(actor: Actor): Promise<EngagementDto[]> {
    if (actor.roles.includes('platform_admin')) return this.partners.listEngagements({});
    if (actor.roles.includes('auditor') && actor.partnerId) return this.partners.listEngagements({ partnerId: actor.partnerId });
    if (actor.roles.includes('hr_admin') && actor.organizationId) return this.partners.listEngagements({ organizationId: actor.organizationId });
    throw new ForbiddenException('Only HR of the organisation, its auditors and platform admins can list engagements');
  }
}
