import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import type { PersonAssignmentDto } from './assignments.dto';
import { AssignmentsRepository, type LockedAssignment } from './assignments.repository';

export interface AssignmentChangeDto {
  id: string;
  userId: string;
  moduleSlug: string;
  dueOn: string;
  exempted: boolean;
}

const dueOnProblem = (message: string) =>
  new BadRequestException({ statusCode: 400, message: `dueOn: ${message}`, error: 'Bad Request', fields: [{ field: 'dueOn', message: `dueOn: ${message}` }] });

/** What HR does to individual assignments: look them up, give more time, exempt. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AssignmentsRepository,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async listForPerson(organizationId: string, userId: string, lang: 'id' | 'en', now: Date = new Date()): Promise<PersonAssignmentDto[]> {
    if (!(await this.repository.isPersonOf(organizationId, userId))) throw new NotFoundException('Person not found');
    const rows = await this.repository.listForPerson(organizationId, userId, now);
    return rows.map(({ slug, title, audience, ...row }) => ({ ...row, module: { slug, title: title[lang], audience } }));
  }

  /** A later due date, in the organisation's calendar; the reason is kept with the assignment, not in the trail. */
  async extend(actor: Actor, organizationId: string, id: string, dueOn: string, reason: string): Promise<AssignmentChangeDto> {
    return this.dataSource.transaction(async (m) => {
      const assignment = await this.openAssignment(m, organizationId, id);
      if (dueOn <= assignment.due_on) throw dueOnProblem(`must be later than the current due date ${assignment.due_on}`);
      if (dueOn < assignment.today) throw dueOnProblem(`must not be in the past (today is ${assignment.today} in the organisation's time zone)`);
      const extensionId = await this.repository.extend(m, {
        organizationId,
        assignmentId: id,
        fromDueOn: assignment.due_on,
        toDueOn: dueOn,
        reason,
        extendedBy: actor.userId,
      });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'assignment.due_extended',
        targetType: 'assignment',
        targetId: id,
        details: { userId: assignment.user_id, module: assignment.module_slug, from: assignment.due_on, to: dueOn, extensionId },
      });
      return { id, userId: assignment.user_id, moduleSlug: assignment.module_slug, dueOn, exempted: false };
    });
  }

  /** The person no longer has to take this module for this cycle (see the rules for when it comes back). */
  async exempt(actor: Actor, organizationId: string, id: string, reason: string): Promise<AssignmentChangeDto> {
    return this.dataSource.transaction(async (m) => {
      const assignment = await this.openAssignment(m, organizationId, id);
      await this.repository.exempt(m, id, reason);
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'assignment.exempted',
        targetType: 'assignment',
        targetId: id,
        details: { userId: assignment.user_id, module: assignment.module_slug, dueOn: assignment.due_on },
      });
      return { id, userId: assignment.user_id, moduleSlug: assignment.module_slug, dueOn: assignment.due_on, exempted: true };
    });
  }

  private async openAssignment(m: EntityManager, organizationId: string, id: string): Promise<LockedAssignment> {
    const assignment = await this.repository.lock(m, organizationId, id);
    if (!assignment) throw new NotFoundException('Assignment not found');
    if (assignment.completed_at) throw new ConflictException('This assignment is already completed');
    if (assignment.exempted_at) throw new ConflictException('This assignment is already exempted');
    return assignment;
  }
}
