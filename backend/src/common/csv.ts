import { BadRequestException } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse/sync';

/** The part of a multer file the imports read (multer's own types are not installed). */
export interface UploadedCsvFile {
  buffer: Buffer;
  size: number;
  originalname?: string;
  mimetype?: string;
}

/** The same as the text/csv body limit in bootstrap.ts: 100,000 people fit with room to spare. */
export const CSV_UPLOAD_LIMIT_BYTES = 60 * 1024 * 1024;

/** A problem on one line of an import; `field` is null when the line as a whole is wrong. */
export interface LineError {
  line: number;
  field: string | null;
  message: string;
}

export interface CsvRecord {
  /** Physical line where the record starts; the header is line 1. */
  line: number;
  /** Trimmed values by canonical column name; a column absent from the header is absent here. */
  values: Record<string, string>;
}

export interface ParsedCsv {
  records: CsvRecord[];
  /** Problems with the header that do not stop reading it (unknown or repeated columns), on line 1. */
  headerErrors: LineError[];
  /** Lines whose shape is wrong (values outside any named column). */
  lineErrors: LineError[];
}

function badFile(message: string, field = 'file'): BadRequestException {
  return new BadRequestException({ statusCode: 400, message, fields: [{ field, message }] });
}

/** The CSV text from a text/csv body or a multipart `file`; anything else is not a CSV upload. */
export function csvText(body: unknown, file: UploadedCsvFile | undefined): string {
  let text: string;
  if (file) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
    } catch {
      throw badFile('The file is not UTF-8 text: save it as "CSV UTF-8"');
    }
  } else if (typeof body === 'string') {
    text = body;
  } else {
    throw badFile('Send the CSV as a text/csv body or as a multipart upload in the field "file"');
  }
  // Body-parser turns invalid UTF-8 into U+FFFD; NUL bytes mean a binary file (xlsx, pdf, zip).
  if (text.includes('\u0000')) throw badFile('This is not a CSV file: export the sheet as "CSV UTF-8" first');
  if (text.includes('\uFFFD')) throw badFile('The file is not UTF-8 text: save it as "CSV UTF-8"');
  if (text.trim() === '') throw badFile('The file is empty: it needs a header row and one line per record');
  return text;
}

/** Spreadsheets set to Indonesian write `;` between values because `,` is their decimal mark. */
function detectDelimiter(text: string): ',' | ';' {
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  return first.includes(';') && !first.includes(',') ? ';' : ',';
}

/**
 * Reads a CSV whose header names the columns (any order, case-insensitive). A missing required
 * column or a file that is not CSV answers 400; unknown or repeated columns are reported on line 1.
 */
export function parseCsv(text: string, columns: { required: readonly string[]; optional?: readonly string[] }): ParsedCsv {
  const known = [...columns.required, ...(columns.optional ?? [])];
  const byLowerName = new Map(known.map((c) => [c.toLowerCase(), c]));
  let parsed: string[][];
  try {
    // Empty lines stay as records so that line numbers match what an editor shows.
    parsed = parse(text, { delimiter: detectDelimiter(text), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) throw badFile(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
  if (parsed.length === 0) throw badFile('The file is empty: it needs a header row and one line per record');

  const header = parsed[0].map((cell) => cell.trim());
  const positions: (string | null)[] = [];
  const headerErrors: LineError[] = [];
  const seen = new Set<string>();
  header.forEach((cell, index) => {
    const name = byLowerName.get(cell.toLowerCase()) ?? null;
    if (cell === '') {
      positions.push(null);
    } else if (!name) {
      positions.push(null);
      headerErrors.push({ line: 1, field: cell, message: `unknown column "${cell}"; the columns are: ${known.join(', ')}` });
    } else if (seen.has(name)) {
      positions.push(null);
      headerErrors.push({ line: 1, field: name, message: `column ${name} appears more than once (column ${index + 1})` });
    } else {
      seen.add(name);
      positions.push(name);
    }
  });
  if (seen.size === 0) {
    throw badFile(`The first line must be the header naming the columns: ${known.join(', ')}`);
  }
  const missing = columns.required.filter((c) => !seen.has(c));
  if (missing.length) {
    const message = `The header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
    throw new BadRequestException({
      statusCode: 400,
      message,
      fields: missing.map((c) => ({ field: c, message: `column ${c} is missing from the header` })),
    });
  }

  const records: CsvRecord[] = [];
  const lineErrors: LineError[] = [];
  // A record starts on the line after the previous one ends; only quoted values span lines.
  let line = 1 + linesSpanned(parsed[0]);
  for (let i = 1; i < parsed.length; i++) {
    const record = parsed[i];
    const start = line;
    line += linesSpanned(record);
    if (record.every((cell) => cell.trim() === '')) continue;
    const values: Record<string, string> = {};
    let stray = false;
    record.forEach((cell, index) => {
      const name = index < positions.length ? positions[index] : null;
      const value = cell.trim();
      if (name) values[name] = value;
      else if (value !== '' && (index >= header.length || header[index] === '')) stray = true;
    });
    for (const name of seen) values[name] ??= '';
    if (stray) {
      lineErrors.push({ line: start, field: null, message: `the line has ${record.length} values but the header names ${header.filter((h) => h).length} columns` });
    }
    records.push({ line: start, values });
  }
  return { records, headerErrors, lineErrors };
}

function linesSpanned(record: string[]): number {
  let lines = 1;
  for (const cell of record) {
    if (!cell.includes('\n')) continue;
    for (const char of cell) if (char === '\n') lines++;
  }
  return lines;
}

/** Errors in line order, at most `limit` of them, so a wholly wrong 100,000-line file stays readable. */
export function firstErrors(errors: LineError[], limit = 1000): LineError[] {
  return [...errors].sort((a, b) => a.line - b.line).slice(0, limit);
}

/**
 * Spreadsheet programs run a text cell that starts with one of these as a formula (CSV injection,
 * e.g. `=HYPERLINK(...)` in a person's name or a unit). OWASP's rule: prefix such text with `'`,
 * which spreadsheets show as text and do not display.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet must see it: formula starts neutralised. Also for XLSX text cells. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV cell: numbers and booleans as they are (a negative number stays a number), null/undefined
 * empty, text neutralised against formulas and quoted when it needs it. Every CSV writer goes
 * through this (or csvLine).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  const text = neutraliseFormula(value);
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line (without its line break) from cell values. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}
