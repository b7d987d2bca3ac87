import { BadRequestException, ForbiddenException, Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { CredentialEvents, type CredentialListener } from '../identity/credential-events';
import { tokenHash } from '../identity/crypto';
import { deriveFromSecret, deriveFromToken, keyFromRecoveryKey, newKeyPair, newRecoveryKey, open, openText, seal, sealText } from './channel-crypto';
import { privateKeyContext, recoveryKeyContext } from './contexts';
import { RecipientKeysRepository, type StoredKeyPair } from './recipient-keys.repository';

const unlockKey = (token: string) => deriveFromToken(token, 'recipient-unlock');

/**
 * Each recipient's X25519 key pair. The private key is stored sealed under argon2id(password,
 * per-user salt) and under the recovery key; at sign-in it is opened with the password and kept
 * only sealed under a key derived from the session token (the database holds the token's sha256),
 * so any instance can use it while the session lives and a database dump alone opens nothing.
 */
@Injectable()
export class RecipientKeysService implements CredentialListener, OnModuleInit {
  private readonly logger = new Logger('RecipientKeys');

  constructor(
    private readonly repository: RecipientKeysRepository,
    private readonly credentials: CredentialEvents,
  ) {}

  onModuleInit(): void {
    this.credentials.register(this);
  }

  async signedIn(userId: string, password: string, unlockToken: string, ttlMinutes: number): Promise<void> {
    if (!(await this.repository.isRecipient(userId))) return;
    const stored = await this.repository.find(userId);
    if (stored) {
      let privateKey: Buffer;
      try {
        privateKey = await this.openWithPassword(userId, stored, password);
      } catch {
        // A password set by a path that could not re-wrap (an operator's script): the sign-in still
        // works, and opening a case says why it cannot.
        this.logger.warn(`the key pair of user ${userId} does not open with their password`);
        return;
      }
      await this.repository.insertUnlock(tokenHash(unlockToken), userId, seal(unlockKey(unlockToken), privateKey, privateKeyContext(userId, 'unlock')), null, ttlMinutes);
      return;
    }
    // The first sign-in since becoming a recipient: the pair is made now, and its recovery key is
    // kept for this session until GET /api/me/recovery-key shows it once.
    const pair = newKeyPair();
    const recoveryKey = newRecoveryKey();
    const made = await this.repository.insert(userId, {
      publicKey: pair.publicKey,
      ...(await this.wrapWithPassword(userId, pair.privateKey, password)),
      privateByRecovery: seal(keyFromRecoveryKey(recoveryKey), pair.privateKey, privateKeyContext(userId, 'recovery')),
    });
    if (!made) return this.signedIn(userId, password, unlockToken, ttlMinutes);
    const key = unlockKey(unlockToken);
    await this.repository.insertUnlock(
      tokenHash(unlockToken),
      userId,
      seal(key, pair.privateKey, privateKeyContext(userId, 'unlock')),
      sealText(key, recoveryKey, recoveryKeyContext(userId)),
      ttlMinutes,
    );
  }

  async challengeCompleted(userId: string, challenge: string, sessionToken: string, ttlMinutes: number): Promise<void> {
    const unlock = await this.repository.takeUnlock(tokenHash(challenge), userId);
    if (!unlock) return;
    const from = unlockKey(challenge);
    const to = unlockKey(sessionToken);
    const privateKey = open(from, unlock.privateSealed, privateKeyContext(userId, 'unlock'));
    const recovery = unlock.recoverySealed ? openText(from, unlock.recoverySealed, recoveryKeyContext(userId)) : null;
    await this.repository.insertUnlock(
      tokenHash(sessionToken),
      userId,
      seal(to, privateKey, privateKeyContext(userId, 'unlock')),
      recovery === null ? null : sealText(to, recovery, recoveryKeyContext(userId)),
      ttlMinutes,
    );
  }

  async passwordChanged(manager: EntityManager, userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const stored = await this.repository.find(userId, manager);
    if (!stored) return;
    const privateKey = await this.openWithPassword(userId, stored, currentPassword);
    const wrapped = await this.wrapWithPassword(userId, privateKey, newPassword);
    await this.repository.rewrapPassword(manager, userId, wrapped.privateByPassword, wrapped.passwordSalt);
  }

  async passwordSetByLink(manager: EntityManager, userId: string, newPassword: string, recoveryKey: string | undefined): Promise<void> {
    const stored = await this.repository.find(userId, manager);
    // Every session ends with a new password: their unlocked copies go too.
    await this.repository.deleteUnlocks(manager, userId);
    if (!stored) return;
    if (recoveryKey === undefined || recoveryKey.trim() === '') {
      await this.repository.discard(manager, userId);
      return;
    }
    let privateKey: Buffer;
    try {
      privateKey = open(keyFromRecoveryKey(recoveryKey), stored.privateByRecovery, privateKeyContext(userId, 'recovery'));
    } catch {
      throw new BadRequestException({
        statusCode: 400,
        message: 'recoveryKey: this is not your recovery key. Check it, or leave it empty to start with a new key (earlier cases must then be shared with you again).',
        fields: [{ field: 'recoveryKey', message: 'recoveryKey is wrong' }],
      });
    }
    const wrapped = await this.wrapWithPassword(userId, privateKey, newPassword);
    await this.repository.rewrapPassword(manager, userId, wrapped.privateByPassword, wrapped.passwordSalt);
  }

  /** Shown once, in the session in which the key pair was made. */
  async takeRecoveryKey(actor: Actor, sessionToken: string): Promise<{ recoveryKey: string }> {
    const sealed = await this.repository.takeRecoveryKey(tokenHash(sessionToken), actor.userId);
    if (!sealed) throw new NotFoundException('No recovery key to show: it is shown once, right after your key was made');
    return { recoveryKey: openText(unlockKey(sessionToken), sealed, recoveryKeyContext(actor.userId)) };
  }

  /** The caller's private key for this request, from their session; never kept past it. */
  async privateKey(actor: Actor, sessionToken: string): Promise<Buffer> {
    const unlock = await this.repository.findUnlock(tokenHash(sessionToken), actor.userId);
    if (!unlock) {
      throw new ForbiddenException({
        statusCode: 403,
        code: 'case_key_locked',
        message: 'Sign out and in again with your password to open cases in this session',
      });
    }
    return open(unlockKey(sessionToken), unlock.privateSealed, privateKeyContext(actor.userId, 'unlock'));
  }

  publicKey(userId: string, manager?: EntityManager): Promise<Buffer | null> {
    return this.repository.find(userId, manager).then((k) => k?.publicKey ?? null);
  }

  deleteExpiredUnlocks(): Promise<void> {
    return this.repository.deleteExpiredUnlocks();
  }

  private async openWithPassword(userId: string, stored: StoredKeyPair, password: string): Promise<Buffer> {
    const key = await deriveFromSecret(password, stored.passwordSalt);
    return open(key, stored.privateByPassword, privateKeyContext(userId, 'password'));
  }

  private async wrapWithPassword(userId: string, privateKey: Buffer, password: string): Promise<{ privateByPassword: Buffer; passwordSalt: Buffer }> {
    const passwordSalt = randomBytes(16);
    const key = await deriveFromSecret(password, passwordSalt);
    return { privateByPassword: seal(key, privateKey, privateKeyContext(userId, 'password')), passwordSalt };
  }
}
