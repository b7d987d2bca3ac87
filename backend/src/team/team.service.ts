import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ManualRemindersService } from '../assignments/manual-reminders.service';
import type { Actor } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import type { TeamDto, TeamQueryDto, TeamReminderDto } from './team.dto';
import { TeamRepository } from './team.repository';

/** What a leader sees of their team, and the reminder they can send from there. */
@Injectable()
export class TeamService {
  constructor(
    private readonly repository: TeamRepository,
    private readonly reminders: ManualRemindersService,
  ) {}

  async team(actor: Actor, query: TeamQueryDto): Promise<TeamDto> {
    const { organizationId, unitId } = this.leaderOf(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 200;
    if (!unitId) return { units: [], people: [], total: 0, page, pageSize };
    const units = await this.repository.units(organizationId, unitId);
    if (query.unitId && !units.some((u) => u.id === query.unitId)) {
      throw new BadRequestException({
        statusCode: 400,
        message: 'unitId: not your unit or one of its sub-units',
        error: 'Bad Request',
        fields: [{ field: 'unitId', message: 'unitId: not your unit or one of its sub-units' }],
      });
    }
    const { people, total } = await this.repository.people(
      organizationId,
      actor.userId,
      unitId,
      { module: query.module ?? null, status: query.status ?? null, unitId: query.unitId ?? null, lang: query.lang ?? actor.locale },
      page,
      pageSize,
    );
    const reminded = await this.reminders.remindedToday(organizationId, actor.userId, people.map((p) => p.id));
    return { units, people: people.map((p) => ({ ...p, remindedToday: reminded.has(p.id) })), total, page, pageSize };
  }

  /** A reminder to one person of the team, in their language, through the outbox; once a day per person. */
  async remind(actor: Actor, userId: string): Promise<TeamReminderDto> {
    const { organizationId, unitId } = this.leaderOf(actor);
    if (!unitId || !(await this.repository.isInTeam(organizationId, actor.userId, unitId, userId))) {
      throw new NotFoundException('Person not found in your team');
    }
    return this.reminders.remindOne({ userId: actor.userId, name: actor.name, organizationId, as: 'leader' }, userId);
  }

  private leaderOf(actor: Actor): { organizationId: string; unitId: string | null } {
    if (!actor.isLeader) throw new ForbiddenException('Only leaders have a team view');
    return { organizationId: requireOrganization(actor), unitId: actor.unitId };
  }
}
