import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { Role } from '../common/actor';

export interface SessionActorRow {
  session_id: string;
  user_id: string;
  email: string | null;
  name: string;
  roles: Role[];
  organization_id: string | null;
  partner_id: string | null;
  unit_id: string | null;
  is_leader: boolean;
  locale: 'id' | 'en';
  must_enroll_totp: boolean;
  is_satgas: boolean;
}

export interface LoginRow {
  id: string;
  password_hash: string | null;
  organization_id: string | null;
}

export interface NewUser {
  organizationId?: string | null;
  partnerId?: string | null;
  email: string | null;
  name: string;
  roles: Role[];
  passwordHash?: string | null;
  unitId?: string | null;
  employeeNumber?: string | null;
  isLeader?: boolean;
  gender?: 'female' | 'male' | 'not_stated';
  employmentType?: 'permanent' | 'contract' | 'intern' | 'volunteer';
  hireDate?: string | null;
  locale?: 'id' | 'en';
}

export interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  employeeNumber: string | null;
  unitId: string | null;
  unitName: string | null;
  isLeader: boolean;
  gender: string;
  employmentType: string;
  hireDate: string | null;
  roles: Role[];
  status: string;
  /** When the latest set-password or invitation link was made; null: never invited. */
  invitedAt: Date | null;
  /** The latest session's start; null: has never signed in. */
  lastSignInAt: Date | null;
  /** Across the person's current assignments (see TRAINING_STATUS_SQL). */
  trainingStatus: TrainingStatus;
}

export const TRAINING_STATUSES = ['overdue', 'in_progress', 'expired', 'completed', 'none'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

/**
 * A person's training at a glance, from their current assignment of each active module (the latest
 * not exempted) and assignment_status() on the organisation's today (`d.today`): any overdue →
 * overdue; else any open → in_progress; else any lapsed completion → expired; else completed; none
 * at all → none. Needs `u` = users and `d` with `today`.
 */
const TRAINING_STATUS_SQL = `(
  SELECT CASE WHEN count(*) = 0 THEN 'none'
              WHEN bool_or(c.s = 'overdue') THEN 'overdue'
              WHEN bool_or(c.s IN ('not_started', 'in_progress')) THEN 'in_progress'
              WHEN bool_or(c.s = 'expired') THEN 'expired'
              ELSE 'completed' END
    FROM (SELECT DISTINCT ON (a.module_slug) assignment_status(a.completed_at, a.expires_on, a.due_on, a.started_at, d.today) AS s
            FROM assignments a JOIN modules m ON m.slug = a.module_slug AND m.active
           WHERE a.user_id = u.id AND a.exempted_at IS NULL
           ORDER BY a.module_slug, a.assigned_at DESC, a.id) c)`;

export interface PeopleFilter {
  q?: string;
  unitId?: string;
  role?: Role;
  status?: 'active' | 'deactivated';
  isLeader?: boolean;
  employmentType?: string;
  training?: TrainingStatus;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findForLogin(email: string): Promise<LoginRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, password_hash, organization_id FROM users WHERE lower(email) = lower($1) AND status = 'active'`,
      [email],
    );
    return row ?? null;
  }

  async findForLoginById(userId: string): Promise<LoginRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, password_hash, organization_id FROM users WHERE id = $1 AND status = 'active'`,
      [userId],
    );
    return row ?? null;
  }

  async findActiveByEmail(email: string): Promise<{ id: string; organization_id: string | null; locale: 'id' | 'en'; name: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, organization_id, locale, name FROM users WHERE lower(email) = lower($1) AND status = 'active'`,
      [email],
    );
    return row ?? null;
  }

  async findActorBySessionHash(hash: string): Promise<SessionActorRow | null> {
    // Prepared: it runs on every request with a bearer token (see preparedQuery).
    const [row] = await preparedQuery<SessionActorRow>(
      this.dataSource,
      'identity.session-actor',
      `SELECT l.session_id, u.id AS user_id, u.email, u.name, u.roles, u.organization_id, u.partner_id,
              u.unit_id, u.is_leader, u.locale, l.must_enroll_totp,
              -- A designated Satgas member of their own organisation reads cases (same rule as the recipients').
              EXISTS (SELECT 1 FROM satgas_members s WHERE s.user_id = u.id AND s.organization_id = u.organization_id) AS is_satgas
         FROM live_session($1) l JOIN users u ON u.id = l.user_id`,
      [hash],
    );
    return row ?? null;
  }

  async create(manager: EntityManager, user: NewUser): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO users (organization_id, partner_id, email, name, roles, password_hash, unit_id, employee_number,
                          is_leader, leader_since, gender, employment_type, hire_date, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 THEN current_date END, $10, $11, $12, $13)
       RETURNING id`,
      [
        user.organizationId ?? null,
        user.partnerId ?? null,
        user.email,
        user.name,
        user.roles,
        user.passwordHash ?? null,
        user.unitId ?? null,
        user.employeeNumber ?? null,
        user.isLeader ?? false,
        user.gender ?? 'not_stated',
        user.employmentType ?? 'permanent',
        user.hireDate ?? null,
        user.locale ?? 'id',
      ],
    );
    return row.id;
  }

  async emailExists(manager: EntityManager, email: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
    return rows.length > 0;
  }

  async setPassword(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await manager.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
  }

  async setLocale(userId: string, locale: 'id' | 'en'): Promise<void> {
    await this.dataSource.query(`UPDATE users SET locale = $2, updated_at = now() WHERE id = $1`, [userId, locale]);
  }

  async getRolesInOrganization(
    manager: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<Role[] | null> {
    const [row] = await manager.query(
      `SELECT roles FROM users WHERE id = $1 AND organization_id = $2 FOR UPDATE`,
      [userId, organizationId],
    );
    return row ? row.roles : null;
  }

  async setRoles(manager: EntityManager, userId: string, roles: Role[]): Promise<void> {
    await manager.query(`UPDATE users SET roles = $2, updated_at = now() WHERE id = $1`, [userId, roles]);
  }

  async countActiveHrAdmins(manager: EntityManager, organizationId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM users WHERE organization_id = $1 AND status = 'active' AND 'hr_admin' = ANY(roles)`,
      [organizationId],
    );
    return row.n;
  }

  async listPeople(organizationId: string, filter: PeopleFilter, page: number, pageSize: number) {
    const where = ['u.organization_id = $1'];
    const params: unknown[] = [organizationId];
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      // The same expression as the trigram index users_search_trgm, so the search can use it.
      where.push(`(u.name || ' ' || coalesce(u.email, '') || ' ' || coalesce(u.employee_number, '')) ILIKE $${params.length}`);
    }
    if (filter.unitId) {
      params.push(filter.unitId);
      // `@>` can use the GIN index on path; the subtree is the unit and every unit below it.
      where.push(`u.unit_id IN (SELECT id FROM units WHERE organization_id = $1 AND path @> ARRAY[$${params.length}::uuid])`);
    }
    if (filter.role) {
      params.push(filter.role);
      where.push(`$${params.length} = ANY(u.roles)`);
    }
    if (filter.isLeader !== undefined) {
      params.push(filter.isLeader);
      where.push(`u.is_leader = $${params.length}`);
    }
    if (filter.employmentType) {
      params.push(filter.employmentType);
      where.push(`u.employment_type = $${params.length}`);
    }
    if (filter.training) {
      params.push(filter.training);
      where.push(`${TRAINING_STATUS_SQL} = $${params.length}`);
    }
    params.push(filter.status ?? 'active');
    where.push(`u.status = $${params.length}`);
    const condition = where.join(' AND ');
    // The organisation's today, once per statement, for the training status.
    const today = `CROSS JOIN (SELECT org_today($1) AS today) d`;
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT u.id, u.name, u.email, u.employee_number AS "employeeNumber", u.unit_id AS "unitId",
                un.name AS "unitName", u.is_leader AS "isLeader", u.gender, u.employment_type AS "employmentType",
                to_char(u.hire_date, 'YYYY-MM-DD') AS "hireDate", u.roles, u.status,
                (SELECT max(t.created_at) FROM password_tokens t
                  WHERE t.user_id = u.id AND t.purpose IN ('set', 'invite')) AS "invitedAt",
                (SELECT max(s.created_at) FROM sessions s WHERE s.user_id = u.id) AS "lastSignInAt",
                ${TRAINING_STATUS_SQL} AS "trainingStatus"
           FROM users u LEFT JOIN units un ON un.id = u.unit_id ${today}
          WHERE ${condition}
          ORDER BY u.name, u.id
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ) as Promise<PersonRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM users u ${today} WHERE ${condition}`, params) as Promise<
        { total: number }[]
      >,
    ]);
    return { items, total };
  }
}
