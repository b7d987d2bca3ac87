import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** 256 random bits, URL-safe: session tokens and one-time links. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Many tokens from one call to the random source: an import invites 100,000 people at once. */
export function randomTokens(count: number): string[] {
  const bytes = randomBytes(32 * count);
  return Array.from({ length: count }, (_, i) => bytes.subarray(i * 32, i * 32 + 32).toString('base64url'));
}

/** Tokens are stored only as their sha256, so a database leak gives no usable session. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** argon2id (the library's default algorithm) with OWASP's minimum parameters: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a hash we still spend the time of a verification, so response times do not reveal accounts.
  if (!passwordHash) {
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2e8nJQyYb0v7nJ8m2Yl0p2Y8kM7w3a6Xr5bq2c1Q0aE';
