import { createHash } from 'node:crypto';

/**
 * The chain's canonical forms as documented in the README, written independently of the backend's
 * code: sha256 hex of JSON (keys sorted at every depth, no spaces) of
 * [seq, chainId, at, actorId, action, targetType, targetId, details, prevHash], in form 2 with the
 * salted values replaced by their digests.
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
  /** 1 before the chain's cut-over, 2 from it. */
  form?: 1 | 2;
  /** Form 2, full readers: the salt of each identifying value, by JSON Pointer. */
  salts?: Record<string, string> | null;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Form 2 (README): each value named by a JSON Pointer in `salts` enters the hash as
 * "sha256:" + sha256_hex(salt + canonical(value)); the rest of the formula is form 1's.
 */
function digested(e: Entry): Entry {
  const copy = JSON.parse(JSON.stringify({ ...e, details: e.details ?? {} })) as Entry & Record<string, unknown>;
  for (const [pointer, salt] of Object.entries(e.salts ?? {})) {
    const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    let parent = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
    const last = keys[keys.length - 1];
    parent[last] = 'sha256:' + sha256(salt + canonical(parent[last] ?? null));
  }
  return copy;
}

export function canonicalHash(chainId: string, entry: Entry): string {
  const e = entry.form === 2 ? digested(entry) : entry;
  return sha256(canonical([e.seq, chainId, e.at, e.actorId, e.action, e.targetType, e.targetId, e.details ?? {}, e.prevHash]));
}
