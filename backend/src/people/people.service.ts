import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssignmentRulesService } from '../assignments/assignment-rules.service';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { AuthService } from '../identity/auth.service';
import { UsersService } from '../identity/users.service';
import type { CreatePersonDto, PersonDto, UpdatePersonDto } from './people.dto';
import { PeopleRepository, type PersonPatch } from './people.repository';

/** Said for any email that cannot be given to this person, so nobody learns who else has an account. */
export const UNUSABLE_EMAIL = 'This email address cannot be used';

function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: `${field}: ${message}`, fields: [{ field, message }] });
}

function fieldConflict(field: string, message: string): ConflictException {
  return new ConflictException({ statusCode: 409, message, fields: [{ field, message }] });
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly auditTrail: AuditTrailService,
    private readonly assignmentRules: AssignmentRulesService,
  ) {}

  async get(organizationId: string, id: string): Promise<PersonDto> {
    const person = await this.people.getPerson(null, organizationId, id);
    if (!person) throw new NotFoundException('Person not found');
    return person;
  }

  /** One person; with an email they get a set-password invitation through the outbox. */
  async create(actor: Actor, organizationId: string, dto: CreatePersonDto): Promise<PersonDto> {
    return this.dataSource.transaction(async (m) => {
      const unitId = await this.resolveUnit(m, organizationId, dto.unitId, dto.unitCode, true);
      const email = dto.email ?? null;
      const employeeNumber = dto.employeeNumber ?? null;
      await this.checkKeysFree(m, organizationId, email, employeeNumber, null);
      const id = await this.people.insertPerson(m, organizationId, {
        email,
        name: dto.name,
        employeeNumber,
        unitId: unitId as string,
        isLeader: dto.isLeader ?? false,
        gender: dto.gender ?? 'not_stated',
        employmentType: dto.employmentType ?? 'permanent',
        hireDate: dto.hireDate ?? null,
        locale: dto.locale ?? 'id',
      });
      if (email) {
        await this.auth.issuePasswordLink(m, 'set', { userId: id, organizationId, email, name: dto.name, locale: dto.locale ?? 'id' });
      }
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'user.created',
        targetType: 'user',
        targetId: id,
        details: { unitId, invited: Boolean(email) },
      });
      await this.applyRules(m, organizationId, [id]);
      return (await this.people.getPerson(m, organizationId, id)) as PersonDto;
    });
  }

  /** Changes only the fields sent; the audit entry names the changed fields, never their values. */
  async update(actor: Actor, organizationId: string, id: string, dto: UpdatePersonDto): Promise<PersonDto> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.people.lockPerson(m, organizationId, id);
      if (!current) throw new NotFoundException('Person not found');
      const patch: PersonPatch = {};

      if (dto.email !== undefined && dto.email !== current.email) {
        if (dto.email && (await this.people.emailTaken(m, dto.email, id))) throw fieldConflict('email', UNUSABLE_EMAIL);
        patch.email = dto.email;
      }
      if (dto.employeeNumber !== undefined && dto.employeeNumber !== current.employeeNumber) {
        if (dto.employeeNumber && (await this.people.employeeNumberTaken(m, organizationId, dto.employeeNumber, id))) {
          throw fieldConflict('employeeNumber', 'employeeNumber is already used by another person of your organisation');
        }
        patch.employeeNumber = dto.employeeNumber;
      }
      const unitId = await this.resolveUnit(m, organizationId, dto.unitId, dto.unitCode, false);
      if (unitId && unitId !== current.unitId) patch.unitId = unitId;
      if (dto.name !== undefined) patch.name = dto.name;
      if (dto.isLeader !== undefined && dto.isLeader !== current.isLeader) patch.isLeader = dto.isLeader;
      if (dto.gender !== undefined) patch.gender = dto.gender;
      if (dto.employmentType !== undefined) patch.employmentType = dto.employmentType;
      if (dto.hireDate !== undefined) patch.hireDate = dto.hireDate;
      if (dto.locale !== undefined) patch.locale = dto.locale;

      const before = (await this.people.getPerson(m, organizationId, id)) as PersonDto;
      const changed = (Object.keys(patch) as (keyof PersonPatch)[]).filter((key) => patch[key] !== before[key]);
      if (changed.length === 0) return before;
      await this.people.updatePerson(m, organizationId, id, patch);

      // Someone who never had an address (so never a password) can now be invited.
      const invite = patch.email && !current.email && !current.hasPassword && current.status === 'active';
      if (invite && patch.email) {
        await this.auth.issuePasswordLink(m, 'set', {
          userId: id,
          organizationId,
          email: patch.email,
          name: patch.name ?? current.name,
          locale: patch.locale ?? current.locale,
        });
      }
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'user.updated',
        targetType: 'user',
        targetId: id,
        details: { changed, ...(invite ? { invited: true } : {}) },
      });
      await this.applyRules(m, organizationId, [id]);
      return (await this.people.getPerson(m, organizationId, id)) as PersonDto;
    });
  }

  /** Keeps the person and their history; they can no longer sign in and drop out of lists and rates. */
  async deactivate(actor: Actor, organizationId: string, id: string): Promise<PersonDto> {
    if (id === actor.userId) {
      throw new ConflictException('You cannot deactivate your own account: ask another HR admin to do it');
    }
    return this.dataSource.transaction(async (m) => {
      const current = await this.people.lockPerson(m, organizationId, id);
      if (!current) throw new NotFoundException('Person not found');
      if (current.status === 'active') {
        await this.people.setStatus(m, organizationId, id, 'deactivated');
        await this.users.revokeSessions(m, id);
        await this.auditTrail.append(m, {
          organizationId,
          actorId: actor.userId,
          action: 'user.deactivated',
          targetType: 'user',
          targetId: id,
        });
      }
      return (await this.people.getPerson(m, organizationId, id)) as PersonDto;
    });
  }

  async reactivate(actor: Actor, organizationId: string, id: string): Promise<PersonDto> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.people.lockPerson(m, organizationId, id);
      if (!current) throw new NotFoundException('Person not found');
      if (current.status === 'deactivated') {
        if (current.unitId) {
          const [unit] = await this.people.lockUnits(m, organizationId, { ids: [current.unitId] });
          if (unit?.archived) {
            throw new ConflictException('Their unit has been archived: move them to an active unit first (PATCH unitId or unitCode)');
          }
        }
        await this.people.setStatus(m, organizationId, id, 'active');
        await this.auditTrail.append(m, {
          organizationId,
          actorId: actor.userId,
          action: 'user.reactivated',
          targetType: 'user',
          targetId: id,
        });
        await this.applyRules(m, organizationId, [id]);
      }
      return (await this.people.getPerson(m, organizationId, id)) as PersonDto;
    });
  }

  /** The unit given by id or code, active and of this organisation, locked against archiving. */
  private async resolveUnit(
    m: EntityManager,
    organizationId: string,
    unitId: string | undefined,
    unitCode: string | undefined,
    required: boolean,
  ): Promise<string | null> {
    if (unitId !== undefined && unitCode !== undefined) throw fieldError('unitId', 'give unitId or unitCode, not both');
    if (unitId === undefined && unitCode === undefined) {
      if (required) throw fieldError('unitCode', 'unitCode or unitId is required');
      return null;
    }
    const field = unitId !== undefined ? 'unitId' : 'unitCode';
    const [unit] = await this.people.lockUnits(m, organizationId, unitId !== undefined ? { ids: [unitId] } : { codes: [unitCode as string] });
    if (!unit) throw fieldError(field, `there is no unit ${unitCode ?? unitId} in your organisation`);
    if (unit.archived) throw fieldError(field, `unit ${unit.code} is archived`);
    return unit.id;
  }

  private async checkKeysFree(
    m: EntityManager,
    organizationId: string,
    email: string | null,
    employeeNumber: string | null,
    exceptId: string | null,
  ): Promise<void> {
    if (email && (await this.people.emailTaken(m, email, exceptId))) throw fieldConflict('email', UNUSABLE_EMAIL);
    if (employeeNumber && (await this.people.employeeNumberTaken(m, organizationId, employeeNumber, exceptId))) {
      throw fieldConflict('employeeNumber', 'employeeNumber is already used by another person of your organisation');
    }
  }

  /** New, changed and returning people get what the assignment rules give their audience. */
  private async applyRules(manager: EntityManager, organizationId: string, userIds: string[]): Promise<void> {
    await this.assignmentRules.applyForPeople(manager, organizationId, userIds);
  }
}
