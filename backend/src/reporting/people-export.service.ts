import { BadRequestException, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { csvLine, neutraliseFormula } from '../common/csv';
import { PEOPLE_EXPORT_COLUMNS, PEOPLE_EXPORT_TEXTS, humanCells, type Lang } from './people-export-texts';
import { PeopleExportRepository, type PeopleExportFilter } from './people-export.repository';

export interface PeopleExportQuery {
  module?: string;
  unitId?: string;
  status?: string;
  lang?: Lang;
}

export interface PeopleExportFile {
  filename: string;
  /** Writes the whole file to `out` and ends it; rejects when `out` closes first. */
  writeTo(out: Writable): Promise<void>;
}

function badField(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: `${field}: ${message}`, error: 'Bad Request', fields: [{ field, message: `${field}: ${message}` }] });
}

/** Waits for `out` to take more, or fails when the client went away. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('the client closed the connection'));
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', closed);
      resolve();
    };
    const closed = () => {
      out.off('drain', done);
      reject(new Error('the client closed the connection'));
    };
    out.on('drain', done);
    out.once('close', closed);
  });
}

/**
 * HR's per-person export: who completed what, when, with which score and module version, as CSV or
 * XLSX in the caller's language, streamed from a cursor so 100,000 people never sit in memory.
 */
@Injectable()
export class PeopleExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PeopleExportRepository,
    private readonly auditTrail: AuditTrailService,
  ) {}

  /** Checks the query and writes the trail entry; the file is written when the caller asks. */
  async prepare(actor: Actor, organizationId: string, query: PeopleExportQuery, format: 'csv' | 'xlsx'): Promise<PeopleExportFile> {
    if (query.module && !(await this.repository.moduleExists(query.module))) throw badField('module', `there is no module "${query.module}"`);
    if (query.unitId && !(await this.repository.unitOf(organizationId, query.unitId))) throw badField('unitId', 'there is no such unit in your organisation');
    const lang = query.lang ?? actor.locale;
    const filter: PeopleExportFilter = { module: query.module ?? null, unitId: query.unitId ?? null, status: query.status ?? null };
    await this.dataSource.transaction((m) =>
      this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'report.exported',
        targetType: 'report',
        targetId: 'people',
        details: { format, ...filter },
      }),
    );
    const [{ today }] = await this.dataSource.query(`SELECT to_char(org_today($1), 'YYYY-MM-DD') AS today`, [organizationId]);
    const filename = `${PEOPLE_EXPORT_TEXTS[lang].fileName}-${today}.${format}`;
    return {
      filename,
      writeTo: (out) => (format === 'csv' ? this.writeCsv(organizationId, filter, lang, out) : this.writeXlsx(organizationId, filter, lang, out)),
    };
  }

  private async writeCsv(organizationId: string, filter: PeopleExportFilter, lang: Lang, out: Writable): Promise<void> {
    const headers = PEOPLE_EXPORT_COLUMNS.map((c) => PEOPLE_EXPORT_TEXTS[lang].headers[c]);
    // The byte-order mark makes spreadsheet programs read the names as UTF-8.
    out.write(`\uFEFF${csvLine(headers)}\r\n`);
    for await (const batch of this.repository.batches(organizationId, filter)) {
      out.write(batch.map((row) => `${csvLine(humanCells(row, lang))}\r\n`).join(''));
      await drained(out);
    }
    out.end();
  }

  private async writeXlsx(organizationId: string, filter: PeopleExportFilter, lang: Lang, out: Writable): Promise<void> {
    const texts = PEOPLE_EXPORT_TEXTS[lang];
    // The streaming writer commits each row into the zip as it goes; shared strings would be kept in memory.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Aman';
    const sheet = workbook.addWorksheet(texts.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = PEOPLE_EXPORT_COLUMNS.map((key) => ({
      header: texts.headers[key],
      key,
      width: key === 'name' || key === 'module' ? 36 : key === 'unit' ? 28 : key === 'moduleVersion' ? 20 : 16,
      style: key === 'dueOn' || key === 'completedOn' ? { numFmt: 'yyyy-mm-dd' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    const dueIndex = PEOPLE_EXPORT_COLUMNS.indexOf('dueOn');
    const completedIndex = PEOPLE_EXPORT_COLUMNS.indexOf('completedOn');
    for await (const batch of this.repository.batches(organizationId, filter)) {
      for (const row of batch) {
        const cells = humanCells(row, lang).map((cell, i) => {
          // Calendar dates as real dates (midnight UTC of the organisation's date), so sorting and filtering work.
          if ((i === dueIndex || i === completedIndex) && typeof cell === 'string') return new Date(`${cell}T00:00:00Z`);
          return typeof cell === 'string' ? neutraliseFormula(cell) : cell;
        });
        sheet.addRow(cells).commit();
      }
      await drained(out);
    }
    sheet.commit();
    await workbook.commit();
  }
}
