import { BadRequestException, ConflictException, HttpException, Inject, Injectable, Logger, NotFoundException, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { RateLimiter } from '../common/rate-limit';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { MailTemplatesService } from '../mail/mail-templates.service';
import { ONE_TIME_LINK, OutboxService } from '../mail/outbox.service';
import { hashPassword, randomToken, randomTokens, tokenHash, verifyPassword } from './crypto';
import { type InvitationWording, type LinkPurpose, passwordLinkMail } from './mail-texts';
import { type InvitationRow, PasswordTokensRepository } from './password-tokens.repository';
import { CredentialEvents } from './credential-events';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';

/** How long each kind of link lives: an invitation waits a week for someone who may be on leave. */
export const LINK_HOURS: Record<LinkPurpose, number> = { set: 72, reset: 2, invite: 168 };

/** Reset requests per hour: for one address typed in the form, and from one client address. */
export const RESET_LIMITS = { perAccount: 3, perAddress: 30, windowSeconds: 3600 } as const;

/** Wrong current passwords (password change, turning TOTP off) before they are refused for the window (a stolen session guessing). */
const CHANGE_LIMIT = { max: 5, windowSeconds: 900 } as const;

export interface PasswordLinkRecipient {
  userId: string;
  organizationId: string | null;
  email: string;
  name: string;
  locale: 'id' | 'en';
}

/**
 * One-time links (set, reset, invite) and password changes. A link's token is stored only as its
 * sha256; the link travels sealed beside its outbox message until the mail leaves (OutboxService).
 * Issuing a link, setting or changing a password and deactivating an account void every older link.
 */
@Injectable()
export class PasswordLinksService implements OnApplicationShutdown {
  private readonly logger = new Logger('PasswordLinks');
  /** Reset requests handled after the 202, awaited at shutdown. */
  private readonly background = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly tokens: PasswordTokensRepository,
    private readonly auditTrail: AuditTrailService,
    private readonly outbox: OutboxService,
    private readonly mailTemplates: MailTemplatesService,
    private readonly rateLimiter: RateLimiter,
    private readonly credentials: CredentialEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  /** Resolves once every reset request answered so far has been handled. */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  /** Creates a one-time link and puts its mail in the outbox, inside the caller's transaction; older links die. */
  async issue(manager: EntityManager, purpose: LinkPurpose, to: PasswordLinkRecipient): Promise<void> {
    await this.tokens.voidAllForUsers(manager, [to.userId]);
    const token = randomToken();
    const expiresAt = await this.tokens.create(manager, { userId: to.userId, tokenHash: tokenHash(token), purpose, ttlHours: LINK_HOURS[purpose] });
    const wording = await this.wordingOf(manager, purpose, new Map(), to.organizationId);
    const mail = passwordLinkMail(purpose, to.locale, to.name, ONE_TIME_LINK, LINK_HOURS[purpose], wording);
    await this.outbox.enqueue(manager, {
      organizationId: to.organizationId,
      to: to.email,
      subject: mail.subject,
      text: mail.text,
      kind: `password_${purpose}`,
      secret: { value: this.link(token), expiresAt },
    });
  }

  /** The same links for many people at once (an import): a few statements whatever their number. */
  async issueMany(manager: EntityManager, purpose: LinkPurpose, recipients: PasswordLinkRecipient[]): Promise<void> {
    if (!recipients.length) return;
    await this.tokens.voidAllForUsers(manager, recipients.map((r) => r.userId));
    const tokens = randomTokens(recipients.length);
    const expiresAt = (await this.tokens.createMany(
      manager,
      recipients.map((to, i) => ({ userId: to.userId, tokenHash: tokenHash(tokens[i]) })),
      purpose,
      LINK_HOURS[purpose],
    ))!;
    const wordings = new Map<string, InvitationWording>();
    for (const to of recipients) await this.wordingOf(manager, purpose, wordings, to.organizationId);
    await this.outbox.enqueueMany(
      manager,
      recipients.map((to, i) => {
        const wording = to.organizationId ? wordings.get(to.organizationId) : undefined;
        const mail = passwordLinkMail(purpose, to.locale, to.name, ONE_TIME_LINK, LINK_HOURS[purpose], wording);
        return {
          organizationId: to.organizationId,
          to: to.email,
          subject: mail.subject,
          text: mail.text,
          kind: `password_${purpose}`,
          secret: { value: this.link(tokens[i]), expiresAt },
        };
      }),
    );
  }

  /**
   * Always 202 for the caller. Both paths do the same work before answering (two rate-limit
   * upserts), and the rest (lookup, link, mail, trail) runs after the answer, so the response time
   * says nothing about whether the account exists. Over the limit, the request is dropped silently.
   */
  async requestReset(email: string, clientAddress: string): Promise<void> {
    const accountKey = `reset:account:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`;
    const addressKey = `reset:address:${clientAddress}`;
    try {
      await this.rateLimiter.hit(addressKey, RESET_LIMITS.perAddress, RESET_LIMITS.windowSeconds);
      await this.rateLimiter.hit(accountKey, RESET_LIMITS.perAccount, RESET_LIMITS.windowSeconds);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 429) return;
      throw error;
    }
    const work = this.sendReset(email)
      .catch((error: unknown) => this.logger.error(`password reset failed: ${String(error)}`))
      .finally(() => this.background.delete(work));
    this.background.add(work);
  }

  private async sendReset(email: string): Promise<void> {
    const user = await this.users.findActiveByEmail(email);
    if (!user) return;
    await this.dataSource.transaction(async (m) => {
      await this.issue(m, 'reset', { userId: user.id, organizationId: user.organization_id, email, name: user.name, locale: user.locale });
      await this.auditTrail.append(m, {
        organizationId: user.organization_id,
        actorId: null,
        action: 'auth.password_reset_requested',
        targetType: 'user',
        targetId: user.id,
      });
    });
  }

  async setPassword(token: string, password: string, recoveryKey?: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      const owner = await this.tokens.consume(m, tokenHash(token));
      if (!owner) throw new BadRequestException({ statusCode: 400, message: 'This link is invalid, already used or expired. Ask for a new one.', fields: [{ field: 'token', message: 'token is invalid, used or expired' }] });
      await this.users.setPassword(m, owner.userId, passwordHash);
      await this.credentials.passwordSetByLink(m, owner.userId, password, recoveryKey);
      await this.tokens.voidAllForUsers(m, [owner.userId]);
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

  /**
   * A signed-in person changes their own password with the current one. Other sessions end (this
   * one stays), every link dies. A wrong current password is 400 naming `currentPassword`, and
   * counts towards a small limit so a borrowed session cannot guess it.
   */
  async changePassword(actor: Actor, currentPassword: string, password: string): Promise<void> {
    await this.verifyCurrentPassword(actor.userId, currentPassword);
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      await this.users.setPassword(m, actor.userId, passwordHash);
      await this.credentials.passwordChanged(m, actor.userId, currentPassword, password);
      await this.tokens.voidAllForUsers(m, [actor.userId]);
      await this.sessions.revokeOthersForUser(m, actor.userId, actor.sessionId);
      await this.auditTrail.append(m, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: actor.userId,
      });
    });
  }

  /**
   * For changes that take the current password (a new password, turning the second factor off): a
   * wrong one is 400 naming `currentPassword` and counts towards one small limit for all of them.
   */
  async verifyCurrentPassword(userId: string, currentPassword: string): Promise<void> {
    const user = await this.users.findForLoginById(userId);
    if (await verifyPassword(user?.password_hash ?? null, currentPassword)) return;
    await this.rateLimiter.hit(`password-change:${userId}`, CHANGE_LIMIT.max, CHANGE_LIMIT.windowSeconds);
    throw new BadRequestException({
      statusCode: 400,
      message: 'The current password is wrong',
      fields: [{ field: 'currentPassword', message: 'currentPassword is wrong' }],
    });
  }

  listInvitations(): Promise<InvitationRow[]> {
    return this.tokens.listInvitations(this.dataSource.manager);
  }

  /** A new invitation link for someone a platform admin invited; the old link dies. Used → 409. */
  async resendInvitation(actor: Actor, userId: string): Promise<InvitationRow> {
    return this.dataSource.transaction(async (m) => {
      const [invitation] = await this.tokens.listInvitations(m, userId);
      if (!invitation) throw new NotFoundException('No invitation for this person');
      if (invitation.state === 'used') throw new ConflictException('This invitation was already used: the person has a password');
      await this.issue(m, 'invite', {
        userId,
        organizationId: invitation.organizationId,
        email: invitation.email,
        name: invitation.name,
        locale: invitation.locale,
      });
      await this.auditTrail.append(m, {
        organizationId: invitation.organizationId,
        actorId: actor.userId,
        action: 'user.invitation_resent',
        targetType: 'user',
        targetId: userId,
      });
      return (await this.tokens.listInvitations(m, userId))[0];
    });
  }

  /** HR's invitation of its people (`set`) is worded by the organisation (its mail templates); read once per organisation into `cache`. */
  private async wordingOf(
    manager: EntityManager,
    purpose: LinkPurpose,
    cache: Map<string, InvitationWording>,
    organizationId: string | null,
  ): Promise<InvitationWording | undefined> {
    if (purpose !== 'set' || !organizationId) return undefined;
    let wording = cache.get(organizationId);
    if (!wording) {
      const found = await this.mailTemplates.wordingOf(manager, organizationId);
      wording = { organizationName: found.organizationName, templates: found.templates.invitation };
      cache.set(organizationId, wording);
    }
    return wording;
  }

  private link(token: string): string {
    return `${this.config.publicUrl}/set-password?token=${token}`;
  }
}
