import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

export interface NewMessage {
  organizationId: string | null;
  to: string;
  subject: string;
  /** May hold ONE_TIME_LINK; the link itself goes in `secret`, never in the stored body. */
  text: string;
  kind: string;
  /** Makes a message at most once (e.g. one reminder per assignment and day). */
  dedupeKey?: string;
  /** A one-time link, put in place of ONE_TIME_LINK only when the mail is sent; dropped at `expiresAt`. */
  secret?: { value: string; expiresAt: Date };
}

/** A message as stored, with its sealed secret (if any) sealed by the service under `outbox:<id>`. */
export interface SealedMessage extends Omit<NewMessage, 'secret'> {
  id: string;
  secret?: { ciphertext: Buffer; expiresAt: Date };
}

export interface OutboxMessageRow {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

export interface UnsentMessageRow extends OutboxMessageRow {
  secret: Buffer | null;
}

/** Messages per INSERT: big enough to be fast, small enough to keep each statement a few megabytes. */
const INSERT_CHUNK = 5000;

const COLUMNS = `o.id, o.to_address AS "to", o.subject, o.text_body AS "text", o.kind, o.created_at AS "createdAt",
  o.sent_at AS "sentAt", o.attempts, o.last_error AS "lastError"`;

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Ids are made here so that a secret can be sealed for its message before the row exists. */
  newId(): string {
    return randomUUID();
  }

  /** Returns false when a message with the same dedupe key already exists. */
  async insert(manager: EntityManager, message: SealedMessage): Promise<boolean> {
    return (await this.insertMany(manager, [message])) === 1;
  }

  /** Set-based insert in chunks, so 100,000 messages take a handful of statements; returns how many were new. */
  async insertMany(manager: EntityManager, messages: SealedMessage[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < messages.length; start += INSERT_CHUNK) {
      const chunk = messages.slice(start, start + INSERT_CHUNK);
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO outbox_messages (id, organization_id, to_address, subject, text_body, kind, dedupe_key)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [
          chunk.map((m) => m.id),
          chunk.map((m) => m.organizationId),
          chunk.map((m) => m.to),
          chunk.map((m) => m.subject),
          chunk.map((m) => m.text),
          chunk.map((m) => m.kind),
          chunk.map((m) => m.dedupeKey ?? null),
        ],
      );
      inserted += rows.length;
      const created = new Set(rows.map((r) => r.id));
      const secrets = chunk.filter((m) => m.secret && created.has(m.id));
      if (secrets.length) {
        await manager.query(
          `INSERT INTO outbox_secrets (message_id, ciphertext, expires_at)
           SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::timestamptz[])`,
          [secrets.map((m) => m.id), secrets.map((m) => m.secret!.ciphertext), secrets.map((m) => m.secret!.expiresAt)],
        );
      }
    }
    return inserted;
  }

  async listForOrganization(organizationId: string, page: number, pageSize: number) {
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM outbox_messages o WHERE o.organization_id = $1
          ORDER BY o.created_at DESC, o.id LIMIT $2 OFFSET $3`,
        [organizationId, pageSize, (page - 1) * pageSize],
      ) as Promise<OutboxMessageRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM outbox_messages WHERE organization_id = $1`, [
        organizationId,
      ]) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }

  /** Claims unsent messages (with their sealed link, if still valid) so that several instances never send one twice. */
  claimUnsent(manager: EntityManager, limit: number): Promise<UnsentMessageRow[]> {
    return manager.query(
      `SELECT ${COLUMNS}, s.ciphertext AS secret
         FROM outbox_messages o LEFT JOIN outbox_secrets s ON s.message_id = o.id AND s.expires_at > now()
        WHERE o.sent_at IS NULL AND o.attempts < 5
        ORDER BY o.created_at LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
      [limit],
    );
  }

  /** Sent: the link it carried is erased in the same statement's transaction. */
  async markSent(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1 WHERE id = $1`, [id]);
    await manager.query(`DELETE FROM outbox_secrets WHERE message_id = $1`, [id]);
  }

  async markFailed(manager: EntityManager, id: string, error: string): Promise<void> {
    await manager.query(`UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
      id,
      error.slice(0, 500),
    ]);
  }

  /** Links past their expiry are useless to their owner and must not linger for anyone else. */
  async deleteExpiredSecrets(manager: EntityManager): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(`DELETE FROM outbox_secrets WHERE expires_at <= now()`);
    return count;
  }
}
