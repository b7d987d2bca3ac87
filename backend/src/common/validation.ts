import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
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

/** Whitelists DTO properties, refuses unknown ones, and answers 400 naming every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new BadRequestException({
        statusCode: 400,
        message: fields.map((f) => f.message).join('; '),
        error: 'Bad Request',
        fields,
      });
    },
  });
}
