import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OutboxService } from '../src/mail/outbox.service';
import { mailsTo, startTestApp, unique, waitForMail } from './helpers';

describe('mail outbox', () => {
  it('stores messages in the caller’s transaction and writes each once to the mail folder (no SMTP)', async () => {
    // Every test app of the run shares the database and the mail folder, and any of their workers
    // may send a message: what counts is that it leaves exactly once.
    const t = await startTestApp();
    try {
      const sut = t.app.get(OutboxService);
      expect(sut.mailConfigured).toBe(false);
      const to = `${unique('mail')}@example.org`;
      const key = unique('dedupe');
      await t.dataSource.transaction((m) => sut.enqueue(m, { organizationId: null, to, subject: 'Hi', text: 'Body', kind: 'test', dedupeKey: key }));
      await expect(
        t.dataSource.transaction((m) => sut.enqueue(m, { organizationId: null, to, subject: 'Hi', text: 'Body', kind: 'test', dedupeKey: key })),
      ).resolves.toBe(false);
      await t.dataSource
        .transaction(async (m) => {
          await sut.enqueue(m, { organizationId: null, to: `rolled-${to}`, subject: 'x', text: 'x', kind: 'test' });
          throw new Error('rollback');
        })
        .catch(() => undefined);

      const mail = await waitForMail(to);
      await sut.sendPending();
      await sut.sendPending();
      expect(mailsTo(to)).toHaveLength(1);
      expect(mail.text.trim()).toBe('Body');
      expect(mailsTo(`rolled-${to}`)).toHaveLength(0);
      const [row] = await t.dataSource.query(`SELECT id, sent_at, attempts FROM outbox_messages WHERE to_address = $1`, [to]);
      expect(row.sent_at).not.toBeNull();
      expect(row.attempts).toBe(1);
      expect(readdirSync(join(process.env['TEST_DATA_DIR']!, 'mail'))).toContain(`${row.id}.eml`);
      await expect(t.dataSource.query(`SELECT 1 FROM outbox_messages WHERE to_address = $1`, [`rolled-${to}`])).resolves.toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
