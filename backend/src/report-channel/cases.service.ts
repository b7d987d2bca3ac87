import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { fieldError } from '../common/validation';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { AuthService } from '../identity/auth.service';
import { UsersService } from '../identity/users.service';
import { openSealed, sealFor } from './channel-crypto';
import { CasesRepository, type CaseAccess } from './cases.repository';
import { recipientKeyContext } from './contexts';
import { RecipientKeysService } from './recipient-keys.service';
import type { CaseDto, CaseStatus, CaseSummaryDto, InviteCaseHandlerDto, Outcome } from './report-channel.dto';
import { ReportContent } from './report-content';

/** Where a case may go next: received → in review → referred | closed; a referred case is closed later. */
const NEXT: Record<CaseStatus, CaseStatus[]> = {
  received: ['in_review'],
  in_review: ['referred', 'closed'],
  referred: ['closed'],
  closed: [],
};

const NOT_FOUND = 'No such case';

/**
 * Recipients' side. A case exists for a caller only if its data key is wrapped for them: everyone
 * else (HR, auditors, platform admins, other partners' handlers) gets an empty list and 404 on every
 * route, from the same query. Case events go to the partner's own chain of the trail, day only, no content.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CasesRepository,
    private readonly keys: RecipientKeysService,
    private readonly content: ReportContent,
    private readonly auditTrail: AuditTrailService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  list(actor: Actor): Promise<CaseSummaryDto[]> {
    return this.repository.list(actor.userId);
  }

  async get(actor: Actor, sessionToken: string, reportId: string): Promise<CaseDto> {
    const access = await this.access(actor, reportId);
    const dataKey = await this.dataKey(actor, sessionToken, reportId, access);
    const view = await this.content.read(reportId, dataKey);
    await this.repository.markRead(actor.userId, reportId);
    await this.dataSource.transaction((m) => this.log(m, actor, access, 'case.opened', reportId));
    return {
      id: view.id,
      organizationName: view.organizationName,
      category: view.category,
      status: view.status,
      createdOn: view.createdOn,
      closedOn: view.closedOn,
      outcome: view.outcome,
      allowSatgasReferral: view.allowSatgasReferral,
      contentDeleted: view.contentDeleted,
      description: view.description,
      contact: view.contact,
      messages: view.messages,
      attachments: view.attachments,
      recipients: await this.repository.recipients(reportId),
    };
  }

  async addMessage(actor: Actor, sessionToken: string, reportId: string, text: string): Promise<void> {
    const access = await this.access(actor, reportId);
    const dataKey = await this.dataKey(actor, sessionToken, reportId, access);
    await this.content.addMessage(reportId, dataKey, 'handler', text);
    // The handler's own reply does not make the case unread for them.
    await this.repository.markRead(actor.userId, reportId);
  }

  async attachment(actor: Actor, sessionToken: string, reportId: string, attachmentId: string): Promise<{ name: string; type: string; data: Buffer }> {
    const access = await this.access(actor, reportId);
    return this.content.attachment(reportId, await this.dataKey(actor, sessionToken, reportId, access), attachmentId);
  }

  async setStatus(actor: Actor, reportId: string, status: CaseStatus, outcome: Outcome | undefined): Promise<{ status: CaseStatus; outcome: Outcome | null }> {
    if (status === 'closed' && !outcome) throw fieldError('outcome', 'outcome is required to close a case');
    if (status !== 'closed' && outcome) throw fieldError('outcome', 'outcome is given only when closing a case');
    return this.dataSource.transaction(async (m) => {
      const access = await this.repository.access(actor.userId, reportId, m, true);
      if (!access) throw new NotFoundException(NOT_FOUND);
      if (!NEXT[access.status].includes(status)) {
        throw new ConflictException(`A case that is ${access.status} cannot become ${status} (next: ${NEXT[access.status].join(', ') || 'none'})`);
      }
      const retention = await this.repository.retentionDays(m, access.partnerId);
      await this.repository.setStatus(m, reportId, status, outcome ?? null, retention);
      await this.log(m, actor, access, 'case.status_changed', reportId, { from: access.status, to: status, ...(outcome ? { outcome } : {}) });
      return { status, outcome: outcome ?? null };
    });
  }

  /** To a confirmed colleague of the caller's own partner who has a key pair: the data key is wrapped for them. */
  async share(actor: Actor, sessionToken: string, reportId: string, userId: string): Promise<void> {
    const access = await this.access(actor, reportId);
    const partnerId = access.partnerId;
    if (!partnerId) throw new ForbiddenException('Only a partner’s case handlers share cases, with colleagues of their partner');
    const dataKey = await this.dataKey(actor, sessionToken, reportId, access);
    await this.dataSource.transaction(async (m) => {
      const publicKey = await this.repository.colleagueKey(m, partnerId, userId);
      if (!publicKey) throw fieldError('userId', 'userId is not a confirmed case handler of your partner who has signed in since');
      if (await this.repository.hasKey(m, reportId, userId)) throw new ConflictException('This colleague can already read the case');
      await this.content.insertKey(m, reportId, userId, sealFor(publicKey, dataKey, recipientKeyContext(reportId, userId)), actor.userId);
      await this.log(m, actor, access, 'case.shared', reportId, { userId });
    });
  }

  // ---- case handlers ----

  /**
   * The platform admin invites a partner's first handler, confirmed at once. Every later one,
   * whoever invites them, waits for an existing handler of that partner to confirm (so neither the
   * platform nor anyone else can plant a reader); until then they are no recipient.
   */
  async inviteHandler(actor: Actor, partnerId: string, dto: InviteCaseHandlerDto): Promise<{ id: string; email: string; name: string; confirmed: boolean }> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.repository.partnerExists(m, partnerId))) throw new NotFoundException('Partner not found');
      const isAdmin = actor.roles.includes('platform_admin');
      const isHandler = await this.repository.isConfirmedHandler(m, partnerId, actor.userId);
      if (!isAdmin && !isHandler) throw new NotFoundException('Partner not found');
      const first = (await this.repository.countConfirmedHandlers(m, partnerId)) === 0;
      if (first && !isAdmin) throw new ForbiddenException('The platform admin invites a partner’s first case handler');
      const userId = await this.users.createUser(m, { partnerId, email: dto.email, name: dto.name, roles: ['case_handler'] });
      await this.repository.insertHandler(m, partnerId, userId, actor.userId, first ? actor.userId : null);
      await this.auth.issuePasswordLink(m, 'invite', { userId, organizationId: null, email: dto.email, name: dto.name, locale: 'id' });
      await this.auditTrail.append(m, {
        organizationId: null,
        partnerId,
        dayOnly: true,
        actorId: actor.userId,
        action: first ? 'case_handler.invited_confirmed' : 'case_handler.invited',
        targetType: 'user',
        targetId: userId,
      });
      return { id: userId, email: dto.email, name: dto.name, confirmed: first };
    });
  }

  async confirmHandler(actor: Actor, partnerId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      if (!(await this.repository.isConfirmedHandler(m, partnerId, actor.userId))) throw new NotFoundException('Partner not found');
      const result = await this.repository.confirmHandler(m, partnerId, userId, actor.userId);
      if (result === 'missing') throw new NotFoundException('No such case handler of this partner');
      if (result === 'already') throw new ConflictException('This case handler is already confirmed');
      await this.auditTrail.append(m, { organizationId: null, partnerId, dayOnly: true, actorId: actor.userId, action: 'case_handler.confirmed', targetType: 'user', targetId: userId });
    });
  }

  async listHandlers(actor: Actor, partnerId: string) {
    if (!actor.roles.includes('platform_admin') && !(await this.repository.isConfirmedHandler(this.dataSource.manager, partnerId, actor.userId))) {
      throw new NotFoundException('Partner not found');
    }
    return this.repository.listHandlers(partnerId);
  }

  async partnerLog(actor: Actor, partnerId: string, afterSeq: number, limit: number) {
    if (!(await this.repository.isConfirmedHandler(this.dataSource.manager, partnerId, actor.userId))) throw new NotFoundException('Partner not found');
    return this.repository.partnerChain(partnerId, afterSeq, limit);
  }

  async getRetention(actor: Actor, partnerId: string): Promise<{ caseRetentionDays: number }> {
    const manager = this.dataSource.manager;
    if (!(await this.repository.isConfirmedHandler(manager, partnerId, actor.userId))) throw new NotFoundException('Partner not found');
    return { caseRetentionDays: await this.repository.retentionDays(manager, partnerId) };
  }

  async setRetention(actor: Actor, partnerId: string, days: number): Promise<{ caseRetentionDays: number }> {
    if (!(await this.repository.isConfirmedHandler(this.dataSource.manager, partnerId, actor.userId))) throw new NotFoundException('Partner not found');
    await this.repository.setRetention(partnerId, days);
    return { caseRetentionDays: days };
  }

  // ---- Satgas ----

  async setSatgas(actor: Actor, userIds: string[]): Promise<{ id: string; name: string; hasKey: boolean }[]> {
    const organizationId = actor.organizationId;
    if (!organizationId) throw new ForbiddenException('Only an organisation’s HR designates its Satgas');
    await this.dataSource.transaction(async (m) => {
      const strangers = await this.repository.notEmployees(m, organizationId, userIds);
      if (strangers.length) throw fieldError('userIds', `not people of your organisation: ${strangers.join(', ')}`);
      const { added, removed } = await this.repository.replaceSatgas(m, organizationId, userIds);
      if (added.length || removed.length) {
        await this.auditTrail.append(m, {
          organizationId,
          actorId: actor.userId,
          action: 'report_channel.satgas_designated',
          targetType: 'organization',
          targetId: organizationId,
          details: { userIds },
        });
      }
    });
    return this.repository.listSatgas(organizationId);
  }

  listSatgas(actor: Actor) {
    if (!actor.organizationId) throw new ForbiddenException('Only an organisation’s HR designates its Satgas');
    return this.repository.listSatgas(actor.organizationId);
  }

  private async access(actor: Actor, reportId: string): Promise<CaseAccess> {
    const access = await this.repository.access(actor.userId, reportId);
    if (!access) throw new NotFoundException(NOT_FOUND);
    return access;
  }

  private async dataKey(actor: Actor, sessionToken: string, reportId: string, access: CaseAccess): Promise<Buffer> {
    const privateKey = await this.keys.privateKey(actor, sessionToken);
    return openSealed(privateKey, access.wrappedKey, recipientKeyContext(reportId, actor.userId));
  }

  /** A partner's handler writes to the partner's chain; a Satgas member to the organisation's. Day only, no content. */
  private log(m: EntityManager, actor: Actor, access: CaseAccess, action: string, reportId: string, details: Record<string, unknown> = {}): Promise<void> {
    return this.auditTrail.append(m, {
      organizationId: access.partnerId ? null : access.organizationId,
      partnerId: access.partnerId,
      dayOnly: true,
      actorId: actor.userId,
      action,
      targetType: 'confidential_report',
      targetId: reportId,
      details,
    });
  }
}
