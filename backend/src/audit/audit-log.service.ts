import { Injectable } from '@nestjs/common';
import { entryHashOfForm, GENESIS_HASH, redactEntry } from '../audit-trail/canonical';
import { AuditLogRepository, type ChainEntryRow } from './audit-log.repository';
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
