/** @module JSON over HTTP to the Watchfloor API: same-origin cookies, zod-validated answers, one error type. */
import type { z } from 'zod';
import { type ErrorCode, errorBodySchema } from '../../../shared/envelope.js';
import type { TextParams } from '../../../shared/locale.js';

/** Any failed API call: the server's `{error:{code,message}}`, or a network failure (`status` 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network' | 'bad_response',
    message: string,
    /** The server's text as a catalogue key (`server.<key>`) and its parameters, where it sent one. */
    readonly text?: { key: string; params?: TextParams },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever any request answers 401, so the auth provider can drop the session. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not tell the auth provider about a 401 (login and the initial `GET /api/me`). */
  quiet401?: boolean;
  /** A display token, sent as `Authorization: Bearer` (the wall). */
  bearer?: string;
}

/** Sends a request and validates the JSON answer with `schema`; throws `ApiError` on any failure. */
export async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const { method = 'GET', body, signal, quiet401 = false, bearer } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse((json as { error?: unknown } | undefined)?.error);
    const error = parsed.success
      ? new ApiError(
          response.status,
          parsed.data.code,
          parsed.data.message,
          parsed.data.key ? { key: parsed.data.key, params: parsed.data.params } : undefined,
        )
      : new ApiError(
          response.status,
          statusCode(response.status),
          `${response.status} ${response.statusText}`,
        );
    if (response.status === 401 && !quiet401) for (const l of unauthenticatedListeners) l(error);
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', `Unexpected answer from ${path}.`);
  return parsed.data;
}

function statusCode(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'too_large';
    case 409:
      return 'conflict';
    case 429:
      return 'throttled';
    case 503:
      return 'unavailable';
    default:
      return 'internal';
  }
}
