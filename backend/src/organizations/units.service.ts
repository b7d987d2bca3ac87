import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { csvCell, firstErrors, type LineError, parseCsv } from '../common/csv';
import type { UnitDto } from './organizations.dto';
import { planUnitImport, UNIT_COLUMNS, type UnitRow, validateUnitRow } from './unit-rows';
import type { ArchiveUnitResultDto, CreateUnitDto, UnitImportResultDto, UpdateUnitDto } from './units.dto';
import { UnitsRepository, type UnitState } from './units.repository';

function parentError(message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: `parentId: ${message}`, fields: [{ field: 'parentId', message }] });
}

/** HR's changes to the unit tree; each one writes an audit entry in its own transaction. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsRepository,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async create(actor: Actor, organizationId: string, dto: CreateUnitDto): Promise<UnitDto> {
    return this.dataSource.transaction(async (m) => {
      await this.units.lockTree(m, organizationId);
      const parentId = dto.parentId ?? null;
      if (parentId) await this.activeParent(m, organizationId, parentId);
      const taken = await this.units.findCode(m, organizationId, dto.code);
      if (taken) {
        throw new ConflictException({
          statusCode: 409,
          // Whole sentences, so that each has its entry in the message catalogue.
          message: taken.archived
            ? `The code ${dto.code} is already used by an archived unit of your organisation`
            : `The code ${dto.code} is already used by another unit of your organisation`,
          fields: [{ field: 'code', message: 'code is already in use' }],
        });
      }
      const id = await this.units.insertUnit(m, { organizationId, parentId, code: dto.code, name: dto.name });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'unit.created',
        targetType: 'unit',
        targetId: id,
        details: { code: dto.code, name: dto.name, parentId },
      });
      return this.units.getUnit(m, organizationId, id);
    });
  }

  /** Renames and/or moves (with the whole subtree); never under itself or one of its descendants. */
  async update(actor: Actor, organizationId: string, id: string, dto: UpdateUnitDto): Promise<UnitDto> {
    return this.dataSource.transaction(async (m) => {
      await this.units.lockTree(m, organizationId);
      const unit = await this.units.findUnit(m, organizationId, id);
      if (!unit) throw new NotFoundException('Unit not found');
      if (unit.archived) throw new ConflictException('This unit is archived and can no longer be changed');
      const changed: string[] = [];
      if (dto.name !== undefined && dto.name !== unit.name) {
        await this.units.rename(m, organizationId, id, dto.name);
        changed.push('name');
      }
      const parentId = dto.parentId === undefined ? unit.parentId : dto.parentId;
      if (parentId !== unit.parentId) {
        if (parentId === id) throw new ConflictException('A unit cannot be moved under itself');
        if (parentId) {
          const parent = await this.activeParent(m, organizationId, parentId);
          if (parent.path.includes(id)) {
            throw new ConflictException(`A unit cannot be moved under one of its own sub-units (${parent.code} is below ${unit.code})`);
          }
        }
        await this.units.moveSubtree(m, organizationId, id, parentId);
        changed.push('parentId');
      }
      if (changed.length) {
        await this.auditTrail.append(m, {
          organizationId,
          actorId: actor.userId,
          action: 'unit.updated',
          targetType: 'unit',
          targetId: id,
          details: { changed, ...(changed.includes('parentId') ? { fromParentId: unit.parentId, toParentId: parentId } : {}) },
        });
      }
      return this.units.getUnit(m, organizationId, id);
    });
  }

  /** Archives the unit with its subtree, refused while active people are anywhere in it. */
  async archive(actor: Actor, organizationId: string, id: string): Promise<ArchiveUnitResultDto> {
    return this.dataSource.transaction(async (m) => {
      await this.units.lockTree(m, organizationId);
      const unit = await this.units.findUnit(m, organizationId, id);
      if (!unit) throw new NotFoundException('Unit not found');
      if (unit.archived) return { id, archivedUnits: 0 };
      // Archive first, count second: the update waits for people being added to these units, and
      // the count then sees them, so nobody slips into an archived unit.
      const archivedUnits = await this.units.archiveSubtree(m, organizationId, id);
      const activePeople = await this.units.countActivePeopleInSubtree(m, organizationId, id);
      if (activePeople > 0) {
        throw new ConflictException({
          statusCode: 409,
          message:
            activePeople === 1
              ? `${activePeople} active person is in this unit or its sub-units: move or deactivate them first`
              : `${activePeople} active people are in this unit or its sub-units: move or deactivate them first`,
          activePeople,
        });
      }
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'unit.archived',
        targetType: 'unit',
        targetId: id,
        details: { archivedUnits },
      });
      return { id, archivedUnits };
    });
  }

  template(): string {
    return `code,name,parentCode\r\n${['SEK-UMUM', 'Subbagian Umum dan Kepegawaian', 'SEKRETARIAT'].map(csvCell).join(',')}\r\n`;
  }

  /** All or nothing: any bad line and nothing is written. */
  async importUnits(actor: Actor, organizationId: string, text: string, options: { dryRun: boolean }): Promise<UnitImportResultDto> {
    const csv = parseCsv(text, UNIT_COLUMNS);
    const errors: LineError[] = [...csv.headerErrors, ...csv.lineErrors];
    const rows: UnitRow[] = [];
    for (const record of csv.records) {
      const { row, errors: rowErrors } = validateUnitRow(record.line, record.values);
      errors.push(...rowErrors);
      if (row) rows.push(row);
    }
    return this.dataSource.transaction(async (m) => {
      await this.units.lockTree(m, organizationId);
      const plan = planUnitImport(rows, await this.units.listForImport(m, organizationId));
      errors.push(...plan.errors);
      const result = (written: boolean): UnitImportResultDto => ({
        created: errors.length ? 0 : plan.creates.length,
        updated: errors.length ? 0 : plan.updates.length,
        unchanged: errors.length ? 0 : plan.unchanged,
        errors: firstErrors(errors),
        errorCount: errors.length,
        written,
      });
      if (errors.length || options.dryRun) return result(false);
      await this.units.applyImport(m, organizationId, plan.creates, [...plan.creates, ...plan.updates]);
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'units.imported',
        targetType: 'organization',
        targetId: organizationId,
        details: { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged },
      });
      return result(true);
    });
  }

  private async activeParent(m: EntityManager, organizationId: string, parentId: string): Promise<UnitState> {
    const parent = await this.units.findUnit(m, organizationId, parentId);
    if (!parent) throw parentError('there is no such unit in your organisation');
    if (parent.archived) throw parentError(`unit ${parent.code} is archived`);
    return parent;
  }
}
