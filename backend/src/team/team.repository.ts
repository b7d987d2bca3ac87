import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TeamPersonDto, TeamStatus, TeamUnitDto } from './team.dto';

export interface TeamFilter {
  module: string | null;
  status: TeamStatus | null;
  unitId: string | null;
  lang: 'id' | 'en';
}

/**
 * A leader's team: the active people of the leader's unit and every unit below it, the leader left
 * out. `$1` organisation, `$2` the leader, `$3` the leader's unit.
 */
const TEAM_UNITS = `SELECT un.id FROM units un WHERE un.organization_id = $1 AND un.path @> ARRAY[$3::uuid]`;

/**
 * One person's current assignment of each active module (the latest not exempted), with its status
 * from assignment_status() on the organisation's today (`org`). Computed per person, so that an
 * unfiltered page reads the assignments of its own people only, not of a whole division.
 */
const currentOf = (userId: string) => `(
  SELECT DISTINCT ON (a.module_slug) a.module_slug, a.due_on, a.completed_at, m.title, m.position,
         assignment_status(a.completed_at, a.expires_on, a.due_on, a.started_at, org.today) AS status
    FROM assignments a JOIN modules m ON m.slug = a.module_slug AND m.active CROSS JOIN org
   WHERE a.user_id = ${userId} AND a.organization_id = $1 AND a.exempted_at IS NULL
   ORDER BY a.module_slug, a.assigned_at DESC, a.id)`;

@Injectable()
export class TeamRepository {
  constructor(private readonly dataSource: DataSource) {}

  units(organizationId: string, unitId: string): Promise<TeamUnitDto[]> {
    return this.dataSource.query(
      `SELECT un.id, un.name, un.parent_id AS "parentId" FROM units un
        WHERE un.organization_id = $1 AND un.path @> ARRAY[$2::uuid] AND un.archived_at IS NULL
        ORDER BY cardinality(un.path), un.name, un.id`,
      [organizationId, unitId],
    );
  }

  /** True when `userId` is an active person of the leader's team. */
  async isInTeam(organizationId: string, leaderId: string, unitId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM users u WHERE u.organization_id = $1 AND u.id = $4 AND u.id <> $2 AND u.status = 'active'
          AND u.unit_id IN (${TEAM_UNITS})`,
      [organizationId, leaderId, unitId, userId],
    );
    return rows.length > 0;
  }

  /**
   * One page of the team, by name, each person with their current assignment of each active module
   * (the latest not exempted), its status from assignment_status() on the organisation's today.
   * With a module or status filter, only matching assignments are listed and people with none are
   * left out; without, people with nothing assigned are listed too.
   */
  async people(
    organizationId: string,
    leaderId: string,
    unitId: string,
    filter: TeamFilter,
    page: number,
    pageSize: number,
  ): Promise<{ people: Omit<TeamPersonDto, 'remindedToday'>[]; total: number }> {
    const filtered = filter.module !== null || filter.status !== null;
    const matches = `($5::text IS NULL OR c.module_slug = $5) AND ($6::text IS NULL OR c.status = $6)`;
    const rows: (Omit<TeamPersonDto, 'remindedToday'> & { total: number })[] = await this.dataSource.query(
      `WITH org AS MATERIALIZED (SELECT org_today(o.id) AS today FROM organizations o WHERE o.id = $1),
       team AS (
         SELECT u.id, u.name, un.name AS unit_name
           FROM users u JOIN units un ON un.id = u.unit_id
          WHERE u.organization_id = $1 AND u.status = 'active' AND u.id <> $2
            AND u.unit_id IN (${TEAM_UNITS})
            AND ($4::uuid IS NULL OR un.path @> ARRAY[$4::uuid])
       ),
       listed AS (
         SELECT t.* FROM team t
          WHERE NOT $7::boolean OR EXISTS (SELECT 1 FROM ${currentOf('t.id')} c WHERE ${matches})
       ),
       paged AS (
         SELECT l.*, count(*) OVER ()::int AS total FROM listed l ORDER BY l.name, l.id LIMIT $8 OFFSET $9
       )
       SELECT p.id, p.name, p.unit_name AS "unitName", p.total,
              COALESCE((SELECT json_agg(json_build_object('module', json_build_object('slug', c.module_slug, 'title', c.title->>$10),
                                                          'status', c.status, 'dueAt', to_char(c.due_on, 'YYYY-MM-DD'),
                                                          'completedAt', c.completed_at)
                                        ORDER BY c.position, c.module_slug)
                          FROM ${currentOf('p.id')} c WHERE ${matches}), '[]'::json) AS assignments,
              EXISTS (SELECT 1 FROM ${currentOf('p.id')} c WHERE c.completed_at IS NULL) AS "hasOpen"
         FROM paged p
        ORDER BY p.name, p.id`,
      [organizationId, leaderId, unitId, filter.unitId, filter.module, filter.status, filtered, pageSize, (page - 1) * pageSize, filter.lang],
    );
    // Past the last page the window count has no row to ride on: ask the first page for it.
    if (rows.length === 0 && page > 1) return { people: [], total: (await this.people(organizationId, leaderId, unitId, filter, 1, 1)).total };
    return { people: rows.map(({ id, name, unitName, assignments, hasOpen }) => ({ id, name, unitName, assignments, hasOpen })), total: rows[0]?.total ?? 0 };
  }
}
