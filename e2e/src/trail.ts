import { createHash } from 'node:crypto';

/**
 * The chain's canonical form as documented in the README, written independently of the backend's
 * code: sha256 hex of JSON (keys sorted at every depth, no spaces) of
 * [seq, chainId, at, actorId, action, targetType, targetId, details, prevHash].
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export interface Entry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  prevHash: string;
}

export function canonicalHash(chainId: string, e: Entry): string {
  const text = canonical([e.seq, chainId, e.at, e.actorId, e.action, e.targetType, e.targetId, e.details ?? {}, e.prevHash]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
