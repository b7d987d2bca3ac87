import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OrganizationDto, OrganizationSettingsDto, UnitDto } from './organizations.dto';

const ORG_COLUMNS = `id, name, code, time_zone AS "timeZone", created_at AS "createdAt"`;

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async codeExists(manager: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM organizations WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    org: { name: string; code: string; timeZone: string; settings?: object },
  ): Promise<OrganizationDto> {
    const [row] = await manager.query(
      `INSERT INTO organizations (name, code, time_zone, settings) VALUES ($1, $2, $3, $4) RETURNING ${ORG_COLUMNS}`,
      [org.name, org.code, org.timeZone, JSON.stringify(org.settings ?? {})],
    );
    return row;
  }

  listAll(): Promise<OrganizationDto[]> {
    return this.dataSource.query(`SELECT ${ORG_COLUMNS} FROM organizations ORDER BY name`);
  }

  listByIds(ids: string[]): Promise<OrganizationDto[]> {
    return this.dataSource.query(`SELECT ${ORG_COLUMNS} FROM organizations WHERE id = ANY($1::uuid[]) ORDER BY name`, [ids]);
  }

  async findById(id: string): Promise<OrganizationDto | null> {
    const [row] = await this.dataSource.query(`SELECT ${ORG_COLUMNS} FROM organizations WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Ordered so that every parent comes before its children. */
  getUnitTree(organizationId: string): Promise<UnitDto[]> {
    return this.dataSource.query(
      `SELECT id, code, name, parent_id AS "parentId" FROM units
        WHERE organization_id = $1 AND archived_at IS NULL
        ORDER BY cardinality(path), name`,
      [organizationId],
    );
  }

  async getSettings(organizationId: string): Promise<(OrganizationSettingsDto & { name: string }) | null> {
    const [row] = await this.dataSource.query(
      `SELECT name, time_zone AS "timeZone", settings FROM organizations WHERE id = $1`,
      [organizationId],
    );
    if (!row) return null;
    const s = row.settings ?? {};
    return {
      name: row.name,
      timeZone: row.timeZone,
      sopSteps: { id: s.sopSteps?.id ?? [], en: s.sopSteps?.en ?? [] },
      taskForce: s.taskForce ?? [],
      channels: s.channels ?? [],
      certificateSignatory: s.certificateSignatory ?? null,
    };
  }

  async updateSettings(manager: EntityManager, organizationId: string, settings: OrganizationSettingsDto): Promise<void> {
    const { timeZone, ...facts } = settings;
    await manager.query(`UPDATE organizations SET time_zone = $2, settings = settings || $3::jsonb WHERE id = $1`, [
      organizationId,
      timeZone,
      JSON.stringify(facts),
    ]);
  }
}
