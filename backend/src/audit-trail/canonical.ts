import { createHash } from 'node:crypto';

/** The chain of an organisation is keyed by its id; platform-level entries use the nil UUID. */
export const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainableEntry {
  seq: number;
  chainId: string;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The text that is hashed, documented in the README so auditors can recompute it:
 * canonicalJson([seq, chainId, at, actorId, action, targetType, targetId, details, prevHash]).
 */
export function canonicalForm(entry: ChainableEntry): string {
  return canonicalJson([
    entry.seq,
    entry.chainId,
    entry.at,
    entry.actorId,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.details ?? {},
    entry.prevHash,
  ]);
}

export function entryHash(entry: ChainableEntry): string {
  return createHash('sha256').update(canonicalForm(entry), 'utf8').digest('hex');
}
