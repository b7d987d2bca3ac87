import { createHash, randomBytes } from 'node:crypto';

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
 * Restated on purpose, not imported, by the script auditors run outside Aman
 * (frontend/src/app/audit/trail-script.ts) and by the e2e check (e2e/src/trail.ts): each checks
 * the README's formula independently of this code. A change of form changes all three and the README.
 * Which values are personal (identifyingPaths) is decided here only; the others apply the salts given.
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

/**
 * Canonical form v2 (from a per-chain cut-over sequence number): every value that points to one
 * person enters the hash as `sha256:` + sha256_hex(salt + canonicalJson(value)), each with its own
 * random salt, so that a reader without the values (an aggregate auditor) can still recompute the
 * chain, while the same person's entries cannot be linked through equal digests.
 * Salts are keyed by JSON Pointer (RFC 6901) into the entry: `/actorId`, `/targetId`, `/details/userId`.
 */
export type Salts = Record<string, string>;

export const DIGEST_PREFIX = 'sha256:';

/** Targets that are not one person nor a person's own record; any other type's id is digested. */
const NON_PERSONAL_TARGETS = new Set([
  'organization',
  'unit',
  'partner',
  'engagement',
  'policy_document',
  'audit_report',
  'finding',
  'assignment_rule',
  'report',
  'route',
]);

/**
 * Keys of `details`, at any depth, whose value points to one person or is one person's result or
 * free text. Matched by name so that new actions are covered without a list per action.
 */
export const IDENTIFYING_DETAIL_KEYS = new Set([
  'userId',
  'userIds',
  'actorId',
  'email',
  'emails',
  'name',
  'names',
  'fullName',
  'serial',
  'serials',
  'score',
  'passed',
  'timeSpentSeconds',
  'reason',
  'reasonDigest',
  'text',
  'correctiveAction',
  'comment',
  'note',
  'path',
  'ip',
  'address',
  'userAgent',
  'phone',
  'contact',
  'employeeNumber',
  'extensionId',
  'sessionId',
]);

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

export function pointerTokens(pointer: string): string[] {
  return pointer.split('/').slice(1).map(unescapeToken);
}

/** The pointers of the values that v2 digests in this entry (null values are left as they are). */
export function identifyingPaths(entry: Pick<ChainableEntry, 'actorId' | 'targetType' | 'targetId' | 'details'>): string[] {
  const paths: string[] = [];
  if (entry.actorId !== null) paths.push('/actorId');
  if (entry.targetId !== null && !NON_PERSONAL_TARGETS.has(entry.targetType ?? '')) paths.push('/targetId');
  const walk = (value: unknown, pointer: string) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${pointer}/${i}`));
      return;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const path = `${pointer}/${escapeToken(key)}`;
      if (IDENTIFYING_DETAIL_KEYS.has(key)) {
        if (child !== null && child !== undefined) paths.push(path);
      } else {
        walk(child, path);
      }
    }
  };
  walk(entry.details ?? {}, '/details');
  return paths;
}

/** A fresh 128-bit salt (32 hex characters) for each identifying value of the entry. */
export function newSalts(entry: Pick<ChainableEntry, 'actorId' | 'targetType' | 'targetId' | 'details'>): Salts {
  const paths = identifyingPaths(entry);
  // One draw from the CSPRNG per entry, cut into 16-byte salts: the sequencer salts every entry it chains.
  const hex = randomBytes(16 * paths.length).toString('hex');
  return Object.fromEntries(paths.map((p, i) => [p, hex.slice(32 * i, 32 * (i + 1))]));
}

export function fieldDigest(salt: string, value: unknown): string {
  return DIGEST_PREFIX + createHash('sha256').update(salt + canonicalJson(value), 'utf8').digest('hex');
}

/**
 * The entry with every salted value replaced by its digest: what aggregate readers receive, and
 * what v2 hashes. The input is not modified.
 */
export function redactEntry<T extends Pick<ChainableEntry, 'actorId' | 'targetId' | 'details'>>(entry: T, salts: Salts): T {
  // Copied only along the salted paths (a deep copy of every entry made verify three times slower).
  const copy = { ...entry, details: entry.details ?? {} } as T & Record<string, unknown>;
  const copied = new Set<unknown>([copy]);
  for (const [pointer, salt] of Object.entries(salts)) {
    const tokens = pointerTokens(pointer);
    let parent: Record<string, unknown> | undefined = copy;
    for (const token of tokens.slice(0, -1)) {
      const next: unknown = parent[token];
      if (next === null || typeof next !== 'object') {
        parent = undefined;
        break;
      }
      if (!copied.has(next)) {
        const own = Array.isArray(next) ? [...(next as unknown[])] : { ...(next as Record<string, unknown>) };
        copied.add(own);
        parent[token] = own;
        parent = own as Record<string, unknown>;
      } else {
        parent = next as Record<string, unknown>;
      }
    }
    const last = tokens[tokens.length - 1];
    // A salt for a value that is not there digests undefined as null: the hash then tells the tampering.
    if (parent) parent[last] = fieldDigest(salt, parent[last] ?? null);
  }
  return copy;
}

/** The hash of an entry in either form: v2 is the v1 hash of the redacted entry. */
export function entryHashOfForm(entry: ChainableEntry, form: 1 | 2, salts: Salts | null): string {
  return form === 1 ? entryHash(entry) : entryHash(redactEntry(entry, salts ?? {}));
}
