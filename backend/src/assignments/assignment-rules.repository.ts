import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Audience, DueFrom, EmploymentType } from './assignments.dto';

export interface RuleRow {
  id: string;
  moduleSlug: string;
  audience: Audience;
  unitId: string | null;
  employmentType: EmploymentType | null;
  dueWithinDays: number;
  dueFrom: DueFrom;
  recurrenceEnabled: boolean;
  recurrenceWindowDays: number | null;
  hiredAfter: string | null;
  startsOn: string;
  active: boolean;
  openAssignments: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RuleFields {
  audience: Audience;
  unitId: string | null;
  employmentType: EmploymentType | null;
  dueWithinDays: number;
  dueFrom: DueFrom;
  recurrenceEnabled: boolean;
  recurrenceWindowDays: number | null;
  /** YYYY-MM-DD: only people whose hire date is later; null for everyone. */
  hiredAfter: string | null;
}

/** Which part of the organisation an application pass looks at; omitted parts mean "all". */
export interface ApplyScope {
  userIds?: string[];
  ruleId?: string;
}

/** The least time anyone is given for a newly opened assignment, whatever the rule's arithmetic says. */
export const MIN_DAYS_TO_COMPLETE = 7;

const RULE_COLUMNS = `r.id, r.module_slug AS "moduleSlug", r.audience, r.unit_id AS "unitId", r.employment_type AS "employmentType",
  r.due_within_days AS "dueWithinDays", r.due_from AS "dueFrom", r.recurrence_enabled AS "recurrenceEnabled",
  r.recurrence_window_days AS "recurrenceWindowDays", to_char(r.hired_after, 'YYYY-MM-DD') AS "hiredAfter",
  to_char(r.starts_on, 'YYYY-MM-DD') AS "startsOn", r.active,
  (SELECT count(*)::int FROM assignments a WHERE a.rule_id = r.id AND a.completed_at IS NULL AND a.exempted_at IS NULL) AS "openAssignments",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

@Injectable()
export class AssignmentRulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async isActiveModule(manager: EntityManager, slug: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM modules WHERE slug = $1 AND active`, [slug]);
    return rows.length > 0;
  }

  async isUnitOf(manager: EntityManager, organizationId: string, unitId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM units WHERE id = $1 AND organization_id = $2 AND archived_at IS NULL`,
      [unitId, organizationId],
    );
    return rows.length > 0;
  }

  async insertRule(manager: EntityManager, organizationId: string, moduleSlug: string, createdBy: string, rule: RuleFields): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO assignment_rules (organization_id, module_slug, audience, unit_id, employment_type, due_within_days, due_from,
                                     recurrence_enabled, recurrence_window_days, starts_on, created_by, hired_after)
       SELECT o.id, $2, $3, $4, $5, $6, $7, $8, $9, org_today(o.id), $10, $11::date
         FROM organizations o WHERE o.id = $1
       RETURNING id`,
      [organizationId, moduleSlug, rule.audience, rule.unitId, rule.employmentType, rule.dueWithinDays, rule.dueFrom,
        rule.recurrenceEnabled, rule.recurrenceWindowDays, createdBy, rule.hiredAfter],
    );
    return row.id;
  }

  /** One rule of the organisation; with `lock`, held until the transaction ends. */
  async findRule(manager: EntityManager, organizationId: string, id: string, lock = false): Promise<RuleRow | null> {
    const [row] = await manager.query(
      `SELECT ${RULE_COLUMNS} FROM assignment_rules r WHERE r.id = $1 AND r.organization_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [id, organizationId],
    );
    return row ?? null;
  }

  /** Active rules first, newest first within each group. */
  listRules(organizationId: string): Promise<RuleRow[]> {
    return this.dataSource.query(
      `SELECT ${RULE_COLUMNS} FROM assignment_rules r WHERE r.organization_id = $1 ORDER BY r.active DESC, r.created_at DESC, r.id`,
      [organizationId],
    );
  }

  async updateRule(manager: EntityManager, id: string, rule: RuleFields): Promise<void> {
    await manager.query(
      `UPDATE assignment_rules SET audience = $2, unit_id = $3, employment_type = $4, due_within_days = $5, due_from = $6,
              recurrence_enabled = $7, recurrence_window_days = $8, hired_after = $9::date, updated_at = now()
        WHERE id = $1`,
      [id, rule.audience, rule.unitId, rule.employmentType, rule.dueWithinDays, rule.dueFrom, rule.recurrenceEnabled, rule.recurrenceWindowDays, rule.hiredAfter],
    );
  }

  async deactivateRule(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE assignment_rules SET active = false, deactivated_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  /**
   * Opens, in one statement, every assignment the organisation's active rules call for and nobody
   * holds yet. Idempotent: people with an open assignment of the module are skipped, and the partial
   * unique index (never two open assignments of one module for one person) settles races with other
   * transactions through ON CONFLICT DO NOTHING.
   *
   * "Covered until" is the later of the person's last completion's expiry and the end of their last
   * exemption (one recertification period from the day it was given). A person is assigned when
   * - they were never covered, or their cover ended on or before the rule's start (first cycle):
   *   due = base + dueWithinDays, base being the rule's start, the hire date or the leader_since date
   *   (today when the person has no such date);
   * - the rule recurs and their cover ends within the rule's window (next cycle): due = the expiry.
   * Never due sooner than MIN_DAYS_TO_COMPLETE days from the organisation's today. Where several
   * rules assign one module to one person, the earliest due date wins.
   */
  async openAssignments(manager: EntityManager, organizationId: string, now: Date, scope: ApplyScope = {}): Promise<number> {
    const params: unknown[] = [organizationId, now.toISOString()];
    let peopleFilter = '';
    let historyFilter = '';
    let ruleFilter = '';
    if (scope.userIds) {
      params.push(scope.userIds);
      peopleFilter = `AND u.id = ANY($${params.length}::uuid[])`;
      historyFilter = `AND a.user_id = ANY($${params.length}::uuid[])`;
    }
    if (scope.ruleId) {
      params.push(scope.ruleId);
      ruleFilter = `AND r.id = $${params.length}::uuid`;
      historyFilter += ` AND a.module_slug = (SELECT module_slug FROM assignment_rules WHERE id = $${params.length}::uuid)`;
    }
    // MATERIALIZED: org_today() is evaluated once here; inlined, it would run once per person and rule.
    const rows: unknown[] = await manager.query(
      `WITH org AS MATERIALIZED (
         SELECT o.id, o.time_zone, org_today(o.id, $2::timestamptz) AS today FROM organizations o WHERE o.id = $1
       ),
       matches AS (
         SELECT r.id AS rule_id, r.created_at AS rule_created_at, r.module_slug, r.due_from, r.due_within_days, r.starts_on,
                r.recurrence_enabled, r.recurrence_window_days, mo.recertification_months,
                u.id AS user_id, u.hire_date, u.leader_since, org.today, org.time_zone
           FROM assignment_rules r
           JOIN org ON org.id = r.organization_id
           JOIN modules mo ON mo.slug = r.module_slug AND mo.active
           JOIN users u ON u.organization_id = r.organization_id
           LEFT JOIN units un ON un.id = u.unit_id
          WHERE r.organization_id = $1 AND r.active ${ruleFilter}
            AND u.status = 'active' AND 'employee' = ANY(u.roles) ${peopleFilter}
            -- 'satgas' reaches the people designated in satgas_members, whatever their role or unit.
            AND CASE r.audience
                  WHEN 'everyone' THEN true
                  WHEN 'satgas' THEN EXISTS (SELECT 1 FROM satgas_members sm WHERE sm.organization_id = r.organization_id AND sm.user_id = u.id)
                  ELSE (r.audience = 'leaders') = u.is_leader
                END
            AND (r.employment_type IS NULL OR r.employment_type = u.employment_type)
            AND (r.unit_id IS NULL OR r.unit_id = ANY(un.path))
            AND (r.hired_after IS NULL OR u.hire_date > r.hired_after)
       ),
       history AS (
         SELECT a.user_id, a.module_slug,
                bool_or(a.completed_at IS NULL AND a.exempted_at IS NULL) AS has_open,
                max(COALESCE(a.expires_on, 'infinity'::date)) FILTER (WHERE a.completed_at IS NOT NULL) AS expires_on,
                max(a.exempted_at) AS exempted_at
           FROM assignments a
          WHERE a.organization_id = $1 ${historyFilter}
          GROUP BY a.user_id, a.module_slug
       ),
       covered AS (
         SELECT x.*, COALESCE(h.has_open, false) AS has_open,
                NULLIF(GREATEST(COALESCE(h.expires_on, '-infinity'::date),
                                COALESCE(((h.exempted_at AT TIME ZONE x.time_zone)::date
                                          + make_interval(months => x.recertification_months))::date, '-infinity'::date)),
                       '-infinity'::date) AS covered_until
           FROM matches x
           LEFT JOIN history h ON h.user_id = x.user_id AND h.module_slug = x.module_slug
       ),
       due AS (
         SELECT DISTINCT ON (c.user_id, c.module_slug) c.user_id, c.module_slug, c.rule_id,
                GREATEST(
                  CASE WHEN c.covered_until IS NULL OR c.covered_until <= c.starts_on
                       THEN CASE c.due_from WHEN 'hire_date' THEN COALESCE(c.hire_date, c.today)
                                            WHEN 'became_leader' THEN COALESCE(c.leader_since, c.today)
                                            ELSE c.starts_on END + c.due_within_days
                       ELSE c.covered_until END,
                  c.today + ${MIN_DAYS_TO_COMPLETE}) AS due_on
           FROM covered c
          WHERE NOT c.has_open
            AND (c.covered_until IS NULL OR c.covered_until <= c.starts_on
                 OR (c.recurrence_enabled AND c.covered_until <= c.today + c.recurrence_window_days))
          ORDER BY c.user_id, c.module_slug, due_on, c.rule_created_at, c.rule_id
       )
       INSERT INTO assignments (organization_id, user_id, module_slug, due_on, rule_id)
       SELECT $1, d.user_id, d.module_slug, d.due_on, d.rule_id FROM due d
       ON CONFLICT (user_id, module_slug) WHERE completed_at IS NULL AND exempted_at IS NULL DO NOTHING
       RETURNING id`,
      params,
    );
    return rows.length;
  }

  /** The stored reminder settings (raw; defaults are applied by the service). */
  async getReminderSettings(manager: EntityManager, organizationId: string): Promise<Record<string, unknown> | null> {
    const [row] = await manager.query(
      `SELECT jsonb_build_object('reminderHour', settings->'reminderHour', 'remindDaysBefore', settings->'remindDaysBefore',
                                 'escalateAfterDays', settings->'escalateAfterDays', 'overdueEveryDays', settings->'overdueEveryDays') AS s
         FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return row ? row.s : null;
  }

  /** Merged into `organizations.settings`, beside the facts the organisations domain keeps there. */
  async setReminderSettings(manager: EntityManager, organizationId: string, settings: object): Promise<void> {
    await manager.query(`UPDATE organizations SET settings = settings || $2::jsonb WHERE id = $1`, [organizationId, JSON.stringify(settings)]);
  }
}
