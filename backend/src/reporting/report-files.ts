import ExcelJS from 'exceljs';
import { csvLine, neutraliseFormula } from '../common/csv';
import type { CompletionRow } from './reporting.service';

const COLUMNS = ['group', 'groupId', 'parentId', 'assigned', 'completed', 'overdue', 'completionRate', 'moduleCompletionRate', 'suppressed'] as const;

const rate = (value: number | null) => (value === null ? null : Math.round(value * 10000) / 10000);

/** The report rows as CSV: hidden numbers are empty cells, `suppressed` says why. */
export function completionCsv(rows: readonly CompletionRow[]): string {
  const lines = rows.map((r) =>
    csvLine([r.group, r.groupId, r.parentId, r.assigned, r.completed, r.overdue, rate(r.completionRate), rate(r.moduleCompletionRate), r.suppressed]),
  );
  // The byte-order mark makes spreadsheet programs read the names as UTF-8.
  return `\uFEFF${[COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

const XLSX_TEXT = {
  id: {
    sheet: 'Penyelesaian',
    headers: ['Kelompok', 'Ditugaskan', 'Selesai', 'Terlambat', 'Orang yang menyelesaikan semua', 'Modul yang diselesaikan', 'Disembunyikan (kelompok kecil)'],
    yes: 'ya',
    no: 'tidak',
  },
  en: {
    sheet: 'Completion',
    headers: ['Group', 'Assigned', 'Completed', 'Overdue', 'People who completed all', 'Modules completed', 'Hidden (small group)'],
    yes: 'yes',
    no: 'no',
  },
} as const;

/**
 * The same rows as an .xlsx workbook for people to read: headers and yes/no in the reader's
 * language, rates as percentages, no ids (completion.csv is the machine file with English keys and ids).
 */
export async function completionXlsx(rows: readonly CompletionRow[], lang: 'id' | 'en'): Promise<Buffer> {
  const text = XLSX_TEXT[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Aman';
  const sheet = workbook.addWorksheet(text.sheet);
  const widths = [40, 12, 12, 12, 18, 18, 18];
  sheet.columns = text.headers.map((header, i) => ({ header, width: widths[i] }));
  for (const r of rows) {
    sheet.addRow([
      neutraliseFormula(r.group),
      r.assigned,
      r.completed,
      r.overdue,
      r.completionRate,
      r.moduleCompletionRate,
      r.suppressed ? text.yes : text.no,
    ]);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(5).numFmt = '0.0%';
  sheet.getColumn(6).numFmt = '0.0%';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
