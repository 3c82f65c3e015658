/** @module Steps every decoder shares: event time parsing, address canonical form, skew and segment. */
import { canonicalIP } from '../../../shared/ip.js';
import {
  type NativeEvent,
  type NormalizedEvent,
  nativeEventSchema,
} from '../../../shared/schemas/telemetry.js';
import { issueText } from '../../input-text.js';
import { fastNative } from './native-fast.js';
import type { DecodeContext, Decoded } from './types.js';
import { reject } from './types.js';

const OFFSET_NO_COLON = /([+-])(\d{2})(\d{2})$/;

/**
 * Event time to epoch ms: ISO-8601 text (offsets such as `+0100` without a colon are accepted, as Suricata
 * writes them) or an epoch number (ms; values below 1e11 are seconds). Null when it is no time.
 */
export function parseEventTime(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return parseEventTime(Number(value));
  const text = value.replace(OFFSET_NO_COLON, '$1$2:$3');
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Validates a native-shaped object against the contract and finishes it: time to ms, canonical
 * addresses, segment from the CIDR map when absent, skew tagging. Every decoder ends here.
 */
export function finishEvent(candidate: Record<string, unknown>, ctx: DecodeContext): Decoded {
  const fast = fastNative(candidate);
  if (fast) return finishParsed(fast, ctx);
  // the slow path names the first problem precisely
  for (const field of ['ts', 'sensor', 'kind', 'src_ip'] as const) {
    if (candidate[field] === undefined || candidate[field] === null || candidate[field] === '') {
      return reject('missing_field', `${field} is required`, 'required', { field });
    }
  }
  const kind = candidate.kind;
  if (typeof kind !== 'string')
    return reject('bad_type', 'kind must be a string', 'not_string', { field: 'kind' });
  if (kind !== 'flow' && kind !== 'ids' && kind !== 'dns' && kind !== 'auth') {
    const quoted = JSON.stringify(kind).slice(0, 40);
    return reject('unknown_kind', `kind ${quoted} is not flow, ids, dns or auth`, 'unknown_kind', {
      kind: quoted,
    });
  }
  const required =
    kind === 'ids' ? 'signature' : kind === 'dns' ? 'query' : kind === 'auth' ? 'outcome' : null;
  if (required && (candidate[required] === undefined || candidate[required] === '')) {
    return reject('missing_field', `${required} is required for kind ${kind}`, 'required_for', {
      field: required,
      kind,
    });
  }
  const parsed = nativeEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.') || 'event';
    const reason = issue.code === 'invalid_type' ? 'bad_type' : 'bad_value';
    return reject(reason, `${path}: ${issue.message}`, ...issueText(issue, path));
  }
  return finishParsed(parsed.data, ctx);
}

function finishParsed(native: NativeEvent, ctx: DecodeContext): Decoded {
  const ts = parseEventTime(native.ts);
  if (ts === null) {
    const quoted = JSON.stringify(native.ts).slice(0, 64);
    return reject('bad_value', `ts: ${quoted} is not a time`, 'not_time', { value: quoted });
  }
  // zod returned a fresh object that nobody else holds: finish it in place (this is the per-event hot path)
  const event = native as unknown as NormalizedEvent;
  // validated addresses: IPv4 text is already canonical; IPv6 gets RFC 5952 form
  if (native.src_ip.includes(':')) event.src_ip = canonicalIP(native.src_ip)!;
  if (native.dst_ip?.includes(':')) event.dst_ip = canonicalIP(native.dst_ip)!;
  event.segment = native.segment ?? ctx.segmentOf(event.src_ip);
  if (ctx.segments && !ctx.segments.admit(event.segment, ctx.now)) {
    const { limit } = ctx.segments;
    const quoted = JSON.stringify(event.segment);
    return reject(
      'bad_value',
      `segment: ${quoted} is new and ${limit} segments are sending already (WF_MAX_SEGMENTS)`,
      'too_many_segments',
      { value: quoted, limit },
    );
  }
  if (ts > ctx.now + ctx.maxFutureMs) {
    event.ts = ctx.now;
    event.skewed = true;
  } else {
    event.ts = ts;
  }
  return { ok: true, event };
}
