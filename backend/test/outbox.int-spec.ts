import { Test } from '@nestjs/testing';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { MAIL_TRANSPORT, OutboxService } from '../src/mail/outbox.service';
import { testConfig, unique } from './helpers';

describe('mail outbox', () => {
  it('stores messages in the caller’s transaction and sends them through nodemailer once', async () => {
    // nodemailer's own recording transport stands in for the SMTP server we cannot run here.
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: string[] = [];
    const realSend = transport.sendMail.bind(transport);
    transport.sendMail = (async (mail: SendMailOptions) => {
      const info = await realSend(mail);
      sent.push(JSON.parse((info as unknown as { message: string }).message).to[0].address);
      return info;
    }) as typeof transport.sendMail;

    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(testConfig())] })
      .overrideProvider(MAIL_TRANSPORT)
      .useValue(transport)
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const sut = app.get(OutboxService);
      const dataSource = app.get(DataSource);
      const to = `${unique('mail')}@example.org`;
      const key = unique('dedupe');
      await dataSource.transaction((m) => sut.enqueue(m, { organizationId: null, to, subject: 'Hi', text: 'Body', kind: 'test', dedupeKey: key }));
      await expect(
        dataSource.transaction((m) => sut.enqueue(m, { organizationId: null, to, subject: 'Hi', text: 'Body', kind: 'test', dedupeKey: key })),
      ).resolves.toBe(false);
      await dataSource
        .transaction(async (m) => {
          await sut.enqueue(m, { organizationId: null, to: `rolled-${to}`, subject: 'x', text: 'x', kind: 'test' });
          throw new Error('rollback');
        })
        .catch(() => undefined);

      await sut.sendPending();
      await sut.sendPending();
      expect(sent.filter((a) => a === to)).toHaveLength(1);
      expect(sent).not.toContain(`rolled-${to}`);
      const [row] = await dataSource.query(`SELECT sent_at, attempts FROM outbox_messages WHERE to_address = $1`, [to]);
      expect(row.sent_at).not.toBeNull();
      expect(row.attempts).toBe(1);
    } finally {
      await app.close();
    }
  });
});
