/** @module Named errors with stable codes; each knows its HTTP status and its envelope. */
import type { output, ZodError, ZodType } from 'zod';
import type { ErrorBody, ErrorCode } from '../shared/envelope.js';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  totp_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  throttled: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

export const badRequest = (message: string) => new AppError('bad_request', message);
export const unauthenticated = (message = 'log in first') => new AppError('unauthenticated', message);
export const forbidden = (message = 'your role may not do this') => new AppError('forbidden', message);
export const notFound = (message: string) => new AppError('not_found', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const throttled = (message: string) => new AppError('throttled', message);

/** One line naming every problem: `field: message; other: message` (`where` stands for the whole input). */
export function issuesText(error: ZodError, where = 'body'): string {
  return error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`).join('; ');
}

/**
 * The one way input is checked wherever it enters (HTTP query and body, socket payloads): the parsed value, or a
 * 400 `bad_request` naming every problem.
 */
export function parseInput<S extends ZodType>(schema: S, value: unknown, where = 'body'): output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(issuesText(parsed.error, where));
  return parsed.data;
}
