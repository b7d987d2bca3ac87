import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import type { FieldError } from '../common/validation';
import { AssignmentRulesRepository, type ApplyScope, type RuleFields, type RuleRow } from './assignment-rules.repository';
import {
  DEFAULT_RECURRENCE_WINDOW_DAYS,
  type AssignmentRuleChangeDto,
  type AssignmentRuleDto,
  type CreateAssignmentRuleDto,
  type ReminderSettingsDto,
  type UpdateAssignmentRuleDto,
} from './assignments.dto';
import { resolveReminderSettings, type ReminderSettings } from './reminder-settings';

function badRequest(fields: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: fields.map((f) => f.message).join('; '), error: 'Bad Request', fields });
}

/** Thrown to roll a preview's transaction back. */
class PreviewRollback extends Error {}

function toDto(row: RuleRow): AssignmentRuleDto {
  return {
    id: row.id,
    moduleSlug: row.moduleSlug,
    audience: row.audience,
    unitId: row.unitId,
    employmentType: row.employmentType,
    dueWithinDays: row.dueWithinDays,
    dueFrom: row.dueFrom,
    recurrence: { enabled: row.recurrenceEnabled, windowDays: row.recurrenceWindowDays },
    hiredAfter: row.hiredAfter,
    startsOn: row.startsOn,
    active: row.active,
    openAssignments: row.openAssignments,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the audit trail keeps of a rule: its terms, never anyone's personal details. */
function ruleTerms(moduleSlug: string, rule: RuleFields) {
  return {
    module: moduleSlug,
    audience: rule.audience,
    unitId: rule.unitId,
    employmentType: rule.employmentType,
    dueWithinDays: rule.dueWithinDays,
    dueFrom: rule.dueFrom,
    recurrence: { enabled: rule.recurrenceEnabled, windowDays: rule.recurrenceWindowDays },
    hiredAfter: rule.hiredAfter,
  };
}

/**
 * Assignment rules: which modules go to whom, by when, and whether they recur. A rule applies when it
 * is created or changed, when people are created, edited or imported (`applyForPeople`), and in the
 * daily job (`applyAll`); every application is idempotent.
 */
@Injectable()
export class AssignmentRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AssignmentRulesRepository,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async list(organizationId: string): Promise<AssignmentRuleDto[]> {
    return (await this.repository.listRules(organizationId)).map(toDto);
  }

  async create(actor: Actor, organizationId: string, dto: CreateAssignmentRuleDto): Promise<AssignmentRuleChangeDto> {
    const fields = this.fieldsOf(dto);
    return this.dataSource.transaction(async (m) => {
      const problems = await this.check(m, organizationId, fields);
      if (!(await this.repository.isActiveModule(m, dto.moduleSlug))) {
        problems.unshift({ field: 'moduleSlug', message: `moduleSlug: there is no active module "${dto.moduleSlug}"` });
      }
      if (problems.length) throw badRequest(problems);
      const id = await this.repository.insertRule(m, organizationId, dto.moduleSlug, actor.userId, fields);
      const opened = await this.repository.openAssignments(m, organizationId, new Date(), { ruleId: id });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'assignment_rule.created',
        targetType: 'assignment_rule',
        targetId: id,
        details: { ...ruleTerms(dto.moduleSlug, fields), assignmentsOpened: opened },
      });
      return { ...(await this.reload(m, organizationId, id)), assignmentsOpened: opened };
    });
  }

  /**
   * How many people the rule would open an assignment for if it were saved now. It is saved and
   * applied by the very statement that saving uses, then rolled back, so the count cannot drift
   * from what saving does; nothing stays written.
   */
  async preview(actor: Actor, organizationId: string, dto: CreateAssignmentRuleDto): Promise<{ count: number }> {
    const fields = this.fieldsOf(dto);
    let count = 0;
    try {
      await this.dataSource.transaction(async (m) => {
        const problems = await this.check(m, organizationId, fields);
        if (!(await this.repository.isActiveModule(m, dto.moduleSlug))) {
          problems.unshift({ field: 'moduleSlug', message: `moduleSlug: there is no active module "${dto.moduleSlug}"` });
        }
        if (problems.length) throw badRequest(problems);
        const id = await this.repository.insertRule(m, organizationId, dto.moduleSlug, actor.userId, fields);
        count = await this.repository.openAssignments(m, organizationId, new Date(), { ruleId: id });
        throw new PreviewRollback();
      });
    } catch (error) {
      if (!(error instanceof PreviewRollback)) throw error;
    }
    return { count };
  }

  /** Changes the rule's terms and applies it again; assignments already open keep their due dates. */
  async update(actor: Actor, organizationId: string, id: string, dto: UpdateAssignmentRuleDto): Promise<AssignmentRuleChangeDto> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.repository.findRule(m, organizationId, id, true);
      if (!current) throw new NotFoundException('Assignment rule not found');
      if (!current.active) throw new ConflictException('This rule is deactivated; create a new rule instead');
      const before: RuleFields = {
        audience: current.audience,
        unitId: current.unitId,
        employmentType: current.employmentType,
        dueWithinDays: current.dueWithinDays,
        dueFrom: current.dueFrom,
        recurrenceEnabled: current.recurrenceEnabled,
        recurrenceWindowDays: current.recurrenceWindowDays,
        hiredAfter: current.hiredAfter,
      };
      const after: RuleFields = {
        audience: dto.audience ?? before.audience,
        unitId: dto.unitId === undefined ? before.unitId : dto.unitId,
        employmentType: dto.employmentType === undefined ? before.employmentType : dto.employmentType,
        dueWithinDays: dto.dueWithinDays ?? before.dueWithinDays,
        dueFrom: dto.dueFrom ?? before.dueFrom,
        hiredAfter: dto.hiredAfter === undefined ? before.hiredAfter : dto.hiredAfter,
        ...(dto.recurrence
          ? this.recurrenceOf(dto.recurrence, before.recurrenceWindowDays)
          : { recurrenceEnabled: before.recurrenceEnabled, recurrenceWindowDays: before.recurrenceWindowDays }),
      };
      const problems = await this.check(m, organizationId, after);
      if (problems.length) throw badRequest(problems);
      await this.repository.updateRule(m, id, after);
      const opened = await this.repository.openAssignments(m, organizationId, new Date(), { ruleId: id });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'assignment_rule.updated',
        targetType: 'assignment_rule',
        targetId: id,
        details: { from: ruleTerms(current.moduleSlug, before), to: ruleTerms(current.moduleSlug, after), assignmentsOpened: opened },
      });
      return { ...(await this.reload(m, organizationId, id)), assignmentsOpened: opened };
    });
  }

  /** Stops the rule from opening assignments; those it opened stay as they are. Repeating it changes nothing. */
  async deactivate(actor: Actor, organizationId: string, id: string): Promise<AssignmentRuleDto> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.repository.findRule(m, organizationId, id, true);
      if (!current) throw new NotFoundException('Assignment rule not found');
      if (current.active) {
        await this.repository.deactivateRule(m, id);
        await this.auditTrail.append(m, {
          organizationId,
          actorId: actor.userId,
          action: 'assignment_rule.deactivated',
          targetType: 'assignment_rule',
          targetId: id,
          details: { module: current.moduleSlug, openAssignments: current.openAssignments },
        });
      }
      return this.reload(m, organizationId, id);
    });
  }

  /**
   * For the people domain: applies every active rule to these people inside the caller's
   * transaction (after they were created, edited or imported). One statement however many ids.
   * Returns how many assignments were opened.
   */
  async applyForPeople(manager: EntityManager, organizationId: string, userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const opened = await this.repository.openAssignments(manager, organizationId, new Date(), { userIds });
    if (opened > 0) {
      await this.auditTrail.append(manager, {
        organizationId,
        actorId: null,
        action: 'assignments.opened_by_rules',
        targetType: 'organization',
        targetId: organizationId,
        details: { trigger: 'people', people: userIds.length, opened },
      });
    }
    return opened;
  }

  /** Applies every active rule of the organisation (recurrence included) on its date at `now`. */
  async applyAll(organizationId: string, now: Date = new Date()): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const opened = await this.apply(m, organizationId, now);
      if (opened > 0) {
        await this.auditTrail.append(m, {
          organizationId,
          actorId: null,
          action: 'assignments.opened_by_rules',
          targetType: 'organization',
          targetId: organizationId,
          details: { trigger: 'rules', opened },
        });
      }
      return opened;
    });
  }

  /** The daily job's step, inside its transaction (which writes the audit entry). */
  apply(manager: EntityManager, organizationId: string, now: Date, scope: ApplyScope = {}): Promise<number> {
    return this.repository.openAssignments(manager, organizationId, now, scope);
  }

  async reminderSettings(manager: EntityManager, organizationId: string): Promise<ReminderSettings> {
    return resolveReminderSettings(await this.repository.getReminderSettings(manager, organizationId));
  }

  getReminderSettings(organizationId: string): Promise<ReminderSettings> {
    return this.reminderSettings(this.dataSource.manager, organizationId);
  }

  async updateReminderSettings(actor: Actor, organizationId: string, dto: ReminderSettingsDto): Promise<ReminderSettings> {
    const settings = resolveReminderSettings({ ...dto });
    await this.dataSource.transaction(async (m) => {
      await this.repository.setReminderSettings(m, organizationId, settings);
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'organization.reminder_settings_changed',
        targetType: 'organization',
        targetId: organizationId,
        details: { ...settings },
      });
    });
    return settings;
  }

  /** The rule as it stands after a change, read back inside the change's transaction. */
  private async reload(m: EntityManager, organizationId: string, id: string): Promise<AssignmentRuleDto> {
    const row = await this.repository.findRule(m, organizationId, id);
    if (!row) throw new NotFoundException('Assignment rule not found');
    return toDto(row);
  }

  private recurrenceOf(recurrence: { enabled: boolean; windowDays?: number } | undefined, previousWindowDays: number | null = null) {
    const enabled = recurrence?.enabled ?? false;
    const windowDays = recurrence?.windowDays ?? previousWindowDays ?? DEFAULT_RECURRENCE_WINDOW_DAYS;
    return { recurrenceEnabled: enabled, recurrenceWindowDays: enabled ? windowDays : null };
  }

  private fieldsOf(dto: CreateAssignmentRuleDto): RuleFields {
    return {
      audience: dto.audience,
      unitId: dto.unitId ?? null,
      employmentType: dto.employmentType ?? null,
      dueWithinDays: dto.dueWithinDays,
      dueFrom: dto.dueFrom,
      hiredAfter: dto.hiredAfter ?? null,
      ...this.recurrenceOf(dto.recurrence),
    };
  }

  /** Checks that need the database or more than one field; each names its field. */
  private async check(m: EntityManager, organizationId: string, rule: RuleFields): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    if (rule.unitId && !(await this.repository.isUnitOf(m, organizationId, rule.unitId))) {
      problems.push({ field: 'unitId', message: 'unitId: there is no such unit in your organisation' });
    }
    if (rule.dueFrom === 'became_leader' && rule.audience !== 'leaders') {
      problems.push({ field: 'dueFrom', message: 'dueFrom: became_leader counts from the day someone became a leader, so the audience must be leaders' });
    }
    return problems;
  }
}
