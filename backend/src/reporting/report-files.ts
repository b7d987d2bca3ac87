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

/** The same rows as an .xlsx workbook with a header row; the rates are numbers formatted as percentages. */
export async function completionXlsx(rows: readonly CompletionRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Aman';
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.columns = COLUMNS.map((key) => ({ header: key, key, width: key === 'group' ? 40 : key.endsWith('Id') ? 38 : 14 }));
  for (const r of rows) {
    sheet.addRow({
      group: neutraliseFormula(r.group),
      groupId: r.groupId ?? null,
      parentId: r.parentId ?? null,
      assigned: r.assigned,
      completed: r.completed,
      overdue: r.overdue,
      completionRate: r.completionRate,
      moduleCompletionRate: r.moduleCompletionRate,
      suppressed: r.suppressed,
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn('completionRate').numFmt = '0.0%';
  sheet.getColumn('moduleCompletionRate').numFmt = '0.0%';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
