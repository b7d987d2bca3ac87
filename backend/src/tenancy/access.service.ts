import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { TenancyRepository, type ActiveEngagement } from './tenancy.repository';

export type { ActiveEngagement } from './tenancy.repository';

/** What an engagement must cover: `aggregate` is met by either scope, `named` only by a named one. */
export type AccessScope = 'aggregate' | 'named';

export interface AccessRequest {
  organizationId: string;
  /** Which of the organisation's own people pass: any member (its `:orgId` routes) or its HR admins only. */
  members: 'any' | 'hr_admin';
  scope: AccessScope;
  /** What is read, as it appears in the `auditor.read` trail entry. */
  target: { type: string; id: string; details?: Record<string, unknown> };
}

export type AccessGrant = { via: 'organization' } | { via: 'engagement'; engagement: ActiveEngagement };

/**
 * The one rule for reading an organisation's data: its own people (or only its HR admins), or an
 * auditor whose partner has an engagement active today in the organisation's calendar and of the
 * scope the read needs. Every auditor read is an `auditor.read` entry in the organisation's chain,
 * written before the data leaves, so HR sees every access even if the response is lost.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly tenancy: TenancyRepository,
    private readonly auditTrail: AuditTrailService,
    private readonly dataSource: DataSource,
  ) {}

  /** The grant, or null when the actor may not read it (nothing is logged then). */
  async authorize(actor: Actor, request: AccessRequest): Promise<AccessGrant | null> {
    if (actor.organizationId === request.organizationId) {
      return request.members === 'any' || actor.roles.includes('hr_admin') ? { via: 'organization' } : null;
    }
    if (!actor.partnerId || !actor.roles.includes('auditor')) return null;
    const engagement = await this.tenancy.getActiveEngagement(actor.partnerId, request.organizationId);
    if (!engagement || (request.scope === 'named' && engagement.scope !== 'named')) return null;
    await this.dataSource.transaction((m) =>
      this.auditTrail.append(m, {
        organizationId: request.organizationId,
        actorId: actor.userId,
        action: 'auditor.read',
        targetType: request.target.type,
        targetId: request.target.id,
        details: { engagementId: engagement.id, ...request.target.details },
      }),
    );
    return { via: 'engagement', engagement };
  }

  /** As `authorize`, but a refusal is a 404 so that the resource's existence is not revealed. */
  async requireAccess(actor: Actor, request: AccessRequest, notFound: string): Promise<AccessGrant> {
    const grant = await this.authorize(actor, request);
    if (!grant) throw new NotFoundException(notFound);
    return grant;
  }

  /** Organisations the partner may read today (for the auditor's list of organisations). */
  engagedOrganizationIds(partnerId: string): Promise<string[]> {
    return this.tenancy.getEngagedOrganizationIds(partnerId);
  }
}
