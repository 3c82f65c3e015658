/** @module Named errors with stable codes; each knows its HTTP status and its envelope. */
import type { output, ZodError, ZodType, z } from 'zod';
import type { ErrorBody, ErrorCode } from '../shared/envelope.js';
import type { TextRef } from '../shared/locale.js';
import { issueText } from './input-text.js';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  too_large: 413,
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
  /**
   * @param text the same text for screens: a key of the client's catalogues (under `server.`) and its parameters;
   * the English `message` stays for programs.
   */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly text?: TextRef,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
  toBody(): ErrorBody {
    return this.text
      ? { code: this.code, message: this.message, ...this.text }
      : { code: this.code, message: this.message };
  }
}

export const badRequest = (message: string, text?: TextRef) => new AppError('bad_request', message, text);
export const unauthenticated = (message = 'log in first', text?: TextRef) =>
  new AppError('unauthenticated', message, text);
export const forbidden = (message = 'your role may not do this', text?: TextRef) =>
  new AppError('forbidden', message, text);
export const notFound = (message: string, text?: TextRef) => new AppError('not_found', message, text);
export const conflict = (message: string, text?: TextRef) => new AppError('conflict', message, text);
export const throttled = (message: string, text?: TextRef) => new AppError('throttled', message, text);

/** One line naming every problem: `field: message; other: message` (`where` stands for the whole input). */
export function issuesText(error: ZodError, where = 'body'): string {
  return error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`).join('; ');
}

/**
 * The problem screens are told of: the first, or of the limits it breaks on the same field the tightest (a snooze of
 * 1e20 minutes broke both the safe-integer range and the 43,200 maximum, and the screens said "at most
 * 9007199254740991").
 */
function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  const first = issues[0]!;
  if (first.code !== 'too_big') return first;
  const path = first.path.join('.');
  let tightest = first;
  for (const i of issues)
    if (i.code === 'too_big' && i.path.join('.') === path && Number(i.maximum) < Number(tightest.maximum))
      tightest = i;
  return tightest;
}

/**
 * The one way input is checked wherever it enters (HTTP query and body, socket payloads): the parsed value, or a
 * 400 `bad_request` naming every problem.
 */
export function parseInput<S extends ZodType>(schema: S, value: unknown, where = 'body'): output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // screens show the first problem in their language (the English names them all, for programs)
    const first = firstIssue(parsed.error.issues);
    const [key, params] = issueText(first, first.path.join('.') || where);
    // a vague text ("value not accepted") would hide the schema's own words ("must be a CIDR range such as …"):
    // those stay English, which screens show as the refusal's detail
    const vague = key === 'invalid' || key === 'bad_format';
    throw badRequest(issuesText(parsed.error, where), vague ? undefined : { key: `dlq.${key}`, params });
  }
  return parsed.data;
}
