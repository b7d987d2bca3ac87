import { CanActivate, ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { RequestWithActor } from '../common/actor';
import { AccessService, type ActiveEngagement } from './access.service';

export interface RequestWithTenancy extends RequestWithActor {
  engagement?: ActiveEngagement;
}

/**
 * Global and central: every route with an `:orgId` parameter is reachable only by that
 * organisation's own people, or by an auditor whose partner has an engagement active today
 * (AccessService). Anyone else gets 404, so existence is not revealed. Routes without `:orgId`
 * scope their queries to the caller's own organisation in the service.
 */
@Injectable()
export class TenancyGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithTenancy>();
    const orgId = request.params?.['orgId'] as string | undefined;
    if (orgId === undefined) return true;
    const actor = request.actor;
    if (!actor || !isUUID(orgId)) throw new NotFoundException('Organisation not found');
    const grant = await this.access.requireAccess(
      actor,
      {
        organizationId: orgId,
        members: 'any',
        scope: 'aggregate',
        target: { type: 'route', id: `${request.method} ${request.route?.path ?? request.path}`, details: { path: request.originalUrl.slice(0, 300) } },
      },
      'Organisation not found',
    );
    if (grant.via === 'engagement') request.engagement = grant.engagement;
    return true;
  }
}
