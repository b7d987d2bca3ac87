import { Injectable } from '@nestjs/common';
import { entryHashOfForm, GENESIS_HASH, identifyingPaths, redactEntry } from '../audit-trail/canonical';
import type { Page } from '../common/pagination';
import { fieldError } from '../common/validation';
import { AuditLogRepository, type ChainEntryRow, type TrailFilter, type TrailRow } from './audit-log.repository';
import { SigningKeysService } from './signing-keys.service';

export interface AnchorCheck {
  /** Finished reports whose signed head statement was checked against the chain. */
  checked: number;
  /** Reports whose statement does not verify with a trusted key, or whose head is not in the chain. */
  mismatched: string[];
  /** Reports finished before heads were signed: they carry no statement to check. */
  unsigned: number;
}

export interface ChainVerification {
  valid: boolean;
  entries: number;
  headHash: string | null;
  headSeq: number;
  firstBrokenAt: number | null;
  /** Entries committed but not chained yet (the sequencer chains them within about a second). */
  pending: number;
  anchors: AnchorCheck;
}

/** Who reads the entries: everything (HR, named auditors) or only what points to no one (aggregate auditors). */
export type TrailView = 'full' | 'aggregate';

/** A v1 entry as an aggregate reader gets it: hashed before salted digests existed, so only its place in the chain. */
export interface HashOnlyEntry {
  seq: number;
  at: string;
  action: string;
  form: 1;
  prevHash: string;
  hash: string;
}

export type RedactedEntry = Omit<ChainEntryRow, 'salts'> & { redacted: string[] };
export type PublishedEntry = ChainEntryRow | RedactedEntry | HashOnlyEntry;

const PAGE = 1000;

/** One entry of the readable trail (GET /organizations/:orgId/audit-log/trail). */
export interface TrailItem {
  seq: number;
  at: string;
  actor: { kind: TrailRow['actorKind']; name: string | null };
  action: string;
  targetType: string | null;
  target: { label: string | null } | null;
  summary: Record<string, string | number | boolean>;
}

export interface TrailPage extends Page<TrailItem> {
  actions: string[];
  timeZone: string;
}

export interface TrailQuery {
  from?: string;
  to?: string;
  action?: string;
  targetType?: string;
  actor?: string;
  page: number;
  pageSize: number;
}

/** Details that are bookkeeping, not something a reader of the trail acts on. */
const BOOKKEEPING = new Set(['engagementId', 'path', 'headHash', 'sha256', 'keyId', 'reasonDigest']);
/** Ids and hashes: no reader can do anything with them, so the summary leaves them out. */
const MACHINE_VALUE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32,}|sha256:[0-9a-f]+)$/i;

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * What of an entry's details a person can read: plain values (lists of them joined), without ids,
 * hashes and bookkeeping, and without the `hidden` pointers (what points to one person, for an
 * aggregate reader). Nested objects are left out: the JSONL export has them whole.
 */
function summaryOf(details: unknown, hidden: Set<string>): Record<string, string | number | boolean> {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return {};
  const summary: Record<string, string | number | boolean> = {};
  const plain = (v: unknown): v is string | number | boolean =>
    (typeof v === 'string' && v !== '' && !MACHINE_VALUE.test(v)) || typeof v === 'number' || typeof v === 'boolean';
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (BOOKKEEPING.has(key) || hidden.has(`/details/${escapeToken(key)}`)) continue;
    if (plain(value)) summary[key] = value;
    else if (Array.isArray(value)) {
      const items = value.filter(plain);
      if (items.length > 0 && items.length === value.length) summary[key] = items.join(', ');
    }
  }
  return summary;
}

/** Reads and verifies an organisation's hash chain; never holds more than one page in memory. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly repository: AuditLogRepository,
    private readonly keys: SigningKeysService,
  ) {}

  async entries(organizationId: string, afterSeq: number, limit: number, view: TrailView): Promise<PublishedEntry[]> {
    const rows = await this.repository.getEntries(organizationId, afterSeq, limit);
    if (view === 'full') return rows;
    return rows.map((e): RedactedEntry | HashOnlyEntry => {
      if (e.form === 1) return { seq: e.seq, at: e.at, action: e.action, form: 1, prevHash: e.prevHash, hash: e.hash };
      const salts = e.salts ?? {};
      const { salts: _salts, ...redacted } = redactEntry(e, salts);
      return { ...redacted, redacted: Object.keys(salts) };
    });
  }

  /**
   * The trail as a person reads it, a page at a time. `full` readers (HR, named engagements) get
   * names and labels; an `aggregate` reader gets the same entries through the rule that redacts the
   * JSONL (identifyingPaths): no actor name is even read, and an object or a detail that points to
   * one person is left out. The actor stays a role in words.
   */
  async trail(organizationId: string, query: TrailQuery, view: TrailView, lang: 'id' | 'en'): Promise<TrailPage> {
    if (query.from && query.to && query.to < query.from) throw fieldError('to', 'must not be before from');
    if (query.actor && view !== 'full') throw fieldError('actor', 'needs a named engagement: an aggregate one shows no names');
    const filter: TrailFilter = {
      from: query.from ?? null,
      to: query.to ?? null,
      action: query.action ?? null,
      targetType: query.targetType ?? null,
      actor: query.actor ?? null,
    };
    const named = view === 'full';
    const [rows, total, actions, timeZone] = await Promise.all([
      this.repository.getTrailPage(organizationId, filter, lang, named, query.pageSize, (query.page - 1) * query.pageSize),
      this.repository.countTrail(organizationId, filter),
      this.repository.getTrailActions(organizationId),
      this.repository.getTimeZone(organizationId),
    ]);
    const items = rows.map((row): TrailItem => {
      const hidden = new Set(named ? [] : identifyingPaths(row));
      return {
        seq: row.seq,
        at: row.at,
        actor: { kind: row.actorKind, name: named ? row.actorName : null },
        action: row.action,
        targetType: row.targetType,
        target: row.targetType === null && row.targetId === null ? null : { label: hidden.has('/targetId') ? null : row.targetLabel },
        summary: summaryOf(row.details, hidden),
      };
    });
    return { items, total, page: query.page, pageSize: query.pageSize, actions, timeZone };
  }

  async verify(organizationId: string): Promise<ChainVerification> {
    const anchors = await this.repository.getReportAnchors(organizationId);
    const unsigned = anchors.filter((a) => !a.headSignature);
    // A statement that does not verify with a key from the files counts as a mismatch whatever the chain says.
    const mismatched = new Set(
      anchors
        .filter((a) => a.headSignature && !this.keys.verifyHead({ organizationId, reportId: a.reportId, reportSha256: a.sha256, headSeq: a.headSeq, headHash: a.headHash }, a.headSignature, a.keyId ?? ''))
        .map((a) => a.reportId),
    );
    const bySeq = new Map<number, typeof anchors>();
    for (const a of anchors) {
      if (!a.headSignature || mismatched.has(a.reportId)) continue;
      if (a.headSeq === 0) {
        if (a.headHash !== null) mismatched.add(a.reportId);
        continue;
      }
      bySeq.set(a.headSeq, [...(bySeq.get(a.headSeq) ?? []), a]);
    }

    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    let firstBrokenAt: number | null = null;
    for (let after = 0; ; ) {
      const page = await this.repository.getEntries(organizationId, after, PAGE);
      for (const e of page) {
        count++;
        if (firstBrokenAt === null) {
          const hash = entryHashOfForm({ ...e, chainId: organizationId, prevHash: prev }, e.form, e.salts);
          if (e.seq !== expectedSeq || e.prevHash !== prev || e.hash !== hash) firstBrokenAt = e.seq;
        }
        for (const a of bySeq.get(e.seq) ?? []) if (a.headHash !== e.hash) mismatched.add(a.reportId);
        bySeq.delete(e.seq);
        prev = e.hash;
        expectedSeq = e.seq + 1;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].seq;
    }
    // A stated head the chain no longer reaches: the chain was cut short.
    for (const list of bySeq.values()) for (const a of list) mismatched.add(a.reportId);

    const head = await this.repository.getHead(organizationId);
    const mismatchedIds = anchors.filter((a) => mismatched.has(a.reportId)).map((a) => a.reportId);
    return {
      valid: firstBrokenAt === null && mismatchedIds.length === 0,
      entries: count,
      headHash: head?.hash ?? null,
      headSeq: head?.seq ?? 0,
      firstBrokenAt,
      pending: await this.repository.countPending(organizationId),
      anchors: { checked: anchors.length - unsigned.length, mismatched: mismatchedIds, unsigned: unsigned.length },
    };
  }
}
