import type { DataSource } from 'typeorm';
import { unique } from './helpers';

/** Fixtures for the assignment-rule and reminder suites, written straight in SQL. */

/** The one element that matches, or a failed test saying what was missing. */
export function only<T>(items: T[], predicate: (item: T) => boolean, what: string): T {
  const found = items.filter(predicate);
  if (found.length !== 1) throw new Error(`expected exactly one ${what}, found ${found.length}`);
  return found[0];
}

export const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function orgToday(dataSource: DataSource, organizationId: string): Promise<string> {
  const [row] = await dataSource.query(
    `SELECT to_char((now() AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS today FROM organizations WHERE id = $1`,
    [organizationId],
  );
  return row.today;
}

/** A unit under `parentId` (or a root), with its materialised path. */
export async function addUnit(dataSource: DataSource, organizationId: string, parentId: string | null = null): Promise<string> {
  const code = unique('U');
  const [row] = await dataSource.query(
    `WITH n AS (SELECT gen_random_uuid() AS id)
     INSERT INTO units (id, organization_id, parent_id, code, name, path)
     SELECT n.id, $1, $2::uuid, $3, $3, COALESCE((SELECT path FROM units WHERE id = $2::uuid), '{}'::uuid[]) || n.id FROM n
     RETURNING id`,
    [organizationId, parentId, code],
  );
  return row.id;
}

export interface PersonFixture {
  unitId?: string | null;
  name?: string;
  isLeader?: boolean;
  leaderSince?: string | null;
  employmentType?: 'permanent' | 'contract' | 'intern' | 'volunteer';
  hireDate?: string | null;
  status?: 'active' | 'deactivated';
  locale?: 'id' | 'en';
}

export async function addEmployee(dataSource: DataSource, organizationId: string, p: PersonFixture = {}): Promise<{ id: string; email: string }> {
  const email = `${unique('p')}@org.test`;
  const [row] = await dataSource.query(
    `INSERT INTO users (organization_id, email, name, unit_id, is_leader, leader_since, employment_type, hire_date, status, locale, deactivated_at)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8::date, $9, $10, CASE WHEN $9 = 'deactivated' THEN now() END) RETURNING id`,
    [organizationId, email, p.name ?? 'Test Person', p.unitId ?? null, p.isLeader ?? false, p.leaderSince ?? null,
      p.employmentType ?? 'permanent', p.hireDate ?? null, p.status ?? 'active', p.locale ?? 'id'],
  );
  return { id: row.id, email };
}

/** An assignment in any state, bypassing the learner flow. */
export async function addAssignment(
  dataSource: DataSource,
  organizationId: string,
  userId: string,
  slug: string,
  a: { dueOn: string; completedAt?: string; expiresOn?: string; exempted?: boolean },
): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO assignments (organization_id, user_id, module_slug, due_on, completed_at, module_version, expires_on, exempted_at, exempt_reason)
     VALUES ($1, $2, $3, $4::date, $5::timestamptz, CASE WHEN $5::timestamptz IS NOT NULL THEN 'v-test' END, $6::date,
             CASE WHEN $7 THEN now() END, CASE WHEN $7 THEN 'fixture' END)
     RETURNING id`,
    [organizationId, userId, slug, a.dueOn, a.completedAt ?? null, a.expiresOn ?? null, a.exempted ?? false],
  );
  return row.id;
}

/** Open (not completed, not exempted) assignments of one person, module → due date. */
export async function openDueDates(dataSource: DataSource, userId: string): Promise<Record<string, string>> {
  const rows: { slug: string; due: string }[] = await dataSource.query(
    `SELECT module_slug AS slug, to_char(due_on, 'YYYY-MM-DD') AS due FROM assignments
      WHERE user_id = $1 AND completed_at IS NULL AND exempted_at IS NULL`,
    [userId],
  );
  return Object.fromEntries(rows.map((r) => [r.slug, r.due]));
}
