import { HttpErrorResponse } from '@angular/common/http';

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
