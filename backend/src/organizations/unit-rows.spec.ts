import { type ExistingUnit, planUnitImport, type UnitRow, validateUnitRow } from './unit-rows';

const row = (line: number, code: string, parentCode: string | null = null, name = code): UnitRow => ({ line, code, name, parentCode });
const unit = (code: string, parentCode: string | null = null, archived = false, name = code): ExistingUnit => ({ code, name, parentCode, archived });

describe('validateUnitRow', () => {
  it('accepts a code, a name and an optional parent code', () => {
    expect(validateUnitRow(2, { code: 'SEK-UMUM', name: 'Umum', parentCode: '' })).toEqual({
      row: { line: 2, code: 'SEK-UMUM', name: 'Umum', parentCode: null },
      errors: [],
    });
  });

  it('names each bad field', () => {
    const sut = validateUnitRow(3, { code: 'has space', name: '', parentCode: '-bad' });
    expect(sut.row).toBeNull();
    expect(sut.errors.map((e) => e.field)).toEqual(['code', 'name', 'parentCode']);
  });
});

describe('planUnitImport', () => {
  it('creates children listed before their parents, and counts updates and unchanged units', () => {
    const sut = planUnitImport(
      [row(2, 'CHILD', 'PARENT'), row(3, 'PARENT', 'ROOT'), row(4, 'ROOT', null, 'Renamed'), row(5, 'SAME', 'ROOT')],
      [unit('ROOT'), unit('SAME', 'ROOT')],
    );
    expect(sut.errors).toEqual([]);
    expect(sut.creates.map((r) => r.code)).toEqual(['CHILD', 'PARENT']);
    expect(sut.updates.map((r) => r.code)).toEqual(['ROOT']);
    expect(sut.unchanged).toBe(1);
  });

  it('refuses duplicate codes, unknown and archived parents, archived codes and self-parents', () => {
    const sut = planUnitImport(
      [row(2, 'A'), row(3, 'A'), row(4, 'B', 'NOPE'), row(5, 'C', 'OLD'), row(6, 'OLD'), row(7, 'D', 'D')],
      [unit('OLD', null, true)],
    );
    expect(sut.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'code'],
      [6, 'code'],
      [4, 'parentCode'],
      [5, 'parentCode'],
      [7, 'parentCode'],
    ]);
  });

  it('finds cycles inside the file and through existing units', () => {
    const inFile = planUnitImport([row(2, 'A', 'B'), row(3, 'B', 'A')], []);
    expect(inFile.errors).toEqual([
      { line: 2, field: 'parentCode', message: 'this would make a cycle: A → B → A' },
      { line: 3, field: 'parentCode', message: 'this would make a cycle: B → A → B' },
    ]);
    // X is below Y today; moving Y below X closes a loop.
    const throughExisting = planUnitImport([row(2, 'Y', 'X')], [unit('Y'), unit('X', 'Y')]);
    expect(throughExisting.errors).toEqual([{ line: 2, field: 'parentCode', message: 'this would make a cycle: Y → X → Y' }]);
  });
});
