import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ASSIGNMENT_STATUS_SQL, ORG_TODAY_SQL } from '../learning/assignment-status.sql';

type Lang = 'id' | 'en';

export interface BreakdownRow {
  group: string;
  groupId?: string;
  parentId?: string | null;
  assigned: number | null;
  completed: number | null;
  overdue: number | null;
  completionRate: number | null;
  suppressed: boolean;
}

interface RawRow {
  key: string;
  parent_id?: string | null;
  name?: string;
  assigned: number;
  completed: number;
  overdue: number;
  direct?: number;
}

/** Per-person flags over current assignments: counts are people (API.md), computed in SQL. */
const PER_PERSON = `
  WITH current AS (
    SELECT DISTINCT ON (a.user_id, a.module_slug) a.user_id, ${ASSIGNMENT_STATUS_SQL} AS status
      FROM assignments a JOIN organizations o ON o.id = a.organization_id
      CROSS JOIN LATERAL (SELECT ${ORG_TODAY_SQL} AS today) d
      JOIN modules m ON m.slug = a.module_slug AND m.active
     WHERE a.organization_id = $1 AND a.exempted_at IS NULL
     ORDER BY a.user_id, a.module_slug, a.assigned_at DESC
  ), person AS (
    SELECT u.id, u.is_leader, u.gender, u.employment_type, u.unit_id,
           bool_and(c.status = 'completed') AS completed, bool_or(c.status = 'overdue') AS overdue
      FROM users u JOIN current c ON c.user_id = u.id
     WHERE u.organization_id = $1 AND u.status = 'active'
     GROUP BY u.id
  )`;

const COUNTS = `count(*)::int AS assigned, count(*) FILTER (WHERE p.completed)::int AS completed, count(*) FILTER (WHERE p.overdue)::int AS overdue`;

/** Hides cells of 1..k-1 people, then more until no single hidden cell of a partition is recoverable. */
export function suppressPartition(cells: { assigned: number; hidden: boolean }[], k: number, implicitHidden = false): void {
  for (const c of cells) if (c.assigned > 0 && c.assigned < k) c.hidden = true;
  for (;;) {
    const hidden = cells.filter((c) => c.hidden).length + (implicitHidden ? 1 : 0);
    if (hidden !== 1 || !cells.some((c) => c.hidden)) return;
    const next = cells.filter((c) => !c.hidden && c.assigned > 0).sort((a, b) => a.assigned - b.assigned)[0];
    if (!next) return;
    next.hidden = true;
  }
}

/** The breakdowns an audit report shows, with small-cell and complementary suppression. */
@Injectable()
export class ReportBreakdowns {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get minGroupSize(): number {
    return 5;
  }

  async all(organizationId: string, lang: Lang): Promise<Record<'unit' | 'role' | 'gender' | 'employmentType', BreakdownRow[]>> {
    const labels = {
      id: { true: 'Pimpinan', false: 'Staf', female: 'Perempuan', male: 'Laki-laki', not_stated: 'Tidak disebutkan', permanent: 'Tetap', contract: 'Kontrak', intern: 'Magang', volunteer: 'Relawan' },
      en: { true: 'Leaders', false: 'Staff', female: 'Female', male: 'Male', not_stated: 'Not stated', permanent: 'Permanent', contract: 'Contract', intern: 'Intern', volunteer: 'Volunteer' },
    }[lang] as Record<string, string>;
    const flat = async (column: string, keys: string[]) => {
      const rows: RawRow[] = await this.dataSource.query(`${PER_PERSON} SELECT ${column}::text AS key, ${COUNTS} FROM person p GROUP BY 1`, [organizationId]);
      const cells = keys.map((key) => ({ assigned: 0, completed: 0, overdue: 0, ...rows.find((r) => r.key === key), key, hidden: false }));
      suppressPartition(cells, this.minGroupSize);
      return cells.map((c) => this.row(labels[c.key] ?? c.key, c, c.hidden));
    };
    const [role, gender, employmentType, unit] = await Promise.all([
      flat('p.is_leader', ['true', 'false']),
      flat('p.gender', ['female', 'male', 'not_stated']),
      flat('p.employment_type', ['permanent', 'contract', 'intern', 'volunteer']),
      this.units(organizationId),
    ]);
    return { role, gender, employmentType, unit };
  }

  /** Each unit counts its whole subtree (one pass over the unit paths). */
  private async units(organizationId: string): Promise<BreakdownRow[]> {
    const rows: RawRow[] = await this.dataSource.query(
      `${PER_PERSON}
       SELECT un.id AS key, un.parent_id, un.name, COALESCE(s.assigned, 0) AS assigned, COALESCE(s.completed, 0) AS completed,
              COALESCE(s.overdue, 0) AS overdue, COALESCE(d.direct, 0) AS direct
         FROM units un
         LEFT JOIN (SELECT anc AS unit_id, ${COUNTS} FROM person p JOIN units pu ON pu.id = p.unit_id, unnest(pu.path) AS anc GROUP BY anc) s ON s.unit_id = un.id
         LEFT JOIN (SELECT p.unit_id, count(*)::int AS direct FROM person p GROUP BY p.unit_id) d ON d.unit_id = un.id
        WHERE un.organization_id = $1 AND un.archived_at IS NULL
        ORDER BY cardinality(un.path), un.name`,
      [organizationId],
    );
    const cells = new Map(rows.map((r) => [r.key, { ...r, hidden: false }]));
    const k = this.minGroupSize;
    // Roots first: a unit under a hidden parent is at most as large, so hidden too.
    for (const cell of cells.values()) {
      const parent = cell.parent_id ? cells.get(cell.parent_id) : undefined;
      if (parent?.hidden) cell.hidden = true;
      if (cell.assigned > 0 && cell.assigned < k) cell.hidden = true;
    }
    // Within each parent: children plus the parent's own direct members (never published) add up to it.
    for (const parent of cells.values()) {
      if (parent.hidden) continue;
      const children = [...cells.values()].filter((c) => c.parent_id === parent.key);
      if (children.length) suppressPartition(children, k, (parent.direct ?? 0) > 0);
    }
    return [...cells.values()].map((c) => ({ ...this.row(c.name ?? c.key, c, c.hidden), groupId: c.key, parentId: c.parent_id ?? null }));
  }

  private row(group: string, c: { assigned: number; completed: number; overdue: number }, hidden: boolean): BreakdownRow {
    if (hidden) return { group, assigned: null, completed: null, overdue: null, completionRate: null, suppressed: true };
    return { group, assigned: c.assigned, completed: c.completed, overdue: c.overdue, completionRate: c.assigned ? c.completed / c.assigned : null, suppressed: false };
  }
}
