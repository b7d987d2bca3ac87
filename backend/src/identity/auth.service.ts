import { BadRequestException, HttpException, HttpStatus, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { OutboxService } from '../mail/outbox.service';
import { hashPassword, randomToken, randomTokens, tokenHash, verifyPassword } from './crypto';
import type { MeDto } from './identity.dto';
import { LoginThrottleRepository } from './login-throttle.repository';
import { passwordLinkMail } from './mail-texts';
import { PasswordTokensRepository } from './password-tokens.repository';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';

const LINK_HOURS = { set: 72, reset: 2 } as const;

export interface PasswordLinkRecipient {
  userId: string;
  organizationId: string | null;
  email: string;
  name: string;
  locale: 'id' | 'en';
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly passwordTokens: PasswordTokensRepository,
    private readonly auditTrail: AuditTrailService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(
    email: string,
    password: string,
    client: { ip: string; userAgent: string | null },
  ): Promise<{ token: string; user: MeDto }> {
    const { perAccount, perAddress, windowMinutes } = this.config.loginThrottle;
    const accountKey = `account:${email.toLowerCase()}|address:${client.ip}`;
    const addressKey = `address:${client.ip}`;
    // Reserved before the password check, so parallel guesses cannot all pass a check-then-count.
    const wait = await this.throttle.reserveAttempt(
      [
        { key: accountKey, max: perAccount },
        { key: addressKey, max: perAddress },
      ],
      windowMinutes,
    );
    if (wait > 0) {
      throw new HttpException(
        {
          statusCode: 429,
          message: `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s) or reset your password.`,
          retryAfterSeconds: wait,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const user = await this.users.findForLogin(email);
    const valid = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !valid) {
      if (user) {
        await this.dataSource.transaction((m) =>
          this.auditTrail.append(m, {
            organizationId: user.organization_id,
            actorId: user.id,
            action: 'auth.login_failed',
            targetType: 'user',
            targetId: user.id,
          }),
        );
      }
      throw new UnauthorizedException('Email or password is wrong');
    }
    await this.throttle.clear(accountKey);
    await this.throttle.release([addressKey]);
    const token = randomToken();
    await this.dataSource.transaction(async (m) => {
      const sessionId = await this.sessions.create(m, {
        userId: user.id,
        tokenHash: tokenHash(token),
        ttlHours: this.config.sessionTtlHours,
        ip: client.ip,
        userAgent: client.userAgent,
      });
      await this.auditTrail.append(m, {
        organizationId: user.organization_id,
        actorId: user.id,
        action: 'auth.login',
        targetType: 'session',
        targetId: sessionId,
      });
    });
    return { token, user: await this.me(user.id) };
  }

  async logout(actor: Actor): Promise<void> {
    await this.sessions.revoke(actor.sessionId);
  }

  async resolveSession(token: string, viaCookie: boolean): Promise<Actor | null> {
    if (!token || token.length > 200) return null;
    const row = await this.users.findActorBySessionHash(tokenHash(token));
    if (!row) return null;
    return {
      userId: row.user_id,
      sessionId: row.session_id,
      email: row.email,
      name: row.name,
      roles: row.roles,
      organizationId: row.organization_id,
      partnerId: row.partner_id,
      unitId: row.unit_id,
      isLeader: row.is_leader,
      locale: row.locale,
      viaCookie,
    };
  }

  async me(userId: string): Promise<MeDto> {
    const [row] = await this.dataSource.query(
      `SELECT id, email, name, roles, is_leader AS "isLeader", organization_id AS "organizationId",
              unit_id AS "unitId", partner_id AS "partnerId", locale
         FROM users WHERE id = $1`,
      [userId],
    );
    if (!row) throw new NotFoundException('User not found');
    return row;
  }

  async updateMe(actor: Actor, locale: 'id' | 'en' | undefined): Promise<MeDto> {
    if (locale) await this.users.setLocale(actor.userId, locale);
    return this.me(actor.userId);
  }

  /** Always succeeds from the caller's point of view, so it cannot be used to find accounts. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findActiveByEmail(email);
    if (!user) return;
    await this.dataSource.transaction(async (m) => {
      await this.issuePasswordLink(m, 'reset', {
        userId: user.id,
        organizationId: user.organization_id,
        email,
        name: user.name,
        locale: user.locale,
      });
      await this.auditTrail.append(m, {
        organizationId: user.organization_id,
        actorId: null,
        action: 'auth.password_reset_requested',
        targetType: 'user',
        targetId: user.id,
      });
    });
  }

  /** Creates a one-time link and puts its mail in the outbox, inside the caller's transaction. */
  async issuePasswordLink(manager: EntityManager, purpose: 'set' | 'reset', to: PasswordLinkRecipient): Promise<void> {
    const token = randomToken();
    await this.passwordTokens.create(manager, {
      userId: to.userId,
      tokenHash: tokenHash(token),
      purpose,
      ttlHours: LINK_HOURS[purpose],
    });
    const link = `${this.config.publicUrl}/set-password?token=${token}`;
    const mail = passwordLinkMail(purpose, to.locale, to.name, link, LINK_HOURS[purpose]);
    await this.outbox.enqueue(manager, {
      organizationId: to.organizationId,
      to: to.email,
      subject: mail.subject,
      text: mail.text,
      kind: `password_${purpose}`,
    });
  }

  /** The same links for many people at once (an import): a few statements whatever their number. */
  async issuePasswordLinks(manager: EntityManager, purpose: 'set' | 'reset', recipients: PasswordLinkRecipient[]): Promise<void> {
    if (!recipients.length) return;
    const tokens = randomTokens(recipients.length);
    await this.passwordTokens.createMany(
      manager,
      recipients.map((to, i) => ({ userId: to.userId, tokenHash: tokenHash(tokens[i]) })),
      purpose,
      LINK_HOURS[purpose],
    );
    await this.outbox.enqueueMany(
      manager,
      recipients.map((to, i) => {
        const mail = passwordLinkMail(purpose, to.locale, to.name, `${this.config.publicUrl}/set-password?token=${tokens[i]}`, LINK_HOURS[purpose]);
        return { organizationId: to.organizationId, to: to.email, subject: mail.subject, text: mail.text, kind: `password_${purpose}` };
      }),
    );
  }

  async setPassword(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      const owner = await this.passwordTokens.consume(m, tokenHash(token));
      if (!owner) throw new BadRequestException({ statusCode: 400, message: 'This link is invalid, already used or expired. Ask for a new one.', fields: [{ field: 'token', message: 'token is invalid, used or expired' }] });
      await this.users.setPassword(m, owner.userId, passwordHash);
      // A new password ends every existing session, e.g. one an attacker may hold.
      await this.sessions.revokeAllForUser(m, owner.userId);
      await this.auditTrail.append(m, {
        organizationId: owner.organizationId,
        actorId: owner.userId,
        action: 'auth.password_set',
        targetType: 'user',
        targetId: owner.userId,
      });
    });
  }
}
