import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssignmentRulesService } from '../assignments/assignment-rules.service';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { csvCell, firstErrors, type LineError, parseCsv } from '../common/csv';
import { currentLanguage } from '../common/i18n/language';
import { translateMessage } from '../common/i18n/translate';
import type { PeopleImportResultDto } from './people.dto';
import { PeopleRepository, type ImportMatch, type ImportRecord } from './people.repository';
import { UNUSABLE_EMAIL } from './people.service';
import { duplicateKeyErrors, PERSON_COLUMNS, PERSON_TEMPLATE_EXAMPLE, type PersonRow, validatePersonRow } from './person-row';

/** A good line and what it will do: create a person, or update the one it matched. */
interface PlannedLine {
  row: PersonRow;
  unitId: string;
  targetId: string | null;
}

/**
 * The people CSV import: every line is checked in memory, matched against the database in one
 * query, then written with a few set-based statements in one transaction, so 100,000 lines take
 * seconds and a failure writes nothing.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly auditTrail: AuditTrailService,
    private readonly assignmentRules: AssignmentRulesService,
  ) {}

  template(): string {
    const columns = [...PERSON_COLUMNS.required, ...PERSON_COLUMNS.optional];
    return `${columns.join(',')}\r\n${columns.map((c) => csvCell(PERSON_TEMPLATE_EXAMPLE[c] ?? '')).join(',')}\r\n`;
  }

  async importPeople(
    actor: Actor,
    organizationId: string,
    text: string,
    options: { dryRun: boolean; skipInvalid: boolean },
  ): Promise<PeopleImportResultDto> {
    const csv = parseCsv(text, PERSON_COLUMNS);
    const errors: LineError[] = [...csv.headerErrors, ...csv.lineErrors];
    const shapeless = new Set(csv.lineErrors.map((e) => e.line));
    const rows: PersonRow[] = [];
    for (const record of csv.records) {
      const { row, errors: rowErrors } = validatePersonRow(record.line, record.values);
      errors.push(...rowErrors);
      if (row && !shapeless.has(row.line)) rows.push(row);
    }
    errors.push(...duplicateKeyErrors(rows));

    return this.dataSource.transaction(async (m) => {
      await this.people.lockImports(m, organizationId);
      const checked = await this.checkAgainstDatabase(m, organizationId, rows);
      errors.push(...checked.errors);
      const badLines = new Set(errors.map((e) => e.line));
      badLines.delete(1);
      const plan = checked.planned.filter((p) => !badLines.has(p.row.line));
      const creates = plan.filter((p) => p.targetId === null).map(toRecord);
      const updates = plan.filter((p) => p.targetId !== null).map(toRecord);
      const refused = csv.headerErrors.length > 0 || (badLines.size > 0 && !options.skipInvalid);
      const result = (created: number, updated: number, written: boolean): PeopleImportResultDto => ({
        created,
        updated,
        unchanged: refused ? 0 : updates.length - updated,
        skipped: badLines.size,
        errors: firstErrors(errors).map((e) => ({ ...e, message: translateMessage(e.message, currentLanguage()) })),
        errorCount: errors.length,
        written,
      });
      if (refused) return result(0, 0, false);
      if (options.dryRun) return result(creates.length, await this.people.countImportChanges(m, organizationId, updates), false);

      const updatedIds = await this.people.applyImportUpdates(m, organizationId, updates);
      const created = await this.people.insertImported(m, organizationId, creates);
      // No mail here: HR invites when the organisation is ready (POST /api/people/invitations).
      const outcome = result(created.length, updatedIds.length, true);
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'people.imported',
        targetType: 'organization',
        targetId: organizationId,
        details: {
          created: outcome.created,
          updated: outcome.updated,
          unchanged: outcome.unchanged,
          skipped: outcome.skipped,
        },
      });
      await this.applyRules(m, organizationId, [...created.map((p) => p.id), ...updatedIds]);
      return outcome;
    });
  }

  /**
   * Resolves unit codes and matches lines to existing people: by employee number within the
   * organisation, else by email. An email of any other account gets the neutral message.
   */
  private async checkAgainstDatabase(
    m: EntityManager,
    organizationId: string,
    rows: PersonRow[],
  ): Promise<{ planned: PlannedLine[]; errors: LineError[] }> {
    const errors: LineError[] = [];
    const units = new Map(
      (await this.people.lockUnits(m, organizationId, { codes: [...new Set(rows.map((r) => r.unitCode))] })).map((u) => [u.code, u]),
    );
    const matches = new Map<number, ImportMatch>(
      (
        await this.people.matchImportLines(
          m,
          organizationId,
          rows.map((r) => ({ line: r.line, employee_number: r.employeeNumber, email: r.email })),
        )
      ).map((match) => [match.line, match]),
    );
    const planned: PlannedLine[] = [];
    const claimedBy = new Map<string, number>();
    for (const row of rows) {
      const fail = (field: string, message: string) => errors.push({ line: row.line, field, message });
      const unit = units.get(row.unitCode);
      if (!unit) fail('unitCode', `there is no unit ${row.unitCode} in your organisation`);
      else if (unit.archived) fail('unitCode', `unit ${row.unitCode} is archived`);

      const match = matches.get(row.line);
      let targetId: string | null = null;
      if (match?.emailElsewhere) {
        fail('email', UNUSABLE_EMAIL);
      } else if (match?.numberMatchId) {
        targetId = match.numberMatchId;
        if (match.emailOwnerId && match.emailOwnerId !== targetId) fail('email', 'email is already used by another person of your organisation');
      } else if (match?.emailOwnerId) {
        targetId = match.emailOwnerId;
        if (row.employeeNumber !== null && match.emailOwnerNumber !== null) {
          fail('employeeNumber', `the person with this email has employee number ${match.emailOwnerNumber}`);
        }
      }
      if (targetId) {
        const first = claimedBy.get(targetId);
        if (first !== undefined) fail(row.employeeNumber ? 'employeeNumber' : 'email', `this is the same person as on line ${first}`);
        else claimedBy.set(targetId, row.line);
      }
      if (unit && !unit.archived) planned.push({ row, unitId: unit.id, targetId });
    }
    return { planned, errors };
  }

  /** New, changed and returning people get what the assignment rules give their audience. */
  private async applyRules(manager: EntityManager, organizationId: string, userIds: string[]): Promise<void> {
    await this.assignmentRules.applyForPeople(manager, organizationId, userIds);
  }
}

function toRecord(p: PlannedLine): ImportRecord {
  return {
    id: p.targetId ?? undefined,
    email: p.row.email,
    name: p.row.name,
    employee_number: p.row.employeeNumber,
    unit_id: p.unitId,
    is_leader: p.row.isLeader,
    gender: p.row.gender,
    employment_type: p.row.employmentType,
    hire_date: p.row.hireDate,
    locale: p.row.locale,
  };
}
