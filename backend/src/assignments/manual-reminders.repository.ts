import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OpenItem } from './manual-reminder-texts';

export interface ReminderTarget {
  id: string;
  name: string;
  email: string | null;
  locale: 'id' | 'en';
  organizationName: string;
  /** YYYY-MM-DD in the organisation's time zone: the day the per-sender limit counts. */
  today: string;
  /** Open (not completed, not exempted) assignments of active modules, soonest due first. */
  items: OpenItem[];
  /** This sender already reminded this person on the organisation's today. */
  alreadyToday: boolean;
}

/** One reminder per person, sender and day of the organisation: the outbox's dedupe key enforces it. */
export function manualReminderKey(userId: string, senderId: string, today: string): string {
  return `reminder:manual:${userId}:${senderId}:${today}`;
}

@Injectable()
export class ManualRemindersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The active people of the organisation among `userIds`, with what a reminder would list. */
  targets(manager: EntityManager | null, organizationId: string, senderId: string, userIds: string[]): Promise<ReminderTarget[]> {
    return (manager ?? this.dataSource.manager).query(
      `WITH org AS MATERIALIZED (SELECT o.id, o.name, org_today(o.id) AS today FROM organizations o WHERE o.id = $1)
       SELECT u.id, u.name, u.email, u.locale, org.name AS "organizationName", to_char(org.today, 'YYYY-MM-DD') AS today,
              COALESCE((SELECT json_agg(json_build_object('title', m.title, 'dueOn', to_char(a.due_on, 'YYYY-MM-DD'),
                                                          'overdue', a.due_on < org.today) ORDER BY a.due_on, m.position)
                          FROM assignments a JOIN modules m ON m.slug = a.module_slug AND m.active
                         WHERE a.user_id = u.id AND a.organization_id = $1 AND a.completed_at IS NULL AND a.exempted_at IS NULL),
                       '[]'::json) AS items,
              EXISTS (SELECT 1 FROM outbox_messages x
                       WHERE x.dedupe_key = 'reminder:manual:' || u.id || ':' || $2::text || ':' || to_char(org.today, 'YYYY-MM-DD')) AS "alreadyToday"
         FROM users u CROSS JOIN org
        WHERE u.organization_id = $1 AND u.id = ANY($3::uuid[]) AND u.status = 'active'
        ORDER BY u.name, u.id`,
      [organizationId, senderId, userIds],
    );
  }

  /**
   * The active people of the organisation, in the unit's subtree when given, who have an open
   * current assignment (of the module, in the status, when given): a filtered selection for HR.
   */
  async selectOpen(organizationId: string, filter: { unitId: string | null; module: string | null; status: string | null }, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH org AS MATERIALIZED (SELECT org_today($1) AS today)
       SELECT u.id FROM users u
        WHERE u.organization_id = $1 AND u.status = 'active'
          AND ($2::uuid IS NULL OR u.unit_id IN (SELECT id FROM units WHERE organization_id = $1 AND path @> ARRAY[$2::uuid]))
          AND EXISTS (SELECT 1 FROM assignments a JOIN modules m ON m.slug = a.module_slug AND m.active CROSS JOIN org
                       WHERE a.user_id = u.id AND a.organization_id = $1 AND a.completed_at IS NULL AND a.exempted_at IS NULL
                         AND ($3::text IS NULL OR a.module_slug = $3)
                         AND ($4::text IS NULL OR assignment_status(a.completed_at, a.expires_on, a.due_on, a.started_at, org.today) = $4))
        ORDER BY u.name, u.id
        LIMIT $5`,
      [organizationId, filter.unitId, filter.module, filter.status, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Which of `userIds` this sender has reminded on the organisation's today. */
  async remindedToday(organizationId: string, senderId: string, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT u.id FROM unnest($3::uuid[]) AS u(id)
         JOIN outbox_messages x ON x.dedupe_key = 'reminder:manual:' || u.id || ':' || $2::text || ':' ||
                                                 (SELECT to_char(org_today(o.id), 'YYYY-MM-DD') FROM organizations o WHERE o.id = $1)`,
      [organizationId, senderId, userIds],
    );
    return rows.map((r) => r.id);
  }
}
