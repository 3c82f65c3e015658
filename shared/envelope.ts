/** @module The one answer shape for every client → server request, and the HTTP error body. */
import { z } from 'zod';
import { textParamsSchema } from './locale.js';

export const ERROR_CODES = [
  'bad_request',
  /** The request body is larger than accepted (413). */
  'too_large',
  'unauthenticated',
  /** The password was right; the second factor is missing or wrong (401). */
  'totp_required',
  'forbidden',
  'not_found',
  'conflict',
  'throttled',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  /** English, for programs and logs. */
  message: z.string(),
  /** The same text as a catalogue key (`server.<key>` in the client's catalogues) and its parameters, for screens. */
  key: z.string().optional(),
  params: textParamsSchema.optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** `{ok:true,data} | {ok:false,error:{code,message}}`: every socket ack callback receives one. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message },
});
