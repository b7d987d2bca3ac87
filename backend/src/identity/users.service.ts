import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, Role } from '../common/actor';
import type { Page } from '../common/pagination';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { hashPassword } from './crypto';
import { PasswordTokensRepository } from './password-tokens.repository';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository, type NewUser, type PeopleFilter, type PersonRow } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly auditTrail: AuditTrailService,
    private readonly sessions: SessionsRepository,
    private readonly passwordTokens: PasswordTokensRepository,
  ) {}

  /** Ends every session and voids every one-time link of the account, inside the caller's transaction (e.g. on deactivation). */
  async revokeSessions(manager: EntityManager, userId: string): Promise<void> {
    await this.sessions.revokeAllForUser(manager, userId);
    await this.passwordTokens.voidAllForUsers(manager, [userId]);
  }

  async listPeople(organizationId: string, filter: PeopleFilter, page: number, pageSize: number): Promise<Page<PersonRow>> {
    const { items, total } = await this.users.listPeople(organizationId, filter, page, pageSize);
    return { items, total, page, pageSize };
  }

  /** Creates an account inside the caller's transaction; a taken email answers 409. */
  async createUser(manager: EntityManager, user: NewUser & { password?: string }): Promise<string> {
    if (user.email && (await this.users.emailExists(manager, user.email))) {
      throw new ConflictException('This email address is already in use');
    }
    const passwordHash = user.password ? await hashPassword(user.password) : null;
    return this.users.create(manager, { ...user, passwordHash });
  }

  /** HR grants or revokes hr_admin within its organisation; `employee` always stays. */
  async setRoles(actor: Actor, organizationId: string, userId: string, requested: Role[]): Promise<{ id: string; roles: Role[] }> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.users.getRolesInOrganization(m, organizationId, userId);
      if (!current) throw new NotFoundException('Person not found');
      const roles: Role[] = ['employee', ...requested.filter((r) => r !== 'employee')];
      const losingHr = current.includes('hr_admin') && !roles.includes('hr_admin');
      if (losingHr && (await this.users.countActiveHrAdmins(m, organizationId)) <= 1) {
        throw new ConflictException('An organisation needs at least one HR admin: grant the role to someone else first');
      }
      if (current.length === roles.length && current.every((r) => roles.includes(r))) return { id: userId, roles };
      await this.users.setRoles(m, userId, roles);
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'user.roles_changed',
        targetType: 'user',
        targetId: userId,
        details: { from: current, to: roles },
      });
      return { id: userId, roles };
    });
  }
}
