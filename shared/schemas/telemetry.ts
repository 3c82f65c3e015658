/** @module Native event v1 (the producer contract) and the normalized event every decoder produces. */

import { z } from 'zod';
import { techniquesSchema } from '../attack.js';
import { isIP } from '../ip.js';
import { noUnseen } from '../unseen.js';
import type { Geo } from './geo.js';

export const EVENT_KINDS = ['flow', 'ids', 'dns', 'auth'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Reason codes a rejected input entry is dead-lettered with (DESIGN.md, "Producer contract"). */
export const REJECT_REASONS = [
  'bad_json',
  'not_object',
  'missing_field',
  'bad_type',
  'bad_value',
  'unknown_kind',
  'too_large',
  'too_many_deliveries',
  'unknown_format',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

// `params.text`: the dead-letter detail's catalogue key (`server.dlq.<text>`) for screens
const finite = z
  .number()
  .refine(Number.isFinite, { message: 'must be a finite number', params: { text: 'not_finite' } });
const nonNegative = finite.refine((n) => n >= 0, { message: 'must be ≥ 0', params: { text: 'negative' } });
/**
 * The most bytes or packets one record may count, 2^40 (a terabyte): sums of a second's records stay exact integers
 * (history adds them with HINCRBY) and finite (a producer's 1.7e308 summed to Infinity, which no frame can carry).
 */
export const MAX_AMOUNT = 2 ** 40;
const amount = nonNegative.max(MAX_AMOUNT);
const port = z.number().int().min(0).max(65535);
/** A name that keys things (a sensor, a segment): 1–`max` characters, none of them unseen (controls, direction marks). */
const name = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(noUnseen, {
      message: 'must hold no control or direction characters',
      params: { text: 'unseen_chars' },
    });
const ip = z
  .string()
  .refine(isIP, { message: 'must be an IPv4 or IPv6 address', params: { text: 'not_address' } });

/** Hexadecimal digests by length (JA3/JA3S and MD5: 32, SHA-1: 40, SHA-256: 64); the native fast path uses them too. */
export const HEX: Readonly<Record<number, RegExp>> = {
  32: /^[0-9a-fA-F]{32}$/,
  40: /^[0-9a-fA-F]{40}$/,
  64: /^[0-9a-fA-F]{64}$/,
};
/** Lengths of the indicator-bearing text fields (a decoder truncates to them). */
export const MAX_HOST_NAME = 255;
export const MAX_URL = 2048;
const hex = (n: number) => z.string().regex(HEX[n]!, `must be ${n} hexadecimal digits`);

/** Event time: ISO-8601 string, or epoch number in ms (values below 1e11 are seconds). */
export const timestampSchema = z.union([z.string().min(1).max(64), finite]);

export const nativeEventSchema = z.object({
  ts: timestampSchema,
  sensor: name(128),
  kind: z.enum(EVENT_KINDS),
  src_ip: ip,
  segment: name(64).optional(),
  dst_ip: ip.optional(),
  src_port: port.optional(),
  dst_port: port.optional(),
  proto: z.string().min(1).max(16).optional(),
  bytes_out: amount.optional(),
  bytes_in: amount.optional(),
  packets_out: amount.optional(),
  packets_in: amount.optional(),
  duration_ms: nonNegative.optional(),
  conn_state: z.string().min(1).max(16).optional(),
  signature: z.string().min(1).max(512).optional(),
  category: z.string().max(256).optional(),
  severity: z.number().int().min(1).max(4).optional(),
  query: z.string().min(1).max(1024).optional(),
  qtype: z.string().max(32).optional(),
  rcode: z.string().max(32).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  user: z.string().max(256).optional(),
  event_id: z.string().min(1).max(128).optional(),
  /** TLS server name indication (client hello). */
  tls_sni: z.string().min(1).max(MAX_HOST_NAME).optional(),
  /** HTTP Host header. */
  http_host: z.string().min(1).max(MAX_HOST_NAME).optional(),
  /** HTTP request target as the sensor logs it: a path (`/a?b`) or an absolute URL. */
  http_url: z.string().min(1).max(MAX_URL).optional(),
  /** JA3 / JA3S fingerprints (MD5 of the client / server hello). */
  ja3: hex(32).optional(),
  ja3s: hex(32).optional(),
  /** Hashes of a file seen in the traffic. */
  file_md5: hex(32).optional(),
  file_sha1: hex(40).optional(),
  file_sha256: hex(64).optional(),
  /** ATT&CK technique ids the producer already knows (Suricata rule metadata `mitre_technique_id`). */
  attack: techniquesSchema.optional(),
});
/** What a producer writes (before time parsing and segment resolution). */
export type NativeEvent = z.infer<typeof nativeEventSchema>;

/**
 * The event every decoder produces: native fields, with `ts` as epoch ms and `segment` resolved.
 * Field names stay those of the producer contract so that a normalized event is also a valid native event. A type
 * (not an interface) so that it is a plain record on the wire (`recentEventSchema`).
 */
export type NormalizedEvent = Omit<NativeEvent, 'ts' | 'segment'> & {
  ts: number;
  segment: string;
  /** Set when the producer's time was more than WF_MAX_FUTURE ahead of the clock; `ts` is then arrival time. */
  skewed?: true;
  /**
   * Where an external `src_ip` / `dst_ip` is: set on a host's recent events when they are read, from `WF_GEOIP_DB` and
   * `WF_ASN_DB`; never by a producer (decoders drop unknown fields).
   */
  src_geo?: Geo;
  dst_geo?: Geo;
};
