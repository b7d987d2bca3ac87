import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface NewMessage {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  kind: string;
  /** Makes a message at most once (e.g. one reminder per assignment and day). */
  dedupeKey?: string;
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

/** Messages per INSERT: big enough to be fast, small enough to keep each statement a few megabytes. */
const INSERT_CHUNK = 5000;

const COLUMNS = `id, to_address AS "to", subject, text_body AS "text", kind, created_at AS "createdAt",
  sent_at AS "sentAt", attempts, last_error AS "lastError"`;

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns false when a message with the same dedupe key already exists. */
  async insert(manager: EntityManager, message: NewMessage): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO outbox_messages (organization_id, to_address, subject, text_body, kind, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [message.organizationId, message.to, message.subject, message.text, message.kind, message.dedupeKey ?? null],
    );
    return rows.length === 1;
  }

  /** Set-based insert in chunks, so 100,000 messages take a handful of statements; returns how many were new. */
  async insertMany(manager: EntityManager, messages: NewMessage[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < messages.length; start += INSERT_CHUNK) {
      const chunk = messages.slice(start, start + INSERT_CHUNK);
      const rows: unknown[] = await manager.query(
        `INSERT INTO outbox_messages (organization_id, to_address, subject, text_body, kind, dedupe_key)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [
          chunk.map((m) => m.organizationId),
          chunk.map((m) => m.to),
          chunk.map((m) => m.subject),
          chunk.map((m) => m.text),
          chunk.map((m) => m.kind),
          chunk.map((m) => m.dedupeKey ?? null),
        ],
      );
      inserted += rows.length;
    }
    return inserted;
  }

  async listForOrganization(organizationId: string, page: number, pageSize: number) {
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM outbox_messages WHERE organization_id = $1
          ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
        [organizationId, pageSize, (page - 1) * pageSize],
      ) as Promise<OutboxMessageRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM outbox_messages WHERE organization_id = $1`, [
        organizationId,
      ]) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }

  /** Claims unsent messages so that several instances never send one twice. */
  claimUnsent(manager: EntityManager, limit: number): Promise<OutboxMessageRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM outbox_messages
        WHERE sent_at IS NULL AND attempts < 5
        ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markSent(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1 WHERE id = $1`, [id]);
  }

  async markFailed(manager: EntityManager, id: string, error: string): Promise<void> {
    await manager.query(`UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
      id,
      error.slice(0, 500),
    ]);
  }
}
