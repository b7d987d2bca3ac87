import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PersonDto } from './people.dto';
import type { EmploymentType, Gender, Locale } from './person-row';

export interface UnitRef {
  id: string;
  code: string;
  archived: boolean;
}

/** What the service needs of a person before changing them. */
export interface PersonState {
  id: string;
  email: string | null;
  employeeNumber: string | null;
  unitId: string | null;
  unitArchived: boolean;
  isLeader: boolean;
  status: 'active' | 'deactivated';
  hasPassword: boolean;
  name: string;
  locale: Locale;
}

export interface NewPerson {
  email: string | null;
  name: string;
  employeeNumber: string | null;
  unitId: string;
  isLeader: boolean;
  gender: Gender;
  employmentType: EmploymentType;
  hireDate: string | null;
  locale: Locale;
}

export type PersonPatch = Partial<NewPerson>;

/** A validated import line with its unit resolved, as the set-based statements read it. */
export interface ImportRecord {
  id?: string;
  email: string | null;
  name: string;
  employee_number: string | null;
  unit_id: string;
  is_leader: boolean | null;
  gender: Gender | null;
  employment_type: EmploymentType | null;
  hire_date: string | null;
  locale: Locale | null;
}

export interface ImportMatch {
  line: number;
  /** The person of this organisation with the line's employee number. */
  numberMatchId: string | null;
  /** The person of this organisation with the line's email. */
  emailOwnerId: string | null;
  emailOwnerNumber: string | null;
  /** The email belongs to an account outside this organisation (never said as such to the caller). */
  emailElsewhere: boolean;
}

const PERSON_COLUMNS = `u.id, u.name, u.email, u.employee_number AS "employeeNumber", u.unit_id AS "unitId",
  un.code AS "unitCode", un.name AS "unitName", u.is_leader AS "isLeader",
  to_char(u.leader_since, 'YYYY-MM-DD') AS "leaderSince", u.gender, u.employment_type AS "employmentType",
  to_char(u.hire_date, 'YYYY-MM-DD') AS "hireDate", u.locale, u.roles, u.status,
  u.deactivated_at AS "deactivatedAt", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

/** "Today" where the organisation is: when someone became a leader. */
const ORG_TODAY = `(SELECT org_today($1))`;

/** The new values of the matched people; blank cells (null) keep what the person has. */
const IMPORT_UPDATE_VALUES = `
  SELECT u.id, COALESCE(r.email, u.email) AS email, r.name, COALESCE(r.employee_number, u.employee_number) AS employee_number,
         r.unit_id, COALESCE(r.is_leader, u.is_leader) AS is_leader, u.is_leader AS was_leader,
         COALESCE(r.gender, u.gender) AS gender, COALESCE(r.employment_type, u.employment_type) AS employment_type,
         COALESCE(r.hire_date, u.hire_date) AS hire_date, COALESCE(r.locale, u.locale) AS locale
    FROM json_to_recordset($2::json) AS r(id uuid, email text, name text, employee_number text, unit_id uuid,
         is_leader boolean, gender text, employment_type text, hire_date date, locale text)
    JOIN users u ON u.id = r.id AND u.organization_id = $1`;
const IMPORT_CHANGED = `(u.email, u.name, u.employee_number, u.unit_id, u.is_leader, u.gender, u.employment_type, u.hire_date, u.locale)
  IS DISTINCT FROM (n.email, n.name, n.employee_number, n.unit_id, n.is_leader, n.gender, n.employment_type, n.hire_date, n.locale)`;

@Injectable()
export class PeopleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async getPerson(manager: EntityManager | null, organizationId: string, id: string): Promise<PersonDto | null> {
    const [row] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${PERSON_COLUMNS} FROM users u LEFT JOIN units un ON un.id = u.unit_id
        WHERE u.id = $1 AND u.organization_id = $2`,
      [id, organizationId],
    );
    return row ?? null;
  }

  /** Locks the person for the rest of the transaction. */
  async lockPerson(manager: EntityManager, organizationId: string, id: string): Promise<PersonState | null> {
    const [row] = await manager.query(
      `SELECT u.id, u.email, u.employee_number AS "employeeNumber", u.unit_id AS "unitId",
              COALESCE(un.archived_at IS NOT NULL, false) AS "unitArchived", u.is_leader AS "isLeader", u.status,
              u.password_hash IS NOT NULL AS "hasPassword", u.name, u.locale
         FROM users u LEFT JOIN units un ON un.id = u.unit_id
        WHERE u.id = $1 AND u.organization_id = $2
          FOR UPDATE OF u`,
      [id, organizationId],
    );
    return row ?? null;
  }

  /**
   * The organisation's units with these codes or ids, locked against archiving until the
   * transaction ends (archiving updates the same rows, so it waits or we see it archived).
   */
  async lockUnits(manager: EntityManager, organizationId: string, by: { codes?: string[]; ids?: string[] }): Promise<UnitRef[]> {
    return manager.query(
      `SELECT id, code, archived_at IS NOT NULL AS archived FROM units
        WHERE organization_id = $1 AND (code = ANY($2::text[]) OR id = ANY($3::uuid[]))
        ORDER BY id
          FOR SHARE`,
      [organizationId, by.codes ?? [], by.ids ?? []],
    );
  }

  /** True when any account on the platform, other than `exceptId`, has this email (any case). */
  async emailTaken(manager: EntityManager, email: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM users WHERE lower(email) = lower($1) AND ($2::uuid IS NULL OR id <> $2)`,
      [email, exceptId],
    );
    return rows.length > 0;
  }

  async employeeNumberTaken(manager: EntityManager, organizationId: string, employeeNumber: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM users WHERE organization_id = $1 AND employee_number = $2 AND ($3::uuid IS NULL OR id <> $3)`,
      [organizationId, employeeNumber, exceptId],
    );
    return rows.length > 0;
  }

  async insertPerson(manager: EntityManager, organizationId: string, person: NewPerson): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO users (organization_id, email, name, employee_number, unit_id, is_leader, leader_since, gender,
                          employment_type, hire_date, locale, roles)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 THEN ${ORG_TODAY} END, $7, $8, $9, $10, '{employee}')
       RETURNING id`,
      [
        organizationId,
        person.email,
        person.name,
        person.employeeNumber,
        person.unitId,
        person.isLeader,
        person.gender,
        person.employmentType,
        person.hireDate,
        person.locale,
      ],
    );
    return row.id;
  }

  /** Applies the given fields only; becoming a leader starts `leader_since` today, ceasing clears it. */
  async updatePerson(manager: EntityManager, organizationId: string, id: string, patch: PersonPatch): Promise<void> {
    const columns: Record<keyof NewPerson, string> = {
      email: 'email',
      name: 'name',
      employeeNumber: 'employee_number',
      unitId: 'unit_id',
      isLeader: 'is_leader',
      gender: 'gender',
      employmentType: 'employment_type',
      hireDate: 'hire_date',
      locale: 'locale',
    };
    const params: unknown[] = [organizationId, id];
    const sets = ['updated_at = now()'];
    for (const [key, column] of Object.entries(columns) as [keyof NewPerson, string][]) {
      if (patch[key] === undefined) continue;
      params.push(patch[key]);
      sets.push(`${column} = $${params.length}`);
      if (key === 'isLeader') {
        // The right-hand side reads the row as it was, so `is_leader` here is the old value.
        sets.push(`leader_since = CASE WHEN NOT $${params.length}::boolean THEN NULL WHEN is_leader THEN leader_since ELSE ${ORG_TODAY} END`);
      }
    }
    await manager.query(`UPDATE users SET ${sets.join(', ')} WHERE organization_id = $1 AND id = $2`, params);
  }

  async setStatus(manager: EntityManager, organizationId: string, id: string, status: 'active' | 'deactivated'): Promise<void> {
    await manager.query(
      `UPDATE users SET status = $3, deactivated_at = CASE WHEN $3 = 'deactivated' THEN now() END, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, status],
    );
  }

  /** One organisation's imports run one at a time, so two files cannot both create the same person. */
  async lockImports(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('aman.people-import:' || $1, 0))`, [organizationId]);
  }

  /** Finds, for each line, the person with its employee number and the account with its email. */
  matchImportLines(
    manager: EntityManager,
    organizationId: string,
    lines: { line: number; employee_number: string | null; email: string | null }[],
  ): Promise<ImportMatch[]> {
    return manager.query(
      `SELECT r.line, byNumber.id AS "numberMatchId",
              CASE WHEN byEmail.organization_id = $1 THEN byEmail.id END AS "emailOwnerId",
              CASE WHEN byEmail.organization_id = $1 THEN byEmail.employee_number END AS "emailOwnerNumber",
              (byEmail.id IS NOT NULL AND byEmail.organization_id IS DISTINCT FROM $1) AS "emailElsewhere"
         FROM json_to_recordset($2::json) AS r(line int, employee_number text, email text)
         LEFT JOIN users byNumber ON byNumber.organization_id = $1 AND byNumber.employee_number = r.employee_number
         LEFT JOIN users byEmail ON lower(byEmail.email) = lower(r.email)
        WHERE byNumber.id IS NOT NULL OR byEmail.id IS NOT NULL`,
      [organizationId, JSON.stringify(lines)],
    );
  }

  /** How many of the matched people the import would actually change (for a dry run). */
  async countImportChanges(manager: EntityManager, organizationId: string, records: ImportRecord[]): Promise<number> {
    if (!records.length) return 0;
    const [row] = await manager.query(
      `WITH n AS (${IMPORT_UPDATE_VALUES})
       SELECT count(*)::int AS n FROM n JOIN users u ON u.id = n.id WHERE ${IMPORT_CHANGED}`,
      [organizationId, JSON.stringify(records)],
    );
    return row.n;
  }

  /** Updates the matched people in one statement; returns the ids that changed. */
  async applyImportUpdates(manager: EntityManager, organizationId: string, records: ImportRecord[]): Promise<string[]> {
    if (!records.length) return [];
    const [rows]: [{ id: string }[], number] = await manager.query(
      `WITH n AS (${IMPORT_UPDATE_VALUES})
       UPDATE users u
          SET email = n.email, name = n.name, employee_number = n.employee_number, unit_id = n.unit_id,
              is_leader = n.is_leader,
              leader_since = CASE WHEN NOT n.is_leader THEN NULL WHEN n.was_leader THEN u.leader_since ELSE ${ORG_TODAY} END,
              gender = n.gender, employment_type = n.employment_type, hire_date = n.hire_date, locale = n.locale,
              updated_at = now()
         FROM n
        WHERE u.id = n.id AND ${IMPORT_CHANGED}
       RETURNING u.id`,
      [organizationId, JSON.stringify(records)],
    );
    return rows.map((r) => r.id);
  }

  /** Inserts the new people in one statement; blank cells take the column defaults. */
  insertImported(
    manager: EntityManager,
    organizationId: string,
    records: ImportRecord[],
  ): Promise<{ id: string; email: string | null; name: string; locale: Locale }[]> {
    if (!records.length) return Promise.resolve([]);
    return manager.query(
      `INSERT INTO users (organization_id, email, name, employee_number, unit_id, is_leader, leader_since, gender,
                          employment_type, hire_date, locale, roles)
       SELECT $1, r.email, r.name, r.employee_number, r.unit_id, COALESCE(r.is_leader, false),
              CASE WHEN r.is_leader THEN ${ORG_TODAY} END, COALESCE(r.gender, 'not_stated'),
              COALESCE(r.employment_type, 'permanent'), r.hire_date, COALESCE(r.locale, 'id'), '{employee}'
         FROM json_to_recordset($2::json) AS r(email text, name text, employee_number text, unit_id uuid,
              is_leader boolean, gender text, employment_type text, hire_date date, locale text)
       RETURNING id, email, name, locale`,
      [organizationId, JSON.stringify(records)],
    );
  }
}
