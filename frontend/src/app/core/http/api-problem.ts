import { HttpErrorResponse } from '@angular/common/http';
import { Signal, computed } from '@angular/core';

/** What went wrong with an API call, ready to show: the status and the server's own messages. */
export interface ApiProblem {
  /** HTTP status; 0 when the server could not be reached, -1 when it was not an HTTP failure. */
  status: number;
  /** The server's `message` (a string or string[] in the API); empty for 5xx and network failures. */
  messages: string[];
}

export function toApiProblem(error: unknown): ApiProblem {
  if (!(error instanceof HttpErrorResponse))
    return { status: -1, messages: [] };
  const status = error.status;
  if (status === 0 || status >= 500) return { status, messages: [] };
  return { status, messages: serverMessages(error.error) };
}

/**
 * The problem of a resource's last load, or null while it loads or has loaded:
 * `protected readonly loadProblem = problemOf(this.people);`
 */
export function problemOf(resource: {
  error: () => unknown;
}): Signal<ApiProblem | null> {
  return computed(() => {
    const error = resource.error();
    return error ? toApiProblem(error) : null;
  });
}

export function statusOf(error: unknown): number | null {
  return error instanceof HttpErrorResponse ? error.status : null;
}

function serverMessages(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !('message' in body))
    return [];
  const message = (body as { message: unknown }).message;
  if (typeof message === 'string') return message ? [message] : [];
  if (Array.isArray(message))
    return message.filter((m): m is string => typeof m === 'string');
  return [];
}

/** One rejected field of a 400 answer; `field` is a path such as `taskForce.0.contact`. */
export interface FieldError {
  field: string;
  message: string;
}

/** The `fields` of an error answer (400 validation), or none. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof HttpErrorResponse)) return [];
  const body: unknown = error.error;
  if (typeof body !== 'object' || body === null || !('fields' in body))
    return [];
  const fields = (body as { fields: unknown }).fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is FieldError =>
      typeof f === 'object' &&
      f !== null &&
      typeof (f as FieldError).field === 'string' &&
      typeof (f as FieldError).message === 'string',
  );
}

/** A number the error answer carries besides its message, e.g. `secondsLeft` on a 409. */
export function numberInError(error: unknown, key: string): number | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  if (typeof body !== 'object' || body === null) return null;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
