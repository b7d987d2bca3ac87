import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuditTrailRepository, type NewAuditEntry } from './audit-trail.repository';
import { entryHashOfForm, GENESIS_HASH, newSalts } from './canonical';

export type { NewAuditEntry } from './audit-trail.repository';

const BATCH = 1000;
const INTERVAL_MS = 500;

/**
 * Every domain appends here inside its own transaction, so the trail records exactly what committed.
 * Appending takes no lock; the sequencer then chains committed entries per organisation
 * (seq, prev hash, sha256 of the canonical form) within about a second.
 */
@Injectable()
export class AuditTrailService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditTrail');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly repository: AuditTrailRepository,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  append(manager: EntityManager, entry: NewAuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      // An entry outside a transaction could record an action that then rolls back.
      throw new Error(`audit entry "${entry.action}" must be appended inside the action's transaction`);
    }
    return this.repository.insert(manager, entry);
  }

  onApplicationBootstrap(): void {
    if (this.config.env === 'test') return; // tests call sequenceNow() when they need the chain
    this.timer = setInterval(() => {
      this.sequenceNow().catch((error: unknown) => this.logger.error(`sequencing failed: ${String(error)}`));
    }, INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Chains everything committed so far; returns how many entries it chained. */
  async sequenceNow(): Promise<number> {
    if (this.running) await this.running.catch(() => undefined);
    this.running = this.drain();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const chained = await this.sequenceBatch();
      total += chained;
      if (chained < BATCH) return total;
    }
  }

  private sequenceBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.tryLockSequencer(manager))) return 0;
      const pending = await this.repository.getPending(manager, BATCH);
      if (pending.length === 0) return 0;
      const chainIds = [...new Set(pending.map((p) => p.chain_id))];
      const heads = await this.repository.getHeads(manager, chainIds);
      const cutOvers = await this.repository.getOrRecordCutOvers(manager, new Map(chainIds.map((id) => [id, heads.get(id)?.seq ?? 0])));
      const links = pending.map((row) => {
        const head = heads.get(row.chain_id) ?? { seq: 0, hash: GENESIS_HASH };
        const seq = head.seq + 1;
        const entry = {
          seq,
          chainId: row.chain_id,
          at: row.at,
          actorId: row.actor_id,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          details: row.details,
          prevHash: head.hash,
        };
        // Salts are drawn here, at hashing time, so entries committed before the cut-over but chained after it get them too.
        const salts = seq >= cutOvers.get(row.chain_id)! ? newSalts(entry) : null;
        const hash = entryHashOfForm(entry, salts ? 2 : 1, salts);
        heads.set(row.chain_id, { seq, hash });
        return { entryId: row.id, chainId: row.chain_id, seq, prevHash: head.hash, hash, salts };
      });
      await this.repository.insertLinks(manager, links);
      return links.length;
    });
  }
}
