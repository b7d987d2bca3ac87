import { duplicateKeyErrors, isCalendarDate, type PersonRow, validatePersonRow } from './person-row';

const good = {
  email: 'Siti@Contoh.go.id',
  name: 'Siti Rahmawati',
  employeeNumber: 'E-1',
  unitCode: 'SEK',
  isLeader: 'TRUE',
  gender: 'Female',
  employmentType: 'contract',
  hireDate: '2024-02-29',
  locale: 'en',
};

describe('validatePersonRow', () => {
  it('accepts a complete line, normalising enum cells to lower case', () => {
    const sut = validatePersonRow(2, good);
    expect(sut.errors).toEqual([]);
    expect(sut.row).toEqual({
      line: 2,
      email: 'Siti@Contoh.go.id',
      name: 'Siti Rahmawati',
      employeeNumber: 'E-1',
      unitCode: 'SEK',
      isLeader: true,
      gender: 'female',
      employmentType: 'contract',
      hireDate: '2024-02-29',
      locale: 'en',
    });
  });

  it('turns blank optional cells into null (default for new people, kept for existing ones)', () => {
    const sut = validatePersonRow(3, { ...good, email: '', isLeader: '', gender: '', employmentType: '', hireDate: '', locale: '' });
    expect(sut.errors).toEqual([]);
    expect(sut.row).toMatchObject({ email: null, isLeader: null, gender: null, employmentType: null, hireDate: null, locale: null });
  });

  it('names the line and every bad field', () => {
    const sut = validatePersonRow(7, {
      email: 'not-an-email',
      name: '',
      employeeNumber: 'E-2',
      unitCode: '',
      isLeader: 'yes',
      gender: 'other',
      employmentType: 'freelance',
      hireDate: '2023-02-29',
      locale: 'fr',
    });
    expect(sut.row).toBeNull();
    expect(sut.errors.map((e) => [e.line, e.field])).toEqual([
      [7, 'name'],
      [7, 'email'],
      [7, 'unitCode'],
      [7, 'isLeader'],
      [7, 'gender'],
      [7, 'employmentType'],
      [7, 'hireDate'],
      [7, 'locale'],
    ]);
    expect(sut.errors.find((e) => e.field === 'gender')?.message).toBe('gender must be one of: female, male, not_stated');
  });

  it('needs an employee number or an email to recognise the person later', () => {
    const sut = validatePersonRow(4, { ...good, email: '', employeeNumber: '' });
    expect(sut.errors).toEqual([{ line: 4, field: 'employeeNumber', message: expect.stringMatching(/employeeNumber or email/) }]);
  });

  it('refuses over-long values', () => {
    const sut = validatePersonRow(5, { ...good, name: 'x'.repeat(201), employeeNumber: 'n'.repeat(61) });
    expect(sut.errors.map((e) => e.field)).toEqual(['name', 'employeeNumber']);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['24-01-01', false],
    ['2024-1-1', false],
    ['1899-12-31', false],
  ])('%s → %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe('duplicateKeyErrors', () => {
  const row = (line: number, employeeNumber: string | null, email: string | null): PersonRow => ({
    line,
    email,
    name: 'X',
    employeeNumber,
    unitCode: 'U',
    isLeader: null,
    gender: null,
    employmentType: null,
    hireDate: null,
    locale: null,
  });

  it('reports every later line repeating an employee number or an email (any case)', () => {
    const sut = duplicateKeyErrors([row(2, 'A', 'a@x.id'), row(3, 'A', 'b@x.id'), row(4, 'C', 'A@X.ID'), row(5, null, null)]);
    expect(sut).toEqual([
      { line: 3, field: 'employeeNumber', message: 'employeeNumber A is already on line 2' },
      { line: 4, field: 'email', message: 'this email is already on line 2' },
    ]);
  });
});
