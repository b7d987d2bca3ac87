import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Page } from '../common/pagination';
import { textToHtml } from './mail-templates';
import { OutboxRepository, type NewMessage, type SealedMessage, type UnsentMessageRow } from './outbox.repository';
import { SecretBox } from './secret-box';

export type { NewMessage } from './outbox.repository';

/**
 * The nodemailer transport: SMTP with SMTP_URL, else nodemailer's stream transport, which builds the
 * raw RFC 822 message that the outbox writes to the mail folder (tests wrap it to record).
 */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/**
 * Stands in a stored body for the one-time link. Readable as it is, because HR sees stored bodies:
 * the link itself exists only in the mail that leaves the server.
 */
export const ONE_TIME_LINK = '[one-time link: only in the recipient’s mail]';
/** Put in place of a link that expired before its mail could be sent. */
// The stored mail does not say its reader's language, so the placeholder says it in both (Indonesian first).
const EXPIRED_LINK =
  '[tautan ini kedaluwarsa sebelum email terkirim: mintalah tautan baru / this link expired before the mail could be sent: ask for a new one]';

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

export interface OutboxPage extends Page<OutboxMessageDto> {
  /** False without SMTP_URL: messages are written as .eml files to the server's mail folder for the operator. */
  mailConfigured: boolean;
}

/** The file name of a message written to the mail folder. */
export function emlFileName(messageId: string): string {
  return `${messageId}.eml`;
}

/**
 * Every message is written to the outbox in the caller's transaction (so a rolled-back action sends
 * nothing). A worker then sends them: through SMTP when SMTP_URL is set, else as RFC 822 files in
 * DATA_DIR/mail for the server's operator. One-time links never enter the stored body: they are
 * sealed (SecretBox) beside it and put in only when the mail leaves, then erased.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<number> | null = null;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
  ) {}

  get mailDir(): string {
    return join(this.config.dataDir, 'mail');
  }

  /** With SMTP_URL mail goes out; without, it is written to the mail folder for the server's operator. */
  get mailConfigured(): boolean {
    return this.config.smtpUrl !== null;
  }

  enqueue(manager: EntityManager, message: NewMessage): Promise<boolean> {
    return this.repository.insert(manager, this.seal(message));
  }

  /** Many messages in a few statements (e.g. the invitations of an import); dedupe keys apply as in enqueue. */
  enqueueMany(manager: EntityManager, messages: NewMessage[]): Promise<number> {
    return this.repository.insertMany(manager, messages.map((m) => this.seal(m)));
  }

  private seal(message: NewMessage): SealedMessage {
    const id = this.repository.newId();
    const { secret, ...rest } = message;
    if (secret && !rest.text.includes(ONE_TIME_LINK)) throw new Error('A message with a secret must hold ONE_TIME_LINK');
    return {
      ...rest,
      id,
      secret: secret && { ciphertext: this.secrets.seal(secret.value, secretContext(id)), expiresAt: secret.expiresAt },
    };
  }

  async list(organizationId: string, page: number, pageSize: number): Promise<OutboxPage> {
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
        status: m.attempts >= 5 && !m.sentAt ? 'failed' : !this.mailConfigured ? 'stored' : m.sentAt ? 'sent' : 'pending',
      })),
      total,
      page,
      pageSize,
      mailConfigured: this.mailConfigured,
    };
  }

  onApplicationBootstrap(): void {
    if (!this.mailConfigured) this.logger.log(`SMTP_URL is not set: outgoing mail is written to ${this.mailDir} for the operator`);
    // Tests read the mail folder as a person reads their mail, so the worker runs there too, sooner.
    this.timer = setInterval(
      () => {
        this.sendPending().catch((error: unknown) => this.logger.error(`sending failed: ${String(error)}`));
      },
      this.config.env === 'test' ? 100 : 2000,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sending?.catch(() => undefined);
  }

  /** Sends (or writes to the mail folder) what is waiting; returns how many went out. */
  async sendPending(): Promise<number> {
    if (this.sending) return this.sending;
    this.sending = this.dataSource
      .transaction(async (manager) => {
        await this.repository.deleteExpiredSecrets(manager);
        let sent = 0;
        for (const message of await this.repository.claimUnsent(manager, 50)) {
          try {
            await this.deliver(message);
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

  /** A link sealed under a key file that was since lost or replaced cannot be opened: the mail says to ask for a new one. */
  private openLink(message: UnsentMessageRow): string {
    try {
      return this.secrets.open(message.secret!, secretContext(message.id));
    } catch (error) {
      this.logger.warn(`message ${message.id}: its link cannot be opened with the current key file (${String(error)})`);
      return EXPIRED_LINK;
    }
  }

  private async deliver(message: UnsentMessageRow): Promise<void> {
    const link = message.secret ? this.openLink(message) : EXPIRED_LINK;
    const text = message.text.split(ONE_TIME_LINK).join(link);
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      to: message.to,
      subject: message.subject,
      text,
      // Made from the text at sending: escaped, and only this installation's links are clickable.
      html: textToHtml(text, this.config.publicUrl),
      // Quoted-printable keeps a long link readable (and greppable) in the written file.
      textEncoding: 'quoted-printable',
      messageId: `<${message.id}@aman>`,
    })) as { message?: unknown };
    if (this.mailConfigured) return;
    if (!Buffer.isBuffer(info.message)) throw new Error('Without SMTP_URL the mail transport must build the raw message');
    await mkdir(this.mailDir, { recursive: true, mode: 0o700 });
    // Only the operator (the server's user) may read mails that carry someone's one-time link.
    // Written aside and renamed, so a reader never sees half a message.
    const file = join(this.mailDir, emlFileName(message.id));
    await writeFile(`${file}.tmp`, info.message, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }
}

function secretContext(messageId: string): string {
  return `outbox:${messageId}`;
}
