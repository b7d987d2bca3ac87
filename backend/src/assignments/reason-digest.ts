import { createHash, randomBytes } from 'node:crypto';

/**
 * What the trail says about a reason: sha256 over a fresh random salt (32 hex characters) followed
 * by the reason's UTF-8 bytes. The salt is kept with the reason in the organisation's tables; without
 * it the digest cannot be tested against guesses ("sick", "pregnancy"...).
 */
export function reasonDigest(salt: string, reason: string): string {
  return createHash('sha256').update(salt + reason, 'utf8').digest('hex');
}

export function sealReason(reason: string): { salt: string; digest: string } {
  const salt = randomBytes(16).toString('hex');
  return { salt, digest: reasonDigest(salt, reason) };
}
