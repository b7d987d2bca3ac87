import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MailTemplatesService } from '../mail/mail-templates.service';
import { LINK_PATHS } from '../mail/mail-templates';
import { AssignmentRulesService } from './assignment-rules.service';
import { reminderMail, type ReminderFacts } from './reminder-texts';
import { RemindersRepository, type ReminderCandidate } from './reminders.repository';

export interface DailyRunResult {
  /** False when another instance holds this organisation's run, or it already ran on this local date. */
  ran: boolean;
  date: string | null;
  assignmentsOpened: number;
  /** Messages queued; `escalations` counts leaders' digests, not people. */
  reminders: { dueSoon: number; overdue: number; escalations: number };
}

/** Reminders are rendered and inserted this many at a time, so 100,000 never sit in memory at once. */
const BATCH = 1000;

/**
 * The daily job: every minute each instance looks for organisations whose local clock has passed
 * their reminder hour and that have not had today's run; for each it opens what the rules call for
 * (recurrence included) and queues the day's reminders through the outbox. A transaction-scoped
 * advisory lock per organisation and a row per (organisation, local date) make N instances run each
 * organisation's job once a day; dedupe keys make every reminder go out at most once regardless.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RemindersRepository,
    private readonly rules: AssignmentRulesService,
    private readonly auditTrail: AuditTrailService,
    private readonly mailTemplates: MailTemplatesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'aman.assignments.daily', waitForCompletion: true })
  async tick(): Promise<void> {
    // Tests drive runDaily with a fixed clock; a real-time run would race with them.
    if (this.config.env === 'test') return;
    await this.runDue(new Date());
  }

  /** Runs the daily job for every organisation that is due at `now`; one failing does not stop the others. */
  async runDue(now: Date): Promise<void> {
    for (const organizationId of await this.repository.organizationsDue(now)) {
      try {
        const result = await this.runDaily(organizationId, now);
        if (result.ran) {
          const r = result.reminders;
          this.logger.log(
            `daily run ${organizationId} ${result.date}: ${result.assignmentsOpened} assignment(s) opened, ` +
              `reminders ${r.dueSoon} due soon, ${r.overdue} overdue, ${r.escalations} escalation(s)`,
          );
        }
      } catch (error) {
        this.logger.error(`daily run of ${organizationId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  /**
   * One organisation's daily run for its local date at `now`, in one transaction: rules, then
   * reminders. Returns `ran: false` at once when another instance is running it or it already ran.
   */
  async runDaily(organizationId: string, now: Date = new Date()): Promise<DailyRunResult> {
    return this.dataSource.transaction(async (m) => {
      const skipped: DailyRunResult = { ran: false, date: null, assignmentsOpened: 0, reminders: { dueSoon: 0, overdue: 0, escalations: 0 } };
      if (!(await this.repository.tryLockDaily(m, organizationId))) return skipped;
      const date = await this.repository.localDate(m, organizationId, now);
      if (!date) throw new Error(`organisation ${organizationId} does not exist`);
      if (await this.repository.hasRun(m, organizationId, date)) return { ...skipped, date };
      const assignmentsOpened = await this.rules.apply(m, organizationId, now);
      const reminders = await this.queueReminders(m, organizationId, now);
      const queued = reminders.dueSoon + reminders.overdue + reminders.escalations;
      await this.repository.recordRun(m, organizationId, date, assignmentsOpened, queued);
      if (assignmentsOpened + queued > 0) {
        await this.auditTrail.append(m, {
          organizationId,
          actorId: null,
          action: 'assignments.daily_run',
          targetType: 'organization',
          targetId: organizationId,
          details: { date, assignmentsOpened, reminders },
        });
      }
      return { ran: true, date, assignmentsOpened, reminders };
    });
  }

  private async queueReminders(m: EntityManager, organizationId: string, now: Date): Promise<DailyRunResult['reminders']> {
    const settings = await this.rules.reminderSettings(m, organizationId);
    await this.repository.markEscalations(m, organizationId, now, settings.escalateAfterDays);
    const total = await this.repository.collectCandidates(m, organizationId, now, settings);
    const counts: Record<string, number> = {};
    // The organisation's own wording where it has one (mail templates), read once per run.
    const { templates } = await this.mailTemplates.wordingOf(m, organizationId);
    for (let after = 0; after < total; after += BATCH) {
      const batch = await this.repository.nextCandidates(m, after, BATCH);
      const rendered = batch.map((c) => ({ dedupeKey: c.dedupe_key, kind: c.kind, to: c.to_address, ...reminderMail(this.facts(c), templates) }));
      for (const [kind, n] of Object.entries(await this.repository.queue(m, organizationId, rendered))) counts[kind] = (counts[kind] ?? 0) + n;
    }
    return {
      dueSoon: counts['assignment.due_soon'] ?? 0,
      overdue: counts['assignment.overdue'] ?? 0,
      escalations: counts['assignment.escalation'] ?? 0,
    };
  }

  private facts(c: ReminderCandidate): ReminderFacts {
    const common = { locale: c.locale, recipientName: c.recipient_name, organizationName: c.organization_name, link: `${this.config.publicUrl}${LINK_PATHS.reminder}` };
    if (c.kind === 'assignment.escalation') return { ...common, link: `${this.config.publicUrl}${LINK_PATHS.escalation}`, kind: c.kind, items: c.items ?? [], total: c.total ?? 0 };
    return { ...common, kind: c.kind, moduleTitle: c.title ?? { id: '', en: '' }, dueOn: c.due_on ?? '', days: c.days ?? 0 };
  }
}
