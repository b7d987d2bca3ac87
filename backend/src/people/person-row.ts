import { isEmail } from 'class-validator';
import type { LineError } from '../common/csv';
import { invisibleCharacterIn, invisibleCharacterMessage } from '../common/validation';
import { EMPLOYMENT_TYPES } from '../identity/identity.dto';

export { EMPLOYMENT_TYPES };

export const GENDERS = ['female', 'male', 'not_stated'] as const;
export const LOCALES = ['id', 'en'] as const;
export type Gender = (typeof GENDERS)[number];
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export type Locale = (typeof LOCALES)[number];

export const PERSON_COLUMNS = {
  required: ['email', 'name', 'employeeNumber', 'unitCode', 'isLeader', 'gender', 'employmentType', 'hireDate'],
  optional: ['locale'],
} as const;

export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const EMPLOYEE_NUMBER_MAX = 60;
export const UNIT_CODE_MAX = 60;

/**
 * One valid line of a people import. A null value means the cell was blank: the default for a new
 * person, the current value for an existing one.
 */
export interface PersonRow {
  line: number;
  email: string | null;
  name: string;
  employeeNumber: string | null;
  unitCode: string;
  isLeader: boolean | null;
  gender: Gender | null;
  employmentType: EmploymentType | null;
  hireDate: string | null;
  locale: Locale | null;
}

const CONTROL = /\p{Cc}/u;

/** A real calendar date written YYYY-MM-DD, between 1900 and 2100. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  const lower = value.toLowerCase();
  return allowed.find((a) => a === lower);
}

/** Checks one line on its own (format only; units and existing people are checked in the database). */
export function validatePersonRow(line: number, values: Record<string, string>): { row: PersonRow | null; errors: LineError[] } {
  const errors: LineError[] = [];
  const fail = (field: string, message: string) => errors.push({ line, field, message });
  const cell = (name: string) => values[name] ?? '';

  const name = cell('name');
  if (!name) fail('name', 'name is required');
  else if (name.length > NAME_MAX) fail('name', `name must be at most ${NAME_MAX} characters`);
  else if (CONTROL.test(name)) fail('name', 'name must not contain control characters');
  else if (invisibleCharacterIn(name) !== null) fail('name', invisibleCharacterMessage('name', invisibleCharacterIn(name) ?? ''));

  const email = cell('email') || null;
  if (email !== null) {
    if (email.length > EMAIL_MAX) fail('email', `email must be at most ${EMAIL_MAX} characters`);
    else if (!isEmail(email)) fail('email', 'email must be an email address');
  }

  const employeeNumber = cell('employeeNumber') || null;
  if (employeeNumber !== null) {
    if (employeeNumber.length > EMPLOYEE_NUMBER_MAX) fail('employeeNumber', `employeeNumber must be at most ${EMPLOYEE_NUMBER_MAX} characters`);
    else if (CONTROL.test(employeeNumber)) fail('employeeNumber', 'employeeNumber must not contain control characters');
  } else if (email === null) {
    fail('employeeNumber', 'employeeNumber or email is required to recognise the person in later imports');
  }

  const unitCode = cell('unitCode');
  if (!unitCode) fail('unitCode', 'unitCode is required');
  else if (unitCode.length > UNIT_CODE_MAX) fail('unitCode', `unitCode must be at most ${UNIT_CODE_MAX} characters`);

  let isLeader: boolean | null = null;
  const leader = cell('isLeader').toLowerCase();
  if (leader === 'true') isLeader = true;
  else if (leader === 'false') isLeader = false;
  else if (leader !== '') fail('isLeader', 'isLeader must be true or false');

  const gender = cell('gender') ? (oneOf(cell('gender'), GENDERS) ?? null) : null;
  if (cell('gender') && !gender) fail('gender', `gender must be one of: ${GENDERS.join(', ')}`);

  const employmentType = cell('employmentType') ? (oneOf(cell('employmentType'), EMPLOYMENT_TYPES) ?? null) : null;
  if (cell('employmentType') && !employmentType) fail('employmentType', `employmentType must be one of: ${EMPLOYMENT_TYPES.join(', ')}`);

  const hireDate = cell('hireDate') || null;
  if (hireDate !== null && !isCalendarDate(hireDate)) fail('hireDate', 'hireDate must be a date written YYYY-MM-DD');

  const locale = cell('locale') ? (oneOf(cell('locale'), LOCALES) ?? null) : null;
  if (cell('locale') && !locale) fail('locale', `locale must be one of: ${LOCALES.join(', ')}`);

  if (errors.length) return { row: null, errors };
  return { row: { line, email, name, employeeNumber, unitCode, isLeader, gender, employmentType, hireDate, locale }, errors };
}

/** The same employee number or email (any case) twice in one file: every later line is an error. */
export function duplicateKeyErrors(rows: PersonRow[]): LineError[] {
  const errors: LineError[] = [];
  const numbers = new Map<string, number>();
  const emails = new Map<string, number>();
  for (const row of rows) {
    if (row.employeeNumber !== null) {
      const first = numbers.get(row.employeeNumber);
      if (first !== undefined) errors.push({ line: row.line, field: 'employeeNumber', message: `employeeNumber ${row.employeeNumber} is already on line ${first}` });
      else numbers.set(row.employeeNumber, row.line);
    }
    if (row.email !== null) {
      const key = row.email.toLowerCase();
      const first = emails.get(key);
      if (first !== undefined) errors.push({ line: row.line, field: 'email', message: `this email is already on line ${first}` });
      else emails.set(key, row.line);
    }
  }
  return errors;
}

export const PERSON_TEMPLATE_EXAMPLE: Record<string, string> = {
  email: 'siti.rahma@contoh.go.id',
  name: 'Siti Rahmawati',
  employeeNumber: '198703152010012001',
  unitCode: 'SEKRETARIAT',
  isLeader: 'false',
  gender: 'female',
  employmentType: 'permanent',
  hireDate: '2010-01-04',
  locale: 'id',
};
