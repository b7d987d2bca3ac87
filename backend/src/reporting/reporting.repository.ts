import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

export type FlatDimension = 'role' | 'gender' | 'employmentType';

export interface CountsRow {
  key: string;
  assigned: number;
  completed: number;
  overdue: number;
  /** Current assignments of these people, and how many of them are completed (moduleCompletionRate). */
  assignments: number;
  assignmentsCompleted: number;
}

export interface UnitCountsRow extends CountsRow {
  parentId: string | null;
  name: string;
}

export interface ActiveModuleRow {
  slug: string;
  title: { id: string; en: string };
}

export interface OverduePersonRow {
  userId: string;
  name: string;
  unitName: string | null;
  isLeader: boolean;
  overdueModules: { slug: string; title: string; dueAt: string }[];
}

const DIMENSION_SQL: Record<FlatDimension, string> = {
  role: `CASE WHEN p.is_leader THEN 'leaders' ELSE 'staff' END`,
  gender: 'p.gender',
  employmentType: 'p.employment_type',
};

/**
 * Counts of people from the per-person state kept by the reporting triggers (see the migration),
 * compared with the organisation's today when read. `$1` is the organisation, `$2` the module if any.
 * MATERIALIZED computes today once per statement: inlined, org_today() (a lookup of the
 * organisation) runs for every row and comparison, ~600,000 lookups and 10× the time at 100,000 people.
 */
const TODAY = `today AS MATERIALIZED (SELECT org_today(o.id) AS today FROM organizations o WHERE o.id = $1)`;
/**
 * People's counts, and their current assignments: from report_people, a person's completed ones are
 * the sorted completed_untils after today (one binary search, see the module-completion migration);
 * a report_person_modules row is one assignment.
 */
function counts(perModule: boolean): string {
  return `count(*)::int AS assigned,
       count(*) FILTER (WHERE p.completed_until > d.today)::int AS completed,
       count(*) FILTER (WHERE p.overdue_from < d.today)::int AS overdue,
       ${
         !perModule
           ? `COALESCE(sum(p.modules), 0)::int AS assignments,
       COALESCE(sum(cardinality(p.completed_untils) - width_bucket(d.today, p.completed_untils)), 0)::int AS "assignmentsCompleted"`
           : `count(*)::int AS assignments,
       count(*) FILTER (WHERE p.completed_until > d.today)::int AS "assignmentsCompleted"`
       }`;
}

const params = (organizationId: string, module: string | null) => (module === null ? [organizationId] : [organizationId, module]);

/** People with a current assignment (of the module when one is given); deactivated people never count. */
function people(module: string | null): string {
  return module === null
    ? `report_people p CROSS JOIN today d WHERE p.organization_id = $1 AND p.active AND p.modules > 0`
    : `report_person_modules p CROSS JOIN today d WHERE p.organization_id = $1 AND p.module_slug = $2 AND p.active`;
}

@Injectable()
export class ReportingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async getToday(organizationId: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT to_char(org_today(o.id), 'YYYY-MM-DD') AS today FROM organizations o WHERE o.id = $1`, [organizationId]);
    return row.today;
  }

  getActiveModules(manager: EntityManager = this.dataSource.manager): Promise<ActiveModuleRow[]> {
    return manager.query(`SELECT slug, title FROM modules WHERE active ORDER BY position, slug`);
  }

  /**
   * Runs `read` in one REPEATABLE READ transaction and returns, with its result, the snapshot it saw
   * and the organisation's today, so that the result can be kept and checked later (`changedSince`).
   */
  readAtSnapshot<T>(organizationId: string, read: (manager: EntityManager) => Promise<T>): Promise<{ value: T; snapshot: string; today: string }> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [row] = await m.query(
        `SELECT pg_current_snapshot()::text AS snapshot, to_char(org_today(o.id), 'YYYY-MM-DD') AS today FROM organizations o WHERE o.id = $1`,
        [organizationId],
      );
      return { value: await read(m), snapshot: row.snapshot, today: row.today };
    });
  }

  /**
   * Whether anything a report of the organisation reads was committed after `snapshot`, and its
   * today now. A committed change is invisible to the snapshot exactly when its transaction id is at
   * or above the snapshot's xmax or was still running then (xip). Written as max() and = ANY() so
   * that each part is one probe of the (organization_id, changed_xid) indexes, never a scan.
   */
  async changedSince(organizationId: string, snapshot: string): Promise<{ changed: boolean; today: string }> {
    // pg_snapshot's text form is xmin:xmax:xip,xip,...
    const [, xmax, xipList] = snapshot.split(':');
    const xip = xipList ? xipList.split(',') : [];
    // Prepared (two texts: with and without running transactions): it runs before every kept report is sent.
    const [row] = await preparedQuery<{ changed: boolean; today: string }>(
      this.dataSource,
      xip.length ? 'reports.changed-since-running' : 'reports.changed-since',
      `SELECT to_char(org_today(o.id), 'YYYY-MM-DD') AS today,
              COALESCE((SELECT max(changed_xid) FROM report_people WHERE organization_id = $1) >= $2::xid8, false)
              OR COALESCE((SELECT max(changed_xid) FROM report_changes WHERE organization_id = $1 OR organization_id IS NULL) >= $2::xid8, false)
              ${xip.length ? `OR EXISTS (SELECT 1 FROM report_people WHERE organization_id = $1 AND changed_xid = ANY($3::xid8[]))
              OR EXISTS (SELECT 1 FROM report_changes WHERE (organization_id = $1 OR organization_id IS NULL) AND changed_xid = ANY($3::xid8[]))` : ''} AS changed
         FROM organizations o WHERE o.id = $1`,
      xip.length ? [organizationId, xmax, xip] : [organizationId, xmax],
    );
    return { changed: row.changed, today: row.today };
  }

  /** One row per group that has anyone in it; the groups with nobody are the service's to add. */
  countByDimension(manager: EntityManager, organizationId: string, dimension: FlatDimension, module: string | null): Promise<CountsRow[]> {
    return manager.query(
      `WITH ${TODAY} SELECT ${DIMENSION_SQL[dimension]} AS key, ${counts(module !== null)} FROM ${people(module)} GROUP BY 1`,
      params(organizationId, module),
    );
  }

  /** People per module (a person counts once in each module they have a current assignment of). */
  countByModule(manager: EntityManager, organizationId: string): Promise<CountsRow[]> {
    return manager.query(
      `WITH ${TODAY}
       SELECT p.module_slug AS key, ${counts(true)}
         FROM report_person_modules p CROSS JOIN today d
        WHERE p.organization_id = $1 AND p.active
        GROUP BY 1`,
      [organizationId],
    );
  }

  /**
   * Every unit that is not archived with the people of its whole subtree, and the organisation's
   * total (people outside any unit included). People are grouped by unit first, then the few
   * thousand unit rows are rolled up their paths: one unnest of the path per unit, not per person.
   */
  async countByUnit(manager: EntityManager, organizationId: string, module: string | null): Promise<{ units: UnitCountsRow[]; total: CountsRow }> {
    const rows: (UnitCountsRow & { isTotal: boolean })[] = await manager.query(
      `WITH ${TODAY},
       per_unit AS (SELECT p.unit_id, ${counts(module !== null)} FROM ${people(module)} GROUP BY p.unit_id),
       rolled AS (
         SELECT anc AS unit_id, sum(pu.assigned)::int AS assigned, sum(pu.completed)::int AS completed, sum(pu.overdue)::int AS overdue,
                sum(pu.assignments)::int AS assignments, sum(pu."assignmentsCompleted")::int AS "assignmentsCompleted"
           FROM per_unit pu JOIN units u ON u.id = pu.unit_id CROSS JOIN unnest(u.path) AS anc
          GROUP BY anc
       )
       SELECT false AS "isTotal", un.id AS key, un.parent_id AS "parentId", un.name,
              COALESCE(r.assigned, 0) AS assigned, COALESCE(r.completed, 0) AS completed, COALESCE(r.overdue, 0) AS overdue,
              COALESCE(r.assignments, 0) AS assignments, COALESCE(r."assignmentsCompleted", 0) AS "assignmentsCompleted"
         FROM units un LEFT JOIN rolled r ON r.unit_id = un.id
        WHERE un.organization_id = $1 AND un.archived_at IS NULL
       UNION ALL
       SELECT true, NULL, NULL, NULL, COALESCE(sum(assigned), 0)::int, COALESCE(sum(completed), 0)::int, COALESCE(sum(overdue), 0)::int,
              COALESCE(sum(assignments), 0)::int, COALESCE(sum("assignmentsCompleted"), 0)::int
         FROM per_unit`,
      params(organizationId, module),
    );
    const total = rows.find((r) => r.isTotal) ?? { assigned: 0, completed: 0, overdue: 0, assignments: 0, assignmentsCompleted: 0 };
    return {
      units: rows.filter((r) => !r.isTotal).map(({ isTotal: _total, ...unit }) => unit),
      total: { key: 'total', assigned: total.assigned, completed: total.completed, overdue: total.overdue, assignments: total.assignments, assignmentsCompleted: total.assignmentsCompleted },
    };
  }

  async unitExists(organizationId: string, unitId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1 AND organization_id = $2`, [unitId, organizationId]);
    return rows.length > 0;
  }

  /** Active people with at least one overdue current assignment, in the unit's subtree when given. */
  async listOverdue(organizationId: string, unitId: string | null, lang: 'id' | 'en', page: number, pageSize: number): Promise<{ items: OverduePersonRow[]; total: number }> {
    // `path @> ARRAY[unit]` can use the GIN index on units.path.
    const overdue = `p.organization_id = $1 AND p.modules > 0 AND p.overdue_from < d.today AND p.active
         AND ($2::uuid IS NULL OR p.unit_id IN (SELECT id FROM units WHERE organization_id = $1 AND path @> ARRAY[$2::uuid]))`;
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `WITH ${TODAY}
         SELECT u.id AS "userId", u.name, un.name AS "unitName", u.is_leader AS "isLeader",
                (SELECT json_agg(json_build_object('slug', pm.module_slug, 'title', m.title->>$3, 'dueAt', to_char(pm.overdue_from, 'YYYY-MM-DD'))
                                 ORDER BY pm.overdue_from, m.position)
                   FROM report_person_modules pm JOIN modules m ON m.slug = pm.module_slug
                  WHERE pm.user_id = p.user_id AND pm.overdue_from < d.today) AS "overdueModules"
           FROM report_people p CROSS JOIN today d JOIN users u ON u.id = p.user_id LEFT JOIN units un ON un.id = u.unit_id
          WHERE ${overdue}
          ORDER BY u.name, u.id
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        [organizationId, unitId, lang],
      ) as Promise<OverduePersonRow[]>,
      this.dataSource.query(`WITH ${TODAY} SELECT count(*)::int AS total FROM report_people p CROSS JOIN today d WHERE ${overdue}`, [
        organizationId,
        unitId,
      ]) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }

  /** Completions per calendar week (from Monday) or month in the organisation's time zone, between two local dates. */
  countCompletionsOverTime(
    organizationId: string,
    from: string,
    to: string,
    interval: 'week' | 'month',
    module: string | null,
  ): Promise<{ period: string; completed: number }[]> {
    return this.dataSource.query(
      `WITH o AS (SELECT time_zone FROM organizations WHERE id = $1),
       periods AS (
         SELECT g::date AS start FROM generate_series(date_trunc($4::text, $2::date::timestamp), $3::date::timestamp, ('1 ' || $4)::interval) AS g
       ), done AS (
         SELECT date_trunc($4::text, c.completed_at AT TIME ZONE o.time_zone)::date AS start, count(*)::int AS n
           FROM completions c CROSS JOIN o
          WHERE c.organization_id = $1
            AND c.completed_at >= ($2::date)::timestamp AT TIME ZONE o.time_zone
            AND c.completed_at < ($3::date + 1)::timestamp AT TIME ZONE o.time_zone
            AND ($5::text IS NULL OR c.module_slug = $5)
          GROUP BY 1
       )
       SELECT to_char(p.start, 'YYYY-MM-DD') AS period, COALESCE(done.n, 0) AS completed
         FROM periods p LEFT JOIN done ON done.start = p.start
        ORDER BY p.start`,
      [organizationId, from, to, interval, module],
    );
  }
}
