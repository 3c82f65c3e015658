/**
 * @module A fast check for the common case of the native event: when every field is plainly valid it returns the
 * event (unknown keys dropped, as zod would); otherwise null, and the caller asks `nativeEventSchema` (zod stays
 * the authority and names the problem). A property test holds that it never accepts what zod rejects.
 */
import { isIP } from '../../../shared/ip.js';
import type { NativeEvent } from '../../../shared/schemas/telemetry.js';

const STRINGS: readonly [keyof NativeEvent, number, number][] = [
  ['sensor', 1, 128],
  ['segment', 1, 64],
  ['proto', 1, 16],
  ['conn_state', 1, 16],
  ['signature', 1, 512],
  ['category', 0, 256],
  ['query', 1, 1024],
  ['qtype', 0, 32],
  ['rcode', 0, 32],
  ['user', 0, 256],
  ['event_id', 1, 128],
];
const AMOUNTS: readonly (keyof NativeEvent)[] = [
  'bytes_out',
  'bytes_in',
  'packets_out',
  'packets_in',
  'duration_ms',
];
const PORTS: readonly (keyof NativeEvent)[] = ['src_port', 'dst_port'];

export function fastNative(o: Record<string, unknown>): NativeEvent | null {
  const out: Record<string, unknown> = {};
  const ts = o.ts;
  if (typeof ts === 'number') {
    if (!Number.isFinite(ts)) return null;
  } else if (typeof ts !== 'string' || ts.length < 1 || ts.length > 64) return null;
  out.ts = ts;
  const kind = o.kind;
  if (kind !== 'flow' && kind !== 'ids' && kind !== 'dns' && kind !== 'auth') return null;
  out.kind = kind;
  const src = o.src_ip;
  if (typeof src !== 'string' || !isIP(src)) return null;
  out.src_ip = src;
  if (o.sensor === undefined) return null;
  for (const [k, min, max] of STRINGS) {
    const v = o[k];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length < min || v.length > max) return null;
    out[k] = v;
  }
  const dst = o.dst_ip;
  if (dst !== undefined) {
    if (typeof dst !== 'string' || !isIP(dst)) return null;
    out.dst_ip = dst;
  }
  for (const k of AMOUNTS) {
    const v = o[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return null;
    out[k] = v;
  }
  for (const k of PORTS) {
    const v = o[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535) return null;
    out[k] = v;
  }
  const sev = o.severity;
  if (sev !== undefined) {
    if (typeof sev !== 'number' || !Number.isInteger(sev) || sev < 1 || sev > 4) return null;
    out.severity = sev;
  }
  const outcome = o.outcome;
  if (outcome !== undefined) {
    if (outcome !== 'success' && outcome !== 'failure') return null;
    out.outcome = outcome;
  }
  return out as NativeEvent;
}
