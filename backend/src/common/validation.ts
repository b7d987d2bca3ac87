import { type ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isLanguage } from './i18n/language';

export interface FieldError {
  field: string;
  message: string;
}

/** A 400 a service throws about one field, shaped like the validation pipe's: `field: message` and `fields`. */
export function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: `${field}: ${message}`, error: 'Bad Request', fields: [{ field, message }] });
}

/** The most basic problem first: "is missing" helps more than "is too long" for an absent field. */
const PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isBoolean',
  'isInt',
  'isNumber',
  'isArray',
  'isObject',
  'nestedValidation',
  'isEmail',
  'isUuid',
  'isIn',
  'isEnum',
  'isDateString',
  'isTimeZone',
  'matches',
];
const rank = (constraint: string) => {
  const i = PRIORITY.indexOf(constraint);
  return i === -1 ? PRIORITY.length : i;
};

/** One message per field, each naming its full path (e.g. `hrAdmin.email`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    const own = constraints.slice(0, 1).map(([, message]) => ({
      field,
      message: message.replace(new RegExp(`^(property )?${error.property}\\b`), (_, p: string | undefined) => `${p ?? ''}${field}`),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The first number in a validated DTO that is past the integers JavaScript holds exactly
 * (±2^53): `page=1e300` or `afterSeq=99999999999999999999` pass @IsInt() (they are integers to
 * JavaScript) and would reach PostgreSQL as out of range for bigint, or as a different number.
 */
export function findUnsafeNumber(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findUnsafeNumber(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

function badRequest(fields: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    message: fields.map((f) => f.message).join('; '),
    error: 'Bad Request',
    fields,
  });
}

const declaresLang = new WeakMap<object, boolean>();
/** Types the ValidationPipe passes through unvalidated: their query stays as it came. */
const UNVALIDATED: unknown[] = [String, Boolean, Number, Array, Object];

/**
 * `?lang=` belongs to every route (API.md: it chooses the language of what the caller reads, and
 * resolveLanguage reads it from the request), so a query DTO need not declare it: checked here once
 * (id or en, else 400 naming it) and left out of a DTO that has no use for it, instead of the
 * whitelist refusing it as an unknown property. A DTO that declares `lang` validates and gets it.
 */
function withoutUndeclaredLang(value: unknown, metatype: ArgumentMetadata['metatype']): unknown {
  if (!metatype || UNVALIDATED.includes(metatype) || value === null || typeof value !== 'object' || !Object.hasOwn(value, 'lang')) return value;
  let declared = declaresLang.get(metatype);
  if (declared === undefined) {
    declared = getMetadataStorage()
      .getTargetValidationMetadatas(metatype, '', true, false)
      .some((m) => m.propertyName === 'lang');
    declaresLang.set(metatype, declared);
  }
  if (declared) return value;
  const { lang, ...rest } = value as Record<string, unknown>;
  if (!isLanguage(lang)) throw badRequest([{ field: 'lang', message: 'lang must be one of: id, en' }]);
  return rest;
}

/** ValidationPipe that also refuses numbers too large to be exact (see findUnsafeNumber). */
class AmanValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const input = metadata.type === 'query' ? withoutUndeclaredLang(value, metadata.metatype) : value;
    const result: unknown = await super.transform(input, metadata);
    // Only what the client wrote: `custom` params are made by the server (the actor, an uploaded
    // file, whose Buffer walked byte by byte took 1.7 s of CPU per MB).
    if (metadata.type === 'custom') return result;
    const field = findUnsafeNumber(result, metadata.type === 'param' && metadata.data ? metadata.data : '');
    if (field !== null) throw badRequest([{ field: field || String(metadata.data ?? 'value'), message: `${field || metadata.data || 'value'} is out of range` }]);
    return result;
  }
}

/** Whitelists DTO properties, refuses unknown ones, and answers 400 naming every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new AmanValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => badRequest(flattenValidationErrors(errors)),
  });
}

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and zero-width characters
 * (U+200B–U+200D, U+2060, U+FEFF). In a name they make it display as something else than it is
 * ("Budi" reversed into another name on a certificate, two accounts that look the same in a list).
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/;

/** The first invisible or direction-changing character in the text, as `U+202E`, or null. */
export function invisibleCharacterIn(text: string): string | null {
  const found = INVISIBLE.exec(text);
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

export const invisibleCharacterMessage = (field: string, code: string) =>
  `${field} must not contain invisible or text-direction control characters (found ${code})`;

/** For people's, organisations' and partners' names: refuses what invisibleCharacterIn finds. */
export function IsVisibleText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVisibleText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || invisibleCharacterIn(value) === null,
        defaultMessage: (args) => invisibleCharacterMessage(args?.property ?? 'value', invisibleCharacterIn(String(args?.value)) ?? ''),
      },
    },
    options,
  );
}
