import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import type { AssignModuleResultDto, AssignmentReasonDto, PersonAssignmentDto } from './assignments.dto';
import { AssignmentsRepository, type LockedAssignment } from './assignments.repository';
import { reasonDigest, sealReason } from './reason-digest';

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

  /**
   * HR assigns one module to one person or a selection, by hand, in one transaction with one trail
   * entry. People who have it open or completed (still valid) are reported, never given a second one.
   */
  async assign(actor: Actor, organizationId: string, moduleSlug: string, userIds: string[], dueOn: string): Promise<AssignModuleResultDto> {
    const ids = [...new Set(userIds)];
    return this.dataSource.transaction(async (m) => {
      if (!(await this.repository.isActiveModule(m, moduleSlug))) {
        const message = `moduleSlug: there is no active module "${moduleSlug}"`;
        throw new BadRequestException({ statusCode: 400, message, error: 'Bad Request', fields: [{ field: 'moduleSlug', message }] });
      }
      const today = await this.repository.orgToday(m, organizationId);
      if (dueOn < today) throw dueOnProblem(`must not be in the past (today is ${today} in the organisation's time zone)`);
      const rows = await this.repository.assignManually(m, organizationId, moduleSlug, ids, dueOn);
      const opened = rows.filter((r) => r.assignmentId);
      const pick = (already: string) => rows.filter((r) => r.already === already).map(({ userId, name }) => ({ userId, name }));
      const result = { assigned: opened.length, alreadyAssigned: pick('open'), alreadyCompleted: pick('completed'), notFound: ids.length - rows.length };
      if (opened.length) {
        await this.auditTrail.append(m, {
          organizationId,
          actorId: actor.userId,
          action: 'assignments.assigned_manually',
          targetType: 'module',
          targetId: moduleSlug,
          details: {
            module: moduleSlug,
            dueOn,
            assignments: opened.map((r) => ({ id: r.assignmentId, userId: r.userId })),
            alreadyAssigned: result.alreadyAssigned.length,
            alreadyCompleted: result.alreadyCompleted.length,
          },
        });
      }
      return result;
    });
  }

  /**
   * A later due date, in the organisation's calendar. The reason stays with the assignment; the trail
   * gets its salted digest (reason-digest.ts), provable from the stored salt without spreading it.
   */
  async extend(actor: Actor, organizationId: string, id: string, dueOn: string, reason: string): Promise<AssignmentChangeDto> {
    return this.dataSource.transaction(async (m) => {
      const assignment = await this.openAssignment(m, organizationId, id);
      if (dueOn <= assignment.due_on) throw dueOnProblem(`must be later than the current due date ${assignment.due_on}`);
      if (dueOn < assignment.today) throw dueOnProblem(`must not be in the past (today is ${assignment.today} in the organisation's time zone)`);
      const seal = sealReason(reason);
      const extensionId = await this.repository.extend(m, {
        organizationId,
        assignmentId: id,
        fromDueOn: assignment.due_on,
        toDueOn: dueOn,
        reason,
        reasonSalt: seal.salt,
        extendedBy: actor.userId,
      });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'assignment.due_extended',
        targetType: 'assignment',
        targetId: id,
        details: { userId: assignment.user_id, module: assignment.module_slug, from: assignment.due_on, to: dueOn, extensionId, reasonDigest: seal.digest },
      });
      return { id, userId: assignment.user_id, moduleSlug: assignment.module_slug, dueOn, exempted: false };
    });
  }

  /** The person no longer has to take this module for this cycle (see the rules for when it comes back). */
  async exempt(actor: Actor, organizationId: string, id: string, reason: string): Promise<AssignmentChangeDto> {
    return this.dataSource.transaction(async (m) => {
      const assignment = await this.openAssignment(m, organizationId, id);
      const seal = sealReason(reason);
      await this.repository.exempt(m, id, reason, seal.salt);
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'assignment.exempted',
        targetType: 'assignment',
        targetId: id,
        details: { userId: assignment.user_id, module: assignment.module_slug, dueOn: assignment.due_on, reasonDigest: seal.digest },
      });
      return { id, userId: assignment.user_id, moduleSlug: assignment.module_slug, dueOn: assignment.due_on, exempted: true };
    });
  }

  /**
   * Undoes an exemption: the assignment returns as it was (same due date, so it may be overdue at
   * once). The reason is kept like the others, its salted digest in the trail.
   */
  async undoExemption(actor: Actor, organizationId: string, id: string, reason: string): Promise<AssignmentChangeDto> {
    return this.dataSource.transaction(async (m) => {
      const assignment = await this.repository.lock(m, organizationId, id);
      if (!assignment) throw new NotFoundException('Assignment not found');
      if (!assignment.exempted_at) throw new ConflictException('This assignment is not exempted');
      if (await this.repository.hasOtherOpen(m, id)) {
        throw new ConflictException('This person already has this module open again, so the exemption cannot be undone');
      }
      const seal = sealReason(reason);
      await this.repository.undoExemption(m, { organizationId, assignmentId: id, reason, reasonSalt: seal.salt, undoneBy: actor.userId });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'assignment.exemption_undone',
        targetType: 'assignment',
        targetId: id,
        details: { userId: assignment.user_id, module: assignment.module_slug, dueOn: assignment.due_on, reasonDigest: seal.digest },
      });
      return { id, userId: assignment.user_id, moduleSlug: assignment.module_slug, dueOn: assignment.due_on, exempted: false };
    });
  }

  /** Each recorded reason with its salt and digest, so HR can show what a trail entry's `reasonDigest` stands for. */
  async reasons(organizationId: string, id: string): Promise<AssignmentReasonDto[]> {
    const rows = await this.repository.reasons(organizationId, id);
    if (!rows.length && !(await this.repository.exists(organizationId, id))) throw new NotFoundException('Assignment not found');
    return rows.map((r) => ({ ...r, digest: r.salt ? reasonDigest(r.salt, r.reason) : null }));
  }

  private async openAssignment(m: EntityManager, organizationId: string, id: string): Promise<LockedAssignment> {
    const assignment = await this.repository.lock(m, organizationId, id);
    if (!assignment) throw new NotFoundException('Assignment not found');
    if (assignment.completed_at) throw new ConflictException('This assignment is already completed');
    if (assignment.exempted_at) throw new ConflictException('This assignment is already exempted');
    return assignment;
  }
}
