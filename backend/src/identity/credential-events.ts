import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * What another domain may do at the moments only identity sees a password in clear: the report
 * channel unwraps (or makes) a recipient's private key with it. Listeners register themselves, so
 * identity depends on nobody. Each call runs before the answer; a listener that throws fails the
 * sign-in or the password change (inside its transaction where there is one).
 */
export interface CredentialListener {
  /** A correct password at sign-in. `unlockToken` is the new session's token, or the TOTP challenge when a second step follows. */
  signedIn(userId: string, password: string, unlockToken: string, ttlMinutes: number): Promise<void>;
  /** The second step succeeded: what was bound to the challenge moves to the session's token. */
  challengeCompleted(userId: string, challenge: string, sessionToken: string, ttlMinutes: number): Promise<void>;
  /** A signed-in person changed their password with the current one. */
  passwordChanged(manager: EntityManager, userId: string, currentPassword: string, newPassword: string): Promise<void>;
  /** A password set with a one-time link (invitation or reset); `recoveryKey` if the person typed one. */
  passwordSetByLink(manager: EntityManager, userId: string, newPassword: string, recoveryKey: string | undefined): Promise<void>;
}

@Injectable()
export class CredentialEvents implements CredentialListener {
  private readonly listeners: CredentialListener[] = [];

  register(listener: CredentialListener): void {
    this.listeners.push(listener);
  }

  async signedIn(userId: string, password: string, unlockToken: string, ttlMinutes: number): Promise<void> {
    for (const l of this.listeners) await l.signedIn(userId, password, unlockToken, ttlMinutes);
  }

  async challengeCompleted(userId: string, challenge: string, sessionToken: string, ttlMinutes: number): Promise<void> {
    for (const l of this.listeners) await l.challengeCompleted(userId, challenge, sessionToken, ttlMinutes);
  }

  async passwordChanged(manager: EntityManager, userId: string, currentPassword: string, newPassword: string): Promise<void> {
    for (const l of this.listeners) await l.passwordChanged(manager, userId, currentPassword, newPassword);
  }

  async passwordSetByLink(manager: EntityManager, userId: string, newPassword: string, recoveryKey: string | undefined): Promise<void> {
    for (const l of this.listeners) await l.passwordSetByLink(manager, userId, newPassword, recoveryKey);
  }
}
