import { CanActivate, ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { RequestWithActor } from '../common/actor';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { TenancyRepository, type ActiveEngagement } from './tenancy.repository';

export interface RequestWithTenancy extends RequestWithActor {
  engagement?: ActiveEngagement;
}

/**
 * Global and central: every route with an `:orgId` parameter is reachable only by that
 * organisation's own people, or by an auditor whose partner has an engagement active today.
 * Anyone else gets 404, so existence is not revealed. Routes without `:orgId` scope their queries to
 * the caller's own organisation in the service.
 */
@Injectable()
export class TenancyGuard implements CanActivate {
  constructor(
    private readonly tenancy: TenancyRepository,
    private readonly auditTrail: AuditTrailService,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithTenancy>();
    const orgId = request.params?.['orgId'] as string | undefined;
    if (orgId === undefined) return true;
    const actor = request.actor;
    const notFound = new NotFoundException('Organisation not found');
    if (!actor || !isUUID(orgId)) throw notFound;
    if (actor.organizationId === orgId) return true;
    if (actor.partnerId && actor.roles.includes('auditor')) {
      const engagement = await this.tenancy.getActiveEngagement(actor.partnerId, orgId);
      if (engagement) {
        request.engagement = engagement;
        // Every auditor access is on the record, in the organisation's own chain, for its HR to see.
        await this.dataSource.transaction((m) =>
          this.auditTrail.append(m, {
            organizationId: orgId,
            actorId: actor.userId,
            action: 'auditor.read',
            targetType: 'route',
            targetId: `${request.method} ${request.route?.path ?? request.path}`,
            details: { engagementId: engagement.id, path: request.originalUrl.slice(0, 300) },
          }),
        );
        return true;
      }
    }
    throw notFound;
  }
}
