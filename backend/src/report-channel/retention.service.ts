import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OutboxService } from '../mail/outbox.service';
import { caseDigestMail } from './case-digest';
import { CasesRepository } from './cases.repository';
import { RecipientKeysService } from './recipient-keys.service';
import { ReportChannelRepository } from './report-channel.repository';

/**
 * Deletes what people wrote (description, contact, message bodies, attachments) once a closed
 * case's retention has passed (`purge_on`, set at closing from the partner's `caseRetentionDays`).
 * The rows stay, so counts and statistics remain. Runs hourly on every instance; an advisory lock
 * lets one do the work, and a second run the same day finds nothing left.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('CaseRetention');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReportChannelRepository,
    private readonly keys: RecipientKeysService,
    private readonly cases: CasesRepository,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'aman.report-channel.retention', waitForCompletion: true })
  async tick(): Promise<void> {
    // Tests call run() themselves.
    if (this.config.env === 'test') return;
    try {
      const purged = await this.run();
      if (purged) this.logger.log(`content of ${purged} closed case(s) deleted after their retention period`);
      await this.notifyRecipients(new Date());
    } catch (error) {
      this.logger.error(`retention run failed: ${String(error)}`);
    }
  }

  /**
   * Once a day, a mail to each recipient with unread news: a count, no content, no case, no time
   * finer than the day (a mail per report would stamp its exact arrival in the outbox and the mail
   * logs). Not tied to any organisation, so no HR outbox lists it.
   */
  async notifyRecipients(now: Date): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    const recipients = await this.cases.unreadByRecipient();
    if (!recipients.length) return 0;
    return this.dataSource.transaction((m) =>
      this.outbox.enqueueMany(
        m,
        recipients.map((r) => ({
          organizationId: null,
          to: r.email,
          ...caseDigestMail(r.locale, r.name, r.unread, `${this.config.publicUrl}/cases`),
          kind: 'case_digest',
          dedupeKey: `case-digest:${r.userId}:${day}`,
        })),
      ),
    );
  }

  /** Answers how many cases lost their content. */
  async run(): Promise<number> {
    const purged = await this.dataSource.transaction(async (m) => {
      if (!(await this.repository.tryLockRetention(m))) return 0;
      return this.repository.purgeDueContent(m);
    });
    await this.repository.deleteExpiredCounters();
    await this.keys.deleteExpiredUnlocks();
    return purged;
  }
}
