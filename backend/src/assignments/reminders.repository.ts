import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReminderSettings } from './reminder-settings';
import type { EscalatedItem, ReminderKind } from './reminder-texts';

export interface ReminderCandidate {
  n: number;
  dedupe_key: string;
  kind: ReminderKind;
  to_address: string;
  locale: 'id' | 'en';
  recipient_name: string;
  organization_name: string;
  /** Personal reminders only. */
  title: { id: string; en: string } | null;
  due_on: string | null;
  days: number | null;
  /** Escalation digests only. */
  items: EscalatedItem[] | null;
  total: number | null;
}

/** A leader's digest lists this many people by name, then says how many more. */
export const DIGEST_ITEMS = 50;

export interface RenderedReminder {
  dedupeKey: string;
  kind: ReminderKind;
  to: string;
  subject: string;
  text: string;
}

/** Two-key advisory lock: a namespace for this job, then the organisation. */
const DAILY_LOCK = `hashtext('aman.assignments.daily'), hashtext($1::text)`;

@Injectable()
export class RemindersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Organisations whose local clock has passed their reminder hour and whose daily run for their
   * local date has not happened yet.
   */
  async organizationsDue(now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM organizations o
        WHERE extract(hour FROM $1::timestamptz AT TIME ZONE o.time_zone)
              >= CASE WHEN o.settings->>'reminderHour' ~ '^(1?[0-9]|2[0-3])$' THEN (o.settings->>'reminderHour')::int ELSE 8 END
          AND NOT EXISTS (SELECT 1 FROM assignment_daily_runs r
                           WHERE r.organization_id = o.id AND r.local_date = org_today(o.id, $1::timestamptz))
        ORDER BY o.created_at, o.id`,
      [now.toISOString()],
    );
    return rows.map((r) => r.id);
  }

  /** Held until the transaction ends; false when another instance is running this organisation's job. */
  async tryLockDaily(manager: EntityManager, organizationId: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT pg_try_advisory_xact_lock(${DAILY_LOCK}) AS locked`, [organizationId]);
    return row.locked;
  }

  /** The organisation's calendar date at `now`, or null for an unknown organisation. */
  async localDate(manager: EntityManager, organizationId: string, now: Date): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT to_char(org_today(id, $2::timestamptz), 'YYYY-MM-DD') AS today FROM organizations WHERE id = $1`,
      [organizationId, now.toISOString()],
    );
    return row?.today ?? null;
  }

  async hasRun(manager: EntityManager, organizationId: string, localDate: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM assignment_daily_runs WHERE organization_id = $1 AND local_date = $2::date`,
      [organizationId, localDate],
    );
    return rows.length > 0;
  }

  async recordRun(manager: EntityManager, organizationId: string, localDate: string, opened: number, queued: number): Promise<void> {
    await manager.query(
      `INSERT INTO assignment_daily_runs (organization_id, local_date, assignments_opened, reminders_queued) VALUES ($1, $2::date, $3, $4)`,
      [organizationId, localDate, opened, queued],
    );
  }

  /**
   * Marks the open assignments that are `escalateAfterDays` overdue, once per due date, when their
   * person's own unit has a leader to tell (someone else than the person). Returns how many.
   */
  async markEscalations(manager: EntityManager, organizationId: string, now: Date, escalateAfterDays: number): Promise<number> {
    const rows: unknown[] = await manager.query(
      `WITH org AS MATERIALIZED (SELECT org_today(id, $2::timestamptz) AS today FROM organizations WHERE id = $1)
       INSERT INTO assignment_escalations (assignment_id, due_on, organization_id, escalated_on)
       SELECT a.id, a.due_on, $1, org.today
         FROM assignments a
         CROSS JOIN org
         JOIN modules m ON m.slug = a.module_slug AND m.active
         JOIN users u ON u.id = a.user_id AND u.status = 'active'
        WHERE a.organization_id = $1 AND a.completed_at IS NULL AND a.exempted_at IS NULL
          AND org.today - a.due_on >= $3::int
          AND EXISTS (SELECT 1 FROM users l WHERE l.organization_id = $1 AND l.unit_id = u.unit_id AND l.is_leader
                         AND l.status = 'active' AND l.id <> u.id AND l.email IS NOT NULL)
       ON CONFLICT DO NOTHING
       RETURNING assignment_id`,
      [organizationId, now.toISOString(), escalateAfterDays],
    );
    return rows.length;
  }

  /**
   * Decides, in one statement, who gets which reminder today, and keeps the answer in a temporary
   * table for the rest of the transaction. Each dedupe key names its stage, so a missed day catches
   * up with one message instead of several, and no stage is ever sent twice:
   * - due soon: the smallest configured "days before" not below the days left
   *   (`reminder:<id>:due-soon:<due>:<days before>`);
   * - overdue: day 1, then every `overdueEveryDays` (`reminder:<id>:overdue:<due>:<stage>`);
   * - escalation: one digest per leader and day of the assignments escalated today in their own unit,
   *   the overdue person never being told about themself (`reminder:escalation:<leader id>:<date>`).
   * The due date is part of the personal keys, so an extended assignment is reminded afresh.
   * Returns how many messages are waiting to be rendered.
   */
  async collectCandidates(manager: EntityManager, organizationId: string, now: Date, settings: ReminderSettings): Promise<number> {
    await manager.query(`DROP TABLE IF EXISTS pg_temp.reminder_candidates`);
    await manager.query(
      `CREATE TEMPORARY TABLE reminder_candidates ON COMMIT DROP AS
       WITH org AS MATERIALIZED (
         SELECT o.id, o.name, org_today(o.id, $2::timestamptz) AS today FROM organizations o WHERE o.id = $1
       ),
       open AS (
         SELECT a.id, a.user_id, a.due_on, to_char(a.due_on, 'YYYY-MM-DD') AS due_text, a.due_on - org.today AS days_left,
                m.title, u.email, u.name, u.locale, u.unit_id, org.name AS organization_name, org.today
           FROM assignments a
           JOIN org ON org.id = a.organization_id
           JOIN modules m ON m.slug = a.module_slug AND m.active
           JOIN users u ON u.id = a.user_id AND u.status = 'active'
          WHERE a.organization_id = $1 AND a.completed_at IS NULL AND a.exempted_at IS NULL
       ),
       personal AS (
         SELECT 'reminder:' || o.id || ':due-soon:' || o.due_text || ':' || s.stage AS dedupe_key, 'assignment.due_soon' AS kind,
                o.email AS to_address, o.locale, o.name AS recipient_name, o.organization_name, o.title, o.due_text AS due_on,
                o.days_left AS days
           FROM open o
           CROSS JOIN LATERAL (SELECT min(d) AS stage FROM unnest($3::int[]) AS d WHERE d >= o.days_left) s
          WHERE o.days_left >= 0 AND s.stage IS NOT NULL AND o.email IS NOT NULL
         UNION ALL
         SELECT 'reminder:' || o.id || ':overdue:' || o.due_text || ':' || ((-o.days_left - 1) / $4::int), 'assignment.overdue',
                o.email, o.locale, o.name, o.organization_name, o.title, o.due_text, -o.days_left
           FROM open o
          WHERE o.days_left < 0 AND o.email IS NOT NULL
       ),
       escalated AS (
         SELECT o.*, row_number() OVER (PARTITION BY o.unit_id ORDER BY o.days_left, o.name, o.id) AS rn
           FROM assignment_escalations e
           JOIN open o ON o.id = e.assignment_id AND o.due_on = e.due_on
          WHERE e.organization_id = $1 AND e.escalated_on = o.today AND o.unit_id IS NOT NULL
       ),
       -- Listed once per unit, then handed to each of its leaders without the leader's own entries,
       -- so a unit with many leaders does not multiply the work.
       per_unit AS (
         SELECT unit_id, min(organization_name) AS organization_name, to_char(min(today), 'YYYY-MM-DD') AS today, count(*)::int AS total,
                jsonb_agg(jsonb_build_object('userId', user_id, 'person', name, 'title', title, 'dueOn', due_text, 'days', -days_left) ORDER BY rn)
                  FILTER (WHERE rn <= ${DIGEST_ITEMS}) AS items
           FROM escalated GROUP BY unit_id
       ),
       own AS (SELECT user_id, count(*)::int AS n FROM escalated GROUP BY user_id),
       digests AS (
         SELECT 'reminder:escalation:' || l.id || ':' || pu.today AS dedupe_key, 'assignment.escalation' AS kind,
                l.email AS to_address, l.locale, l.name AS recipient_name, pu.organization_name,
                (SELECT COALESCE(jsonb_agg(i ORDER BY k), '[]'::jsonb) FROM jsonb_array_elements(pu.items) WITH ORDINALITY AS x(i, k)
                  WHERE i->>'userId' <> l.id::text) AS items,
                pu.total - COALESCE(own.n, 0) AS total
           FROM per_unit pu
           JOIN users l ON l.organization_id = $1 AND l.unit_id = pu.unit_id AND l.is_leader AND l.status = 'active' AND l.email IS NOT NULL
           LEFT JOIN own ON own.user_id = l.id
          WHERE pu.total - COALESCE(own.n, 0) > 0
       ),
       candidates AS (
         SELECT dedupe_key, kind, to_address, locale, recipient_name, organization_name, title, due_on, days,
                NULL::jsonb AS items, NULL::int AS total
           FROM personal
         UNION ALL
         SELECT dedupe_key, kind, to_address, locale, recipient_name, organization_name, NULL::jsonb, NULL::text, NULL::int, items, total
           FROM digests
       )
       SELECT row_number() OVER (ORDER BY c.dedupe_key)::int AS n, c.* FROM candidates c
        WHERE NOT EXISTS (SELECT 1 FROM outbox_messages x WHERE x.dedupe_key = c.dedupe_key)`,
      [organizationId, now.toISOString(), settings.remindDaysBefore, settings.overdueEveryDays],
    );
    await manager.query(`ALTER TABLE reminder_candidates ADD PRIMARY KEY (n)`);
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM reminder_candidates`);
    return row.n;
  }

  /** The next page of collected reminders, after row `after` (their numbering starts at 1). */
  nextCandidates(manager: EntityManager, after: number, limit: number): Promise<ReminderCandidate[]> {
    return manager.query(`SELECT * FROM reminder_candidates WHERE n > $1 ORDER BY n LIMIT $2`, [after, limit]);
  }

  /** Queues rendered reminders; a dedupe key already in the outbox is skipped. Returns how many were queued, by kind. */
  async queue(manager: EntityManager, organizationId: string, reminders: RenderedReminder[]): Promise<Record<string, number>> {
    if (reminders.length === 0) return {};
    const rows: { kind: string }[] = await manager.query(
      `INSERT INTO outbox_messages (organization_id, to_address, subject, text_body, kind, dedupe_key)
       SELECT $1, r.to_address, r.subject, r.text_body, r.kind, r.dedupe_key
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r(to_address, subject, text_body, kind, dedupe_key)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING kind`,
      [organizationId, reminders.map((r) => r.to), reminders.map((r) => r.subject), reminders.map((r) => r.text), reminders.map((r) => r.kind), reminders.map((r) => r.dedupeKey)],
    );
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.kind] = (counts[row.kind] ?? 0) + 1;
    return counts;
  }
}
