import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { AuthService } from '../identity/auth.service';
import type { InvitePeopleDto, InvitePeopleResultDto } from './people-invitations.dto';
import { type InvitationCandidate, PeopleInvitationsRepository } from './people-invitations.repository';

/**
 * HR sends set-password links when the organisation is ready, not when people are imported: an
 * import may be a rehearsal, and a link that arrives before the training is set up expires unused.
 * Links, their mails and the trail entry are written in one transaction.
 */
@Injectable()
export class PeopleInvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PeopleInvitationsRepository,
    private readonly auth: AuthService,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async invite(actor: Actor, organizationId: string, dto: InvitePeopleDto): Promise<InvitePeopleResultDto> {
    return this.dataSource.transaction(async (m) => {
      await this.repository.lock(m, organizationId);
      const result: InvitePeopleResultDto = { invited: 0, withoutEmail: 0, alreadyActive: 0, deactivated: 0 };
      let recipients: InvitationCandidate[];
      if (dto.userIds && dto.all !== undefined) {
        const message = 'send either userIds or all, not both';
        throw new BadRequestException({ statusCode: 400, message, fields: [{ field: 'all', message }] });
      }
      if (dto.userIds) {
        const found = await this.repository.findRequested(m, organizationId, dto.userIds);
        const unknown = found.findIndex((p) => p.id === null);
        if (unknown >= 0) {
          const message = `userIds[${unknown}] is not a person of your organisation`;
          throw new BadRequestException({ statusCode: 400, message, fields: [{ field: 'userIds', message }] });
        }
        recipients = [];
        for (const p of found) {
          if (!p.active) result.deactivated++;
          else if (p.email === null) result.withoutEmail++;
          else if (p.hasPassword) result.alreadyActive++;
          else recipients.push({ id: p.id as string, email: p.email, name: p.name as string, locale: p.locale ?? 'id' });
        }
      } else {
        recipients = await this.repository.notYetInvited(m, organizationId);
        result.withoutEmail = await this.repository.countWithoutEmail(m, organizationId);
      }
      // issuePasswordLinks voids every older link of these people first: a resend leaves one working link.
      await this.auth.issuePasswordLinks(
        m,
        'set',
        recipients.map((p) => ({ userId: p.id, organizationId, email: p.email, name: p.name, locale: p.locale })),
      );
      result.invited = recipients.length;
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'people.invited',
        targetType: 'organization',
        targetId: organizationId,
        // A selection is at most 1,000 people, so who was sent a link is kept; "everyone" is a count.
        details: dto.userIds
          ? { selection: true, invited: result.invited, userIds: recipients.map((p) => p.id) }
          : { selection: false, invited: result.invited },
      });
      return result;
    });
  }
}
