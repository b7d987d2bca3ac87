import type { LineError } from '../common/csv';

export const UNIT_COLUMNS = { required: ['code', 'name'], optional: ['parentCode'] } as const;

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/;
export const UNIT_CODE_RULE = 'code must be 1–60 letters, digits, dots, dashes, slashes or underscores, starting with a letter or digit';
export const UNIT_NAME_MAX = 200;

export interface UnitRow {
  line: number;
  code: string;
  name: string;
  parentCode: string | null;
}

/** A unit already in the organisation, as the import plan needs it. */
export interface ExistingUnit {
  code: string;
  name: string;
  parentCode: string | null;
  archived: boolean;
}

export interface UnitImportPlan {
  creates: UnitRow[];
  updates: UnitRow[];
  unchanged: number;
  errors: LineError[];
}

export function validateUnitRow(line: number, values: Record<string, string>): { row: UnitRow | null; errors: LineError[] } {
  const errors: LineError[] = [];
  const code = values['code'] ?? '';
  const name = values['name'] ?? '';
  const parentCode = values['parentCode'] || null;
  if (!code) errors.push({ line, field: 'code', message: 'code is required' });
  else if (!UNIT_CODE_PATTERN.test(code)) errors.push({ line, field: 'code', message: UNIT_CODE_RULE });
  if (!name) errors.push({ line, field: 'name', message: 'name is required' });
  else if (name.length > UNIT_NAME_MAX) errors.push({ line, field: 'name', message: `name must be at most ${UNIT_NAME_MAX} characters` });
  if (parentCode !== null && !UNIT_CODE_PATTERN.test(parentCode)) {
    errors.push({ line, field: 'parentCode', message: UNIT_CODE_RULE.replace(/^code/, 'parentCode') });
  }
  return errors.length ? { row: null, errors } : { row: { line, code, name, parentCode }, errors };
}

/**
 * Decides what each line does (create, move or rename, nothing) against the existing tree, and
 * refuses what would break it: duplicate codes, unknown or archived parents, and cycles. Parents
 * may come later in the file than their children.
 */
export function planUnitImport(rows: UnitRow[], existing: ExistingUnit[]): UnitImportPlan {
  const errors: LineError[] = [];
  const current = new Map(existing.map((u) => [u.code, u]));
  const inFile = new Map<string, UnitRow>();
  for (const row of rows) {
    const first = inFile.get(row.code);
    if (first) errors.push({ line: row.line, field: 'code', message: `code ${row.code} is already on line ${first.line}` });
    else if (current.get(row.code)?.archived) errors.push({ line: row.line, field: 'code', message: `code ${row.code} belongs to an archived unit` });
    else inFile.set(row.code, row);
  }

  for (const row of inFile.values()) {
    if (row.parentCode === null) continue;
    const fail = (message: string) => errors.push({ line: row.line, field: 'parentCode', message });
    if (row.parentCode === row.code) fail('a unit cannot be its own parent');
    else if (current.get(row.parentCode)?.archived) fail(`unit ${row.parentCode} is archived`);
    else if (!inFile.has(row.parentCode) && !current.has(row.parentCode)) fail(`there is no unit ${row.parentCode} in the file or in your organisation`);
  }

  // The tree as it would be: the file's parents override the existing ones.
  const parentOf = (code: string): string | null =>
    inFile.has(code) ? (inFile.get(code) as UnitRow).parentCode : (current.get(code)?.parentCode ?? null);
  for (const row of inFile.values()) {
    const chain = [row.code];
    const seen = new Set(chain);
    let code = parentOf(row.code);
    while (code !== null && !seen.has(code)) {
      seen.add(code);
      chain.push(code);
      code = parentOf(code);
    }
    // Back at this line's unit: it is in a cycle. (A cycle further up is reported on its own lines.)
    if (code === row.code && row.parentCode !== row.code) {
      errors.push({ line: row.line, field: 'parentCode', message: `this would make a cycle: ${[...chain, row.code].join(' → ')}` });
    }
  }

  const creates: UnitRow[] = [];
  const updates: UnitRow[] = [];
  let unchanged = 0;
  for (const row of inFile.values()) {
    const before = current.get(row.code);
    if (!before) creates.push(row);
    else if (before.name !== row.name || before.parentCode !== row.parentCode) updates.push(row);
    else unchanged++;
  }
  return { creates, updates, unchanged, errors };
}
