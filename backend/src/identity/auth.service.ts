import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { CredentialEvents } from './credential-events';
import { randomToken, tokenHash, verifyPassword } from './crypto';
import type { MeDto } from './identity.dto';
import { LoginThrottleRepository } from './login-throttle.repository';
import type { LinkPurpose } from './mail-texts';
import { PasswordLinksService, type PasswordLinkRecipient } from './password-links.service';
import { SessionsRepository } from './sessions.repository';
import { CHALLENGE_MINUTES, TotpService } from './totp.service';
import { UsersRepository } from './users.repository';

export type { PasswordLinkRecipient } from './password-links.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly links: PasswordLinksService,
    private readonly totp: TotpService,
    private readonly auditTrail: AuditTrailService,
    private readonly credentials: CredentialEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(
    email: string,
    password: string,
    client: { ip: string; userAgent: string | null },
  ): Promise<{ token: string; user: MeDto } | { totpRequired: true; challenge: string }> {
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
    // With a second factor, the password alone opens no session: the client answers the challenge.
    if (await this.totp.isEnabled(user.id)) {
      const challenge = await this.totp.createChallenge(user.id);
      await this.credentials.signedIn(user.id, password, challenge, CHALLENGE_MINUTES);
      return { totpRequired: true, challenge };
    }
    const session = await this.startSession(user, client);
    await this.credentials.signedIn(user.id, password, session.token, this.config.sessionTtlHours * 60);
    return session;
  }

  /** The second step of a sign-in with TOTP: the challenge from the first step and a code (or a recovery code). */
  async loginWithTotp(challenge: string, code: string, client: { ip: string; userAgent: string | null }): Promise<{ token: string; user: MeDto }> {
    const userId = await this.totp.completeChallenge(challenge, code);
    const user = await this.users.findForLoginById(userId);
    if (!user) throw new UnauthorizedException('This sign-in has expired: enter your email and password again');
    const session = await this.startSession(user, client);
    await this.credentials.challengeCompleted(user.id, challenge, session.token, this.config.sessionTtlHours * 60);
    return session;
  }

  private async startSession(
    user: { id: string; organization_id: string | null },
    client: { ip: string; userAgent: string | null },
  ): Promise<{ token: string; user: MeDto }> {
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
    // Read back through live_session() like every later request, so the answer says the same.
    const actor = await this.resolveSession(token, false);
    if (!actor) throw new UnauthorizedException('This sign-in has expired: enter your email and password again');
    return { token, user: this.me(actor) };
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
      mustEnrollTotp: row.must_enroll_totp,
      isSatgas: row.is_satgas,
      viaCookie,
    };
  }

  /**
   * The caller as the auth guard resolved them through live_session(), which holds the one
   * definition of "must enrol a second factor first": no second read, no second definition.
   */
  me(actor: Actor): MeDto {
    return {
      id: actor.userId,
      email: actor.email,
      name: actor.name,
      roles: actor.roles,
      isLeader: actor.isLeader,
      organizationId: actor.organizationId,
      unitId: actor.unitId,
      partnerId: actor.partnerId,
      locale: actor.locale,
      totpEnrollmentRequired: actor.mustEnrollTotp ?? false,
      isSatgas: actor.isSatgas ?? false,
    };
  }

  async updateMe(actor: Actor, locale: 'id' | 'en' | undefined): Promise<MeDto> {
    if (!locale) return this.me(actor);
    await this.users.setLocale(actor.userId, locale);
    return this.me({ ...actor, locale });
  }

  /** Creates a one-time link and puts its mail in the outbox, inside the caller's transaction. */
  issuePasswordLink(manager: EntityManager, purpose: LinkPurpose, to: PasswordLinkRecipient): Promise<void> {
    return this.links.issue(manager, purpose, to);
  }

  /** The same links for many people at once (an import): a few statements whatever their number. */
  issuePasswordLinks(manager: EntityManager, purpose: LinkPurpose, recipients: PasswordLinkRecipient[]): Promise<void> {
    return this.links.issueMany(manager, purpose, recipients);
  }
}
