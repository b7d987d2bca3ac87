import { BadRequestException, ConflictException, ForbiddenException, HttpException, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import type { Actor, Role } from '../common/actor';
import { RateLimiter } from '../common/rate-limit';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { SecretBox } from '../mail/secret-box';
import { randomToken, tokenHash } from './crypto';
import { PasswordLinksService } from './password-links.service';
import { TotpRepository } from './totp.repository';

/** Roles that may turn on a second factor; case handlers must (see live_session and requiredOf). */
export const TOTP_ROLES: readonly Role[] = ['hr_admin', 'platform_admin', 'case_handler'];
const RECOVERY_CODES = 10;
export const CHALLENGE_MINUTES = 5;
const CHALLENGE_ATTEMPTS = 5;
/** Wrong second-step codes per account before it refuses for the window. */
const CODE_LIMIT = { max: 10, windowSeconds: 900 } as const;
const PERIOD = 30;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
/** Recovery codes are typed by hand: case and dashes do not matter. */
const normalizeRecovery = (code: string) => code.replace(/[^a-z0-9]/gi, '').toLowerCase();

export interface TotpStatus {
  enabled: boolean;
  /** The caller's role may use a second factor. */
  allowed: boolean;
  /** The organisation requires it of this person (an HR admin). */
  required: boolean;
  recoveryCodesLeft: number;
}

/**
 * TOTP (RFC 6238, SHA-1, 6 digits, 30 s, via otpauth) as a second step at sign-in. The seed is sealed
 * with SecretBox; each accepted time step is recorded so a code works once; recovery codes are
 * random 60-bit strings stored as sha256 (high entropy, so a fast hash suffices).
 */
@Injectable()
export class TotpService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: TotpRepository,
    private readonly passwords: PasswordLinksService,
    private readonly box: SecretBox,
    private readonly rateLimiter: RateLimiter,
    private readonly auditTrail: AuditTrailService,
  ) {}

  static allowed(roles: readonly string[]): boolean {
    return roles.some((r) => TOTP_ROLES.includes(r as Role));
  }

  async status(actor: Actor): Promise<TotpStatus> {
    const row = await this.repository.find(actor.userId);
    const enabled = !!row?.enabledAt;
    return {
      enabled,
      allowed: TotpService.allowed(actor.roles),
      required: !!row && requiredOf(row),
      recoveryCodesLeft: enabled ? await this.repository.remainingRecoveryCodes(actor.userId) : 0,
    };
  }

  /** A new seed, pending until confirmed with a code; answers what an authenticator app needs. */
  async setup(actor: Actor): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
    if (!TotpService.allowed(actor.roles)) throw new ForbiddenException('Your role does not use a second factor');
    return this.dataSource.transaction(async (m) => {
      const row = await this.repository.find(actor.userId, m);
      if (row?.enabledAt) throw new ConflictException('A second factor is already on: turn it off first to set up a new one');
      const secret = new Secret({ size: 20 });
      await this.repository.setPendingSecret(m, actor.userId, this.box.seal(secret.base32, context(actor.userId)));
      const otpauthUri = totp(secret, actor.email ?? actor.name).toString();
      // A PNG data URL: browsers show it as an image without any markup from the server.
      return { secret: secret.base32, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 240 }) };
    });
  }

  /** Confirms the pending seed with a code; answers the recovery codes, shown this once. */
  async enable(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.repository.find(actor.userId, m);
      if (!row?.secret || row.enabledAt) throw new ConflictException('Start the set-up first');
      const step = this.matchStep(row.secret, actor.userId, code, null);
      if (step === null) throw codeError('code');
      const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
        const raw = randomBytes(8).toString('hex').slice(0, 12);
        return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
      });
      await this.repository.enable(m, actor.userId, step, recoveryCodes.map((c) => sha256(normalizeRecovery(c))));
      await this.auditTrail.append(m, { organizationId: actor.organizationId, actorId: actor.userId, action: 'auth.totp_enabled', targetType: 'user', targetId: actor.userId });
      return { recoveryCodes };
    });
  }

  /** Turning it off takes the password, so a borrowed session cannot; refused while the organisation requires it. */
  async disable(actor: Actor, currentPassword: string): Promise<void> {
    await this.passwords.verifyCurrentPassword(actor.userId, currentPassword);
    await this.dataSource.transaction(async (m) => {
      const row = await this.repository.find(actor.userId, m);
      if (row && requiredOf(row)) {
        throw new ConflictException(
          row.roles.includes('case_handler') && !row.totpExempt
            ? 'Case handlers must keep a second factor'
            : 'Your organisation requires a second factor for HR admins',
        );
      }
      await this.repository.disable(m, actor.userId);
      await this.auditTrail.append(m, { organizationId: actor.organizationId, actorId: actor.userId, action: 'auth.totp_disabled', targetType: 'user', targetId: actor.userId });
    });
  }

  isEnabled(userId: string): Promise<boolean> {
    return this.repository.isEnabled(userId);
  }

  /** After a correct password: a one-use challenge for the second step, valid a few minutes. */
  async createChallenge(userId: string): Promise<string> {
    const challenge = randomToken();
    await this.repository.createChallenge(userId, tokenHash(challenge), CHALLENGE_MINUTES);
    return challenge;
  }

  /** The second step: a current code or an unused recovery code. Answers the user id, or 401. */
  async completeChallenge(challenge: string, code: string): Promise<string> {
    const result = await this.dataSource.transaction(async (m) => {
      const taken = await this.repository.takeChallenge(m, tokenHash(challenge), CHALLENGE_ATTEMPTS);
      if (!taken) return { error: 'challenge' as const };
      const row = await this.repository.find(taken.userId, m);
      if (!row?.secret || !row.enabledAt) return { error: 'challenge' as const };
      const step = this.matchStep(row.secret, taken.userId, code, row.lastStep === null ? null : Number(row.lastStep));
      if (step !== null) await this.repository.useStep(m, taken.userId, step);
      const ok = step !== null || (await this.repository.useRecoveryCode(m, taken.userId, sha256(normalizeRecovery(code))));
      if (!ok) return { error: 'code' as const, userId: taken.userId };
      await this.repository.finishChallenge(m, taken.id);
      if (step === null) {
        await this.auditTrail.append(m, { organizationId: row.organizationId, actorId: taken.userId, action: 'auth.totp_recovery_code_used', targetType: 'user', targetId: taken.userId });
      }
      return { userId: taken.userId };
    });
    if ('error' in result) {
      if (result.error === 'challenge') throw new UnauthorizedException('This sign-in has expired: enter your email and password again');
      // Counted per account as well, so fresh challenges do not buy unlimited guesses.
      await this.rateLimiter.hit(`totp:${result.userId}`, CODE_LIMIT.max, CODE_LIMIT.windowSeconds);
      throw new UnauthorizedException('The code is wrong or was already used');
    }
    return result.userId;
  }

  async setOrganizationRequirement(actor: Actor, organizationId: string, required: boolean): Promise<{ requireHrTotp: boolean }> {
    await this.dataSource.transaction(async (m) => {
      await this.repository.setOrganizationRequirement(m, organizationId, required);
      await this.auditTrail.append(m, { organizationId, actorId: actor.userId, action: 'organization.hr_totp_required', targetType: 'organization', targetId: organizationId, details: { required } });
    });
    return { requireHrTotp: required };
  }

  async organizationRequirement(organizationId: string): Promise<{ requireHrTotp: boolean }> {
    return { requireHrTotp: await this.repository.organizationRequirement(organizationId) };
  }

  /** The time step the code belongs to (±1 step of clock drift), if newer than the last one used. */
  private matchStep(sealed: Buffer, userId: string, code: string, lastStep: number | null): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    let secret: Secret;
    try {
      secret = Secret.fromBase32(this.box.open(sealed, context(userId)));
    } catch {
      // A lost or replaced key file: the app's codes cannot be checked, recovery codes still work.
      return null;
    }
    const delta = totp(secret, '').validate({ token: code, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(Date.now() / 1000 / PERIOD) + delta;
    return lastStep !== null && step <= lastStep ? null : step;
  }
}

/** The same rule as live_session(): HR admins when their organisation says so, case handlers always (unless exempted, the demo). */
function requiredOf(row: { roles: string[]; requiredByOrganization: boolean; totpExempt: boolean }): boolean {
  return (row.requiredByOrganization && row.roles.includes('hr_admin')) || (row.roles.includes('case_handler') && !row.totpExempt);
}

function totp(secret: Secret, label: string): TOTP {
  return new TOTP({ issuer: 'Aman', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret });
}

function context(userId: string): string {
  return `totp:${userId}`;
}

function codeError(field: string): HttpException {
  return new BadRequestException({ statusCode: 400, message: 'The code is wrong: enter the 6 digits your app shows now', fields: [{ field, message: `${field} is wrong` }] });
}
