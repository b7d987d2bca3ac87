import { Injectable } from '@nestjs/common';
import { entryHash, GENESIS_HASH } from '../audit-trail/canonical';
import { AuditLogRepository, type ChainEntryRow } from './audit-log.repository';

export interface ChainVerification {
  valid: boolean;
  entries: number;
  headHash: string | null;
  headSeq: number;
  firstBrokenAt: number | null;
  /** Entries committed but not chained yet (the sequencer chains them within about a second). */
  pending: number;
}

const PAGE = 1000;

/** Reads and verifies an organisation's hash chain; never holds more than one page in memory. */
@Injectable()
export class AuditLogService {
  constructor(private readonly repository: AuditLogRepository) {}

  entries(organizationId: string, afterSeq: number, limit: number): Promise<ChainEntryRow[]> {
    return this.repository.getEntries(organizationId, afterSeq, limit);
  }

  async verify(organizationId: string): Promise<ChainVerification> {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    let firstBrokenAt: number | null = null;
    for (let after = 0; ; ) {
      const page = await this.repository.getEntries(organizationId, after, PAGE);
      for (const e of page) {
        count++;
        if (firstBrokenAt === null) {
          const hash = entryHash({ seq: e.seq, chainId: organizationId, at: e.at, actorId: e.actorId, action: e.action, targetType: e.targetType, targetId: e.targetId, details: e.details, prevHash: prev });
          if (e.seq !== expectedSeq || e.prevHash !== prev || e.hash !== hash) firstBrokenAt = e.seq;
        }
        prev = e.hash;
        expectedSeq = e.seq + 1;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].seq;
    }
    const head = await this.repository.getHead(organizationId);
    return {
      valid: firstBrokenAt === null,
      entries: count,
      headHash: head?.hash ?? null,
      headSeq: head?.seq ?? 0,
      firstBrokenAt,
      pending: await this.repository.countPending(organizationId),
    };
  }
}
