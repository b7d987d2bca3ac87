import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Page } from '../common/pagination';
import { OutboxRepository, type NewMessage } from './outbox.repository';

export type { NewMessage } from './outbox.repository';

/** The nodemailer transport, or null when no SMTP server is configured (tests use a recording one). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export interface OutboxMessageDto {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  createdAt: Date;
  sentAt: Date | null;
  status: 'sent' | 'pending' | 'failed' | 'stored';
}

/**
 * Every message is written to the outbox in the caller's transaction (so a rolled-back action sends
 * nothing). With SMTP configured a worker sends them; without, they stay readable by the
 * organisation's HR in the UI.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<number> | null = null;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter | null,
  ) {}

  enqueue(manager: EntityManager, message: NewMessage): Promise<boolean> {
    return this.repository.insert(manager, message);
  }

  /** Many messages in a few statements (e.g. the invitations of an import); dedupe keys apply as in enqueue. */
  enqueueMany(manager: EntityManager, messages: NewMessage[]): Promise<number> {
    return this.repository.insertMany(manager, messages);
  }

  async list(organizationId: string, page: number, pageSize: number): Promise<Page<OutboxMessageDto>> {
    const { items, total } = await this.repository.listForOrganization(organizationId, page, pageSize);
    return {
      items: items.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        kind: m.kind,
        createdAt: m.createdAt,
        sentAt: m.sentAt,
        status: m.sentAt ? 'sent' : !this.transport ? 'stored' : m.attempts >= 5 ? 'failed' : 'pending',
      })),
      total,
      page,
      pageSize,
    };
  }

  onApplicationBootstrap(): void {
    if (!this.transport || this.config.env === 'test') return;
    this.timer = setInterval(() => {
      this.sendPending().catch((error: unknown) => this.logger.error(`sending failed: ${String(error)}`));
    }, 2000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sending?.catch(() => undefined);
  }

  /** Sends what is waiting; returns how many went out. */
  async sendPending(): Promise<number> {
    const transport = this.transport;
    if (!transport) return 0;
    if (this.sending) return this.sending;
    this.sending = this.dataSource
      .transaction(async (manager) => {
        let sent = 0;
        for (const message of await this.repository.claimUnsent(manager, 50)) {
          try {
            await transport.sendMail({
              from: this.config.mailFrom,
              to: message.to,
              subject: message.subject,
              text: message.text,
            });
            await this.repository.markSent(manager, message.id);
            sent++;
          } catch (error) {
            await this.repository.markFailed(manager, message.id, String(error));
          }
        }
        return sent;
      })
      .finally(() => (this.sending = null));
    return this.sending;
  }
}
