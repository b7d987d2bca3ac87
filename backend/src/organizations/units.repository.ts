import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UnitDto } from './organizations.dto';
import type { ExistingUnit, UnitRow } from './unit-rows';

export interface UnitState extends UnitDto {
  path: string[];
  archived: boolean;
}

const UNIT_COLUMNS = `id, code, name, parent_id AS "parentId"`;

@Injectable()
export class UnitsRepository {
  /**
   * Changes to one organisation's tree (create, move, archive, import) run one at a time, so two
   * concurrent moves cannot together make a cycle that neither would alone.
   */
  async lockTree(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('aman.units:' || $1, 0))`, [organizationId]);
  }

  async findUnit(manager: EntityManager, organizationId: string, id: string): Promise<UnitState | null> {
    const [row] = await manager.query(
      `SELECT ${UNIT_COLUMNS}, path, archived_at IS NOT NULL AS archived FROM units WHERE id = $1 AND organization_id = $2`,
      [id, organizationId],
    );
    return row ?? null;
  }

  async getUnit(manager: EntityManager, organizationId: string, id: string): Promise<UnitDto> {
    const [row] = await manager.query(`SELECT ${UNIT_COLUMNS} FROM units WHERE id = $1 AND organization_id = $2`, [id, organizationId]);
    return row;
  }

  /** null when the code is free; archived units keep their codes. */
  async findCode(manager: EntityManager, organizationId: string, code: string): Promise<{ archived: boolean } | null> {
    const [row] = await manager.query(
      `SELECT archived_at IS NOT NULL AS archived FROM units WHERE organization_id = $1 AND code = $2`,
      [organizationId, code],
    );
    return row ?? null;
  }

  /** Inserts a unit with its materialised path (root → self), computed from the parent's. */
  async insertUnit(
    manager: EntityManager,
    unit: { organizationId: string; parentId: string | null; code: string; name: string },
  ): Promise<string> {
    const [row] = await manager.query(
      `WITH new_id AS (SELECT gen_random_uuid() AS id)
       INSERT INTO units (id, organization_id, parent_id, code, name, path)
       SELECT n.id, $1, $2, $3, $4,
              COALESCE((SELECT path FROM units WHERE id = $2 AND organization_id = $1), '{}'::uuid[]) || n.id
         FROM new_id n
       RETURNING id`,
      [unit.organizationId, unit.parentId, unit.code, unit.name],
    );
    return row.id;
  }

  async rename(manager: EntityManager, organizationId: string, id: string, name: string): Promise<void> {
    await manager.query(`UPDATE units SET name = $3 WHERE organization_id = $1 AND id = $2`, [organizationId, id, name]);
  }

  /**
   * Moves the unit and its whole subtree in one statement: every path that contains the unit keeps
   * its part from the unit down and gets the new parent's path in front.
   */
  async moveSubtree(manager: EntityManager, organizationId: string, id: string, parentId: string | null): Promise<number> {
    const [, moved]: [unknown, number] = await manager.query(
      `UPDATE units u
          SET path = COALESCE((SELECT p.path FROM units p WHERE p.id = $3 AND p.organization_id = $1), '{}'::uuid[])
                     || u.path[array_position(u.path, $2::uuid):],
              parent_id = CASE WHEN u.id = $2 THEN $3::uuid ELSE u.parent_id END
        WHERE u.organization_id = $1 AND u.path @> ARRAY[$2::uuid]`,
      [organizationId, id, parentId],
    );
    return moved;
  }

  /** Archives the unit and everything below it that is not archived yet; returns how many. */
  async archiveSubtree(manager: EntityManager, organizationId: string, id: string): Promise<number> {
    const [, archived]: [unknown, number] = await manager.query(
      `UPDATE units SET archived_at = now()
        WHERE organization_id = $1 AND path @> ARRAY[$2::uuid] AND archived_at IS NULL`,
      [organizationId, id],
    );
    return archived;
  }

  async countActivePeopleInSubtree(manager: EntityManager, organizationId: string, id: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM users u
         JOIN units un ON un.id = u.unit_id
        WHERE u.organization_id = $1 AND u.status = 'active' AND un.organization_id = $1 AND un.path @> ARRAY[$2::uuid]`,
      [organizationId, id],
    );
    return row.n;
  }

  /** Every unit of the organisation with its parent's code: a tree is thousands of units at most. */
  listForImport(manager: EntityManager, organizationId: string): Promise<ExistingUnit[]> {
    return manager.query(
      `SELECT u.code, u.name, p.code AS "parentCode", u.archived_at IS NOT NULL AS archived
         FROM units u LEFT JOIN units p ON p.id = u.parent_id
        WHERE u.organization_id = $1`,
      [organizationId],
    );
  }

  /**
   * Writes an import in three statements: insert the new units, set every listed unit's name and
   * parent, then recompute the organisation's paths from the roots down.
   */
  async applyImport(manager: EntityManager, organizationId: string, creates: UnitRow[], rows: UnitRow[]): Promise<void> {
    const json = (list: UnitRow[]) => JSON.stringify(list.map((r) => ({ code: r.code, name: r.name, parent_code: r.parentCode })));
    if (creates.length) {
      await manager.query(
        `WITH r AS (SELECT gen_random_uuid() AS id, code, name FROM json_to_recordset($2::json) AS r(code text, name text))
         INSERT INTO units (id, organization_id, code, name, path) SELECT r.id, $1, r.code, r.name, ARRAY[r.id] FROM r`,
        [organizationId, json(creates)],
      );
    }
    await manager.query(
      `UPDATE units u SET name = r.name, parent_id = p.id
         FROM json_to_recordset($2::json) AS r(code text, name text, parent_code text)
         LEFT JOIN units p ON p.organization_id = $1 AND p.code = r.parent_code
        WHERE u.organization_id = $1 AND u.code = r.code`,
      [organizationId, json(rows)],
    );
    await manager.query(
      `WITH RECURSIVE tree AS (
         SELECT id, ARRAY[id] AS path FROM units WHERE organization_id = $1 AND parent_id IS NULL
         UNION ALL
         SELECT c.id, t.path || c.id FROM units c JOIN tree t ON c.parent_id = t.id
       )
       UPDATE units u SET path = tree.path FROM tree WHERE u.id = tree.id AND u.path IS DISTINCT FROM tree.path`,
      [organizationId],
    );
  }
}
