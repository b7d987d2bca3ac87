import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * No request body of ours comes near this; a deeper one is an attack on the recursive code after the
 * parser (class-transformer, class-validator, our own walkers), refused before any of it runs.
 */
export const MAX_JSON_DEPTH = 32;

/** Field paths as the validation pipe writes them (`a.1.c`), with control characters made visible. */
const show = (key: string) => key.split('\u0000').join('\\u0000');
const join = (parent: string, key: string | number) => (parent ? `${parent}.${show(String(key))}` : show(String(key)));

function bad(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message, error: 'Bad Request', fields: [{ field, message }] });
}

/**
 * The first problem in a parsed JSON value or query: a NUL character (PostgreSQL cannot store it in
 * text, error 22021) or nesting deeper than MAX_JSON_DEPTH. One pass over what the parser made, so a
 * normal body costs a few microseconds.
 */
export function findInputProblem(value: unknown, path = '', depth = 0): { field: string; message: string } | null {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { field: path || 'body', message: `${path || 'body'} must not contain a NUL character (\\u0000)` } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_JSON_DEPTH) {
    const field = path || 'body';
    return { field, message: `${field} is nested more than ${MAX_JSON_DEPTH} levels deep` };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findInputProblem(value[i], join(path, i), depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const field = join(path, key);
    if (key.includes('\u0000')) return { field, message: `${field}: a field name must not contain a NUL character (\\u0000)` };
    const problem = findInputProblem((value as Record<string, unknown>)[key], field, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * Runs after the body parsers and before routing: refuses NUL characters in the path, the query and
 * JSON bodies, and too-deep JSON, with a 400 naming the field. CSV text bodies are left to csvText(),
 * which says what to do about a binary file.
 */
export function inputGuard(req: Request, _res: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return next(bad('path', 'The address is not valid percent-encoded UTF-8'));
  }
  if (path.includes('\u0000')) return next(bad('path', 'The address must not contain a NUL character (%00)'));
  const problem = findInputProblem(req.query, '', 0) ?? (typeof req.body === 'object' ? findInputProblem(req.body as unknown, '', 0) : null);
  if (problem) return next(bad(problem.field, problem.message));
  next();
}
