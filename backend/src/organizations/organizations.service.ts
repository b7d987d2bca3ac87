import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { AuthService } from '../identity/auth.service';
import { UsersService } from '../identity/users.service';
import { AccessService } from '../tenancy/access.service';
import type { CreateOrganizationDto, OrganizationDto, OrganizationSettingsDto, UnitDto } from './organizations.dto';
import { OrganizationsRepository } from './organizations.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly auditTrail: AuditTrailService,
    private readonly access: AccessService,
  ) {}

  /** Creates the organisation and its first HR admin in one transaction; the HR admin gets an invitation link. */
  async onboard(actor: Actor, dto: CreateOrganizationDto): Promise<Pick<OrganizationDto, 'id' | 'name' | 'code'>> {
    return this.dataSource.transaction(async (m) => {
      if (await this.organizations.codeExists(m, dto.code)) {
        throw new ConflictException(`The code "${dto.code}" is already used by another organisation`);
      }
      const org = await this.organizations.insert(m, {
        name: dto.name,
        code: dto.code,
        timeZone: dto.timeZone ?? 'Asia/Jakarta',
      });
      const hrAdminId = await this.users.createUser(m, {
        organizationId: org.id,
        email: dto.hrAdmin.email,
        name: dto.hrAdmin.name,
        roles: ['employee', 'hr_admin'],
      });
      await this.auth.issuePasswordLink(m, 'invite', {
        userId: hrAdminId,
        organizationId: org.id,
        email: dto.hrAdmin.email,
        name: dto.hrAdmin.name,
        locale: 'id',
      });
      await this.auditTrail.append(m, {
        organizationId: org.id,
        actorId: actor.userId,
        action: 'organization.onboarded',
        targetType: 'organization',
        targetId: org.id,
        details: { name: org.name, code: org.code, timeZone: org.timeZone },
      });
      await this.auditTrail.append(m, {
        organizationId: org.id,
        actorId: actor.userId,
        action: 'user.roles_changed',
        targetType: 'user',
        targetId: hrAdminId,
        details: { from: [], to: ['employee', 'hr_admin'] },
      });
      return { id: org.id, name: org.name, code: org.code };
    });
  }

  /** A platform admin sees all; an auditor the organisations engaged today; anyone else their own. */
  async list(actor: Actor): Promise<OrganizationDto[]> {
    if (actor.roles.includes('platform_admin')) return this.organizations.listAll();
    if (actor.organizationId) return this.organizations.listByIds([actor.organizationId]);
    if (actor.partnerId) return this.organizations.listByIds(await this.access.engagedOrganizationIds(actor.partnerId));
    return [];
  }

  async get(orgId: string): Promise<OrganizationDto> {
    const org = await this.organizations.findById(orgId);
    if (!org) throw new NotFoundException('Organisation not found');
    return org;
  }

  getUnits(organizationId: string): Promise<UnitDto[]> {
    return this.organizations.getUnitTree(organizationId);
  }

  async getSettings(organizationId: string): Promise<OrganizationSettingsDto & { name: string }> {
    const settings = await this.organizations.getSettings(organizationId);
    if (!settings) throw new NotFoundException('Organisation not found');
    return settings;
  }

  async updateSettings(actor: Actor, organizationId: string, settings: OrganizationSettingsDto): Promise<OrganizationSettingsDto & { name: string }> {
    await this.dataSource.transaction(async (m) => {
      await this.organizations.updateSettings(m, organizationId, settings);
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'organization.settings_changed',
        targetType: 'organization',
        targetId: organizationId,
        details: { timeZone: settings.timeZone, taskForce: settings.taskForce.length, channels: settings.channels.length, sopSteps: settings.sopSteps.id.length },
      });
    });
    return this.getSettings(organizationId);
  }
}
