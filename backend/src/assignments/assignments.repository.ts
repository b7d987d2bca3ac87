import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface PersonAssignmentRow {
  id: string;
  slug: string;
  title: { id: string; en: string };
  audience: string;
  status: string;
  current: boolean;
  dueOn: string;
  assignedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  expiresOn: string | null;
  exemptedAt: Date | null;
  exemptReason: string | null;
  ruleId: string | null;
  extensions: number;
}

export interface LockedAssignment {
  id: string;
  user_id: string;
  module_slug: string;
  due_on: string;
  completed_at: Date | null;
  exempted_at: Date | null;
  today: string;
}

@Injectable()
export class AssignmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async isPersonOf(organizationId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM users WHERE id = $1 AND organization_id = $2`, [userId, organizationId]);
    return rows.length > 0;
  }

  /**
   * Every assignment of one person, history included, with its status on the organisation's date
   * at `now`. `current` marks the latest of each module, so a just-exempted one reads "exempted"
   * rather than as history; older ones are earlier cycles.
   */
  listForPerson(organizationId: string, userId: string, now: Date): Promise<PersonAssignmentRow[]> {
    return this.dataSource.query(
      `SELECT a.id, m.slug, m.title, m.audience,
              CASE WHEN a.exempted_at IS NOT NULL THEN 'exempted'
                   ELSE assignment_status(a.completed_at, a.expires_on, a.due_on, a.started_at, today) END AS status,
              (a.id = first_value(a.id) OVER (PARTITION BY a.module_slug ORDER BY a.assigned_at DESC, a.id)) AS current,
              to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.assigned_at AS "assignedAt", a.started_at AS "startedAt",
              a.completed_at AS "completedAt", to_char(a.expires_on, 'YYYY-MM-DD') AS "expiresOn",
              a.exempted_at AS "exemptedAt", a.exempt_reason AS "exemptReason", a.rule_id AS "ruleId",
              (SELECT count(*)::int FROM assignment_extensions e WHERE e.assignment_id = a.id) AS extensions
         FROM assignments a
         JOIN modules m ON m.slug = a.module_slug
         JOIN organizations o ON o.id = a.organization_id
         CROSS JOIN (SELECT (SELECT org_today($2, $3::timestamptz)) AS today) d
        WHERE a.user_id = $1 AND a.organization_id = $2
        ORDER BY m.position, a.assigned_at DESC, a.id`,
      [userId, organizationId, now.toISOString()],
    );
  }

  /** One assignment of the organisation, locked until the transaction ends, with the organisation's today. */
  async lock(manager: EntityManager, organizationId: string, id: string): Promise<LockedAssignment | null> {
    const [row] = await manager.query(
      `SELECT a.id, a.user_id, a.module_slug, to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.completed_at, a.exempted_at,
              to_char(org_today(o.id), 'YYYY-MM-DD') AS today
         FROM assignments a JOIN organizations o ON o.id = a.organization_id
        WHERE a.id = $1 AND a.organization_id = $2
        FOR UPDATE OF a`,
      [id, organizationId],
    );
    return row ?? null;
  }

  /** Moves the due date and records why; returns the extension's id. */
  async extend(
    manager: EntityManager,
    e: { organizationId: string; assignmentId: string; fromDueOn: string; toDueOn: string; reason: string; reasonSalt: string; extendedBy: string },
  ): Promise<string> {
    await manager.query(`UPDATE assignments SET due_on = $2::date WHERE id = $1`, [e.assignmentId, e.toDueOn]);
    const [row] = await manager.query(
      `INSERT INTO assignment_extensions (organization_id, assignment_id, from_due_on, to_due_on, reason, reason_salt, extended_by)
       VALUES ($1, $2, $3::date, $4::date, $5, $6, $7) RETURNING id`,
      [e.organizationId, e.assignmentId, e.fromDueOn, e.toDueOn, e.reason, e.reasonSalt, e.extendedBy],
    );
    return row.id;
  }

  async exempt(manager: EntityManager, assignmentId: string, reason: string, reasonSalt: string): Promise<void> {
    await manager.query(`UPDATE assignments SET exempted_at = now(), exempt_reason = $2, exempt_reason_salt = $3 WHERE id = $1`, [
      assignmentId,
      reason,
      reasonSalt,
    ]);
  }

  /**
   * Opens an assignment of the module, due `dueOn`, for each active person among `userIds` whose
   * current assignment of it is neither open nor completed and still valid; one statement. The
   * partial unique index settles a race with another transaction (ON CONFLICT: reported as open).
   */
  assignManually(
    manager: EntityManager,
    organizationId: string,
    slug: string,
    userIds: string[],
    dueOn: string,
  ): Promise<{ userId: string; name: string; already: 'open' | 'completed' | null; assignmentId: string | null }[]> {
    return manager.query(
      `WITH org AS MATERIALIZED (SELECT org_today($1) AS today),
       people AS (
         SELECT u.id, u.name FROM users u
          WHERE u.organization_id = $1 AND u.status = 'active' AND u.id = ANY($3::uuid[])
       ),
       cur AS (
         SELECT DISTINCT ON (a.user_id) a.user_id, a.completed_at, a.expires_on
           FROM assignments a JOIN people p ON p.id = a.user_id
          WHERE a.organization_id = $1 AND a.module_slug = $2 AND a.exempted_at IS NULL
          ORDER BY a.user_id, a.assigned_at DESC, a.id
       ),
       classified AS (
         SELECT p.id, p.name,
                CASE WHEN c.user_id IS NOT NULL AND c.completed_at IS NULL THEN 'open'
                     WHEN c.completed_at IS NOT NULL AND (c.expires_on IS NULL OR c.expires_on > org.today) THEN 'completed' END AS already
           FROM people p CROSS JOIN org LEFT JOIN cur c ON c.user_id = p.id
       ),
       inserted AS (
         INSERT INTO assignments (organization_id, user_id, module_slug, due_on)
         SELECT $1, c.id, $2, $4::date FROM classified c WHERE c.already IS NULL
         ON CONFLICT (user_id, module_slug) WHERE completed_at IS NULL AND exempted_at IS NULL DO NOTHING
         RETURNING id, user_id
       )
       SELECT c.id AS "userId", c.name, COALESCE(c.already, CASE WHEN i.id IS NULL THEN 'open' END) AS already, i.id AS "assignmentId"
         FROM classified c LEFT JOIN inserted i ON i.user_id = c.id
        ORDER BY c.name, c.id`,
      [organizationId, slug, userIds, dueOn],
    );
  }

  async isActiveModule(manager: EntityManager, slug: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM modules WHERE slug = $1 AND active`, [slug]);
    return rows.length > 0;
  }

  async orgToday(manager: EntityManager, organizationId: string): Promise<string> {
    const [row] = await manager.query(`SELECT to_char(org_today($1), 'YYYY-MM-DD') AS today`, [organizationId]);
    return row.today;
  }

  /** True when the person has another open assignment of the module (then an undo would make two). */
  async hasOtherOpen(manager: EntityManager, assignmentId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM assignments a JOIN assignments o ON o.user_id = a.user_id AND o.module_slug = a.module_slug AND o.id <> a.id
        WHERE a.id = $1 AND o.completed_at IS NULL AND o.exempted_at IS NULL`,
      [assignmentId],
    );
    return rows.length > 0;
  }

  /** Brings an exempted assignment back; the exemption and this undoing are kept in assignment_exemption_undos. */
  async undoExemption(
    manager: EntityManager,
    u: { organizationId: string; assignmentId: string; reason: string; reasonSalt: string; undoneBy: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO assignment_exemption_undos (organization_id, assignment_id, exempted_at, exempt_reason, exempt_reason_salt, reason, reason_salt, undone_by)
       SELECT organization_id, id, exempted_at, exempt_reason, exempt_reason_salt, $3, $4, $5
         FROM assignments WHERE id = $2 AND organization_id = $1`,
      [u.organizationId, u.assignmentId, u.reason, u.reasonSalt, u.undoneBy],
    );
    await manager.query(
      `UPDATE assignments SET exempted_at = NULL, exempt_reason = NULL, exempt_reason_salt = NULL WHERE id = $1`,
      [u.assignmentId],
    );
  }

  async exists(organizationId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM assignments WHERE id = $1 AND organization_id = $2`, [id, organizationId]);
    return rows.length > 0;
  }

  /** The reasons recorded for an assignment of the organisation, with the salts their trail digests used. */
  reasons(
    organizationId: string,
    assignmentId: string,
  ): Promise<{ kind: 'extension' | 'exemption' | 'exemption_undone'; at: Date; reason: string; salt: string | null }[]> {
    return this.dataSource.query(
      `SELECT 'extension' AS kind, e.created_at AS at, e.reason, e.reason_salt AS salt
         FROM assignment_extensions e WHERE e.assignment_id = $2 AND e.organization_id = $1
       UNION ALL
       SELECT 'exemption', a.exempted_at, a.exempt_reason, a.exempt_reason_salt
         FROM assignments a WHERE a.id = $2 AND a.organization_id = $1 AND a.exempted_at IS NOT NULL
       UNION ALL
       SELECT 'exemption', x.exempted_at, x.exempt_reason, x.exempt_reason_salt
         FROM assignment_exemption_undos x WHERE x.assignment_id = $2 AND x.organization_id = $1
       UNION ALL
       SELECT 'exemption_undone', x.undone_at, x.reason, x.reason_salt
         FROM assignment_exemption_undos x WHERE x.assignment_id = $2 AND x.organization_id = $1
       ORDER BY at`,
      [organizationId, assignmentId],
    );
  }
}
