import { BadRequestException } from '@nestjs/common';
import { csvCell, csvLine, csvText, neutraliseFormula, parseCsv } from './csv';

const columns = { required: ['code', 'name'], optional: ['parentCode'] } as const;

function badRequest(fn: () => unknown): { message: string; fields: { field: string }[] } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as { message: string; fields: { field: string }[] };
  }
  throw new Error('expected a 400');
}

describe('csvText', () => {
  it('takes a text body or a UTF-8 file', () => {
    expect(csvText('a,b', undefined)).toBe('a,b');
    expect(csvText({}, { buffer: Buffer.from('x,y'), size: 3 })).toBe('x,y');
  });

  it('refuses JSON bodies, binary files, other encodings and empty files', () => {
    expect(badRequest(() => csvText({ a: 1 }, undefined)).message).toMatch(/text\/csv/);
    expect(badRequest(() => csvText({}, { buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]), size: 5 })).message).toMatch(/not a CSV/);
    expect(badRequest(() => csvText({}, { buffer: Buffer.from([0x4e, 0xe9, 0x0a]), size: 3 })).message).toMatch(/UTF-8/);
    expect(badRequest(() => csvText('  \n', undefined)).message).toMatch(/empty/);
  });
});

describe('parseCsv', () => {
  it('maps columns in any order and case, counting the header as line 1', () => {
    const sut = parseCsv('\uFEFFName,CODE\nUmum,U1\n\n"Multi\nline",U2\nLast,U3\n', columns);
    expect(sut.headerErrors).toEqual([]);
    expect(sut.records).toEqual([
      { line: 2, values: { name: 'Umum', code: 'U1' } },
      { line: 4, values: { name: 'Multi\nline', code: 'U2' } },
      { line: 6, values: { name: 'Last', code: 'U3' } },
    ]);
  });

  it('reads semicolon-separated files as written by spreadsheets set to Indonesian', () => {
    expect(parseCsv('code;name\nU1;Umum, Keuangan\n', columns).records[0].values).toEqual({ code: 'U1', name: 'Umum, Keuangan' });
  });

  it('reports unknown and repeated columns on line 1', () => {
    const sut = parseCsv('code,name,colour,name\nU1,A,red,B\n', columns);
    expect(sut.headerErrors.map((e) => [e.line, e.field])).toEqual([
      [1, 'colour'],
      [1, 'name'],
    ]);
  });

  it('answers 400 naming missing required columns, or a missing header', () => {
    expect(badRequest(() => parseCsv('code,parentCode\nU1,\n', columns)).fields).toEqual([{ field: 'name', message: 'column name is missing from the header' }]);
    expect(badRequest(() => parseCsv('U1,Umum\nU2,Dua\n', columns)).message).toMatch(/header/);
    expect(badRequest(() => parseCsv('code,name\n"U1,unclosed\n', columns)).message).toMatch(/not valid CSV/);
  });

  it('flags a line with values outside the named columns', () => {
    const sut = parseCsv('code,name\nU1,A,extra\nU2,B,\n', columns);
    expect(sut.lineErrors).toEqual([{ line: 2, field: null, message: 'the line has 3 values but the header names 2 columns' }]);
    expect(sut.records).toHaveLength(2);
  });
});

describe('csvCell', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('-5')).toBe("'-5");
  });

  it('keeps numbers numbers and plain text as it is', () => {
    expect(csvLine([-5, 0.25, true, null, undefined, 'Budi Santoso', 'a,b'])).toBe('-5,0.25,true,,,Budi Santoso,"a,b"');
    expect(neutraliseFormula('Sekretariat')).toBe('Sekretariat');
  });
});
