import { BadRequestException, ConflictException, HttpException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OutboxService, type NewMessage } from '../mail/outbox.service';
import { MANUAL_REMINDER_KIND, manualReminderMail } from './manual-reminder-texts';
import { ManualRemindersRepository, manualReminderKey, type ReminderTarget } from './manual-reminders.repository';

export interface ReminderSender {
  userId: string;
  name: string;
  organizationId: string;
  /** How the recipient reads who sent it. */
  as: 'leader' | 'hr';
}

export interface ManualRemindersResult {
  /** Reminders queued in the outbox now. */
  queued: number;
  /** People this sender already reminded today (one reminder per person, sender and day). */
  alreadyRemindedToday: number;
  /** People with nothing open to be reminded of. */
  nothingOpen: number;
  /** People without an email address. */
  noEmail: number;
  /** Ids that are not active people of the organisation. */
  notFound: number;
}

/** At most this many people per request; a larger selection is sent in several. */
export const MAX_REMINDER_BATCH = 5000;

/**
 * Reminders sent by hand, by a leader for someone in their team or by HR for a person or a selection,
 * through the outbox. Each lists every module the person still has open. The outbox's dedupe key
 * (person, sender, organisation's date) keeps it to one per person, sender and day, across instances.
 */
@Injectable()
export class ManualRemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ManualRemindersRepository,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One person: every reason it cannot go out is an error the caller can read. */
  async remindOne(sender: ReminderSender, userId: string): Promise<{ queued: true }> {
    return this.dataSource.transaction(async (m) => {
      const [target] = await this.repository.targets(m, sender.organizationId, sender.userId, [userId]);
      if (!target) throw new NotFoundException('Person not found');
      const email = target.email;
      if (!email) throw new ConflictException(`${target.name} has no email address, so no reminder can reach them`);
      if (!target.items.length) throw new ConflictException(`${target.name} has no open training to be reminded of`);
      if (target.alreadyToday || !(await this.outbox.enqueue(m, this.message(sender, { ...target, email })))) throw alreadyToday(target.name);
      return { queued: true as const };
    });
  }

  /** Many people in one transaction; those who cannot be reminded are counted, not refused. */
  async remindMany(sender: ReminderSender, userIds: string[]): Promise<ManualRemindersResult> {
    const ids = [...new Set(userIds)];
    return this.dataSource.transaction(async (m) => {
      const targets = await this.repository.targets(m, sender.organizationId, sender.userId, ids);
      const result: ManualRemindersResult = { queued: 0, alreadyRemindedToday: 0, nothingOpen: 0, noEmail: 0, notFound: ids.length - targets.length };
      const messages: NewMessage[] = [];
      for (const target of targets) {
        const email = target.email;
        if (!email) result.noEmail++;
        else if (!target.items.length) result.nothingOpen++;
        else if (target.alreadyToday) result.alreadyRemindedToday++;
        else messages.push(this.message(sender, { ...target, email }));
      }
      result.queued = await this.outbox.enqueueMany(m, messages);
      // A concurrent request may have sent some of them between the read and the insert.
      result.alreadyRemindedToday += messages.length - result.queued;
      return result;
    });
  }

  /**
   * HR's "send a reminder now": to the listed people, or to everyone matching a filter (people with
   * an open assignment, in a unit subtree, of a module, in a status). More than MAX_REMINDER_BATCH
   * matching people → 400, so nobody is reminded by half without knowing it.
   */
  async remindSelection(
    sender: ReminderSender,
    selection: { userIds?: string[]; unitId?: string; module?: string; status?: string },
  ): Promise<ManualRemindersResult> {
    if (selection.userIds) return this.remindMany(sender, selection.userIds);
    const ids = await this.repository.selectOpen(
      sender.organizationId,
      { unitId: selection.unitId ?? null, module: selection.module ?? null, status: selection.status ?? null },
      MAX_REMINDER_BATCH + 1,
    );
    if (ids.length > MAX_REMINDER_BATCH) {
      const message = `unitId: more than ${MAX_REMINDER_BATCH} people match; choose a smaller unit or a status`;
      throw new BadRequestException({ statusCode: 400, message, error: 'Bad Request', fields: [{ field: 'unitId', message }] });
    }
    return this.remindMany(sender, ids);
  }

  /** The people among `userIds` whom this sender has already reminded today. */
  async remindedToday(organizationId: string, senderId: string, userIds: string[]): Promise<Set<string>> {
    return new Set(await this.repository.remindedToday(organizationId, senderId, userIds));
  }

  private message(sender: ReminderSender, target: ReminderTarget & { email: string }): NewMessage {
    const mail = manualReminderMail({
      locale: target.locale,
      recipientName: target.name,
      senderName: sender.name,
      senderRole: sender.as,
      organizationName: target.organizationName,
      items: target.items,
      link: `${this.config.publicUrl}/learn`,
    });
    return {
      organizationId: sender.organizationId,
      to: target.email,
      subject: mail.subject,
      text: mail.text,
      kind: MANUAL_REMINDER_KIND,
      dedupeKey: manualReminderKey(target.id, sender.userId, target.today),
    };
  }
}

function alreadyToday(name: string): HttpException {
  return new HttpException(
    {
      statusCode: 429,
      code: 'already_reminded_today',
      message: `You already sent ${name} a reminder today; you can send the next one tomorrow`,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
