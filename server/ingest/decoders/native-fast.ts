/**
 * @module A fast check for the common case of the native event: when every field is plainly valid it returns the
 * event (unknown keys dropped, as zod would); otherwise null, and the caller asks `nativeEventSchema` (zod stays
 * the authority and names the problem). It also requires each kind's own field (signature, query, outcome).
 * A property test holds that it never accepts what zod rejects.
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
  const ts = o.ts;
  if (typeof ts === 'number') {
    if (!Number.isFinite(ts)) return null;
  } else if (typeof ts !== 'string' || ts.length < 1 || ts.length > 64) return null;
  const kind = o.kind;
  if (kind !== 'flow' && kind !== 'ids' && kind !== 'dns' && kind !== 'auth') return null;
  // the fields each kind requires (the slow path reports which one is missing)
  if (kind === 'ids' ? !o.signature : kind === 'dns' ? !o.query : kind === 'auth' ? !o.outcome : false)
    return null;
  const src = o.src_ip;
  if (typeof src !== 'string' || !isIP(src)) return null;
  if (o.sensor === undefined) return null;
  for (const [k, min, max] of STRINGS) {
    const v = o[k];
    if (v !== undefined && (typeof v !== 'string' || v.length < min || v.length > max)) return null;
  }
  const dst = o.dst_ip;
  if (dst !== undefined && (typeof dst !== 'string' || !isIP(dst))) return null;
  for (const k of AMOUNTS) {
    const v = o[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) return null;
  }
  for (const k of PORTS) {
    const v = o[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535)) return null;
  }
  const sev = o.severity;
  if (sev !== undefined && (typeof sev !== 'number' || !Number.isInteger(sev) || sev < 1 || sev > 4))
    return null;
  const outcome = o.outcome;
  if (outcome !== undefined && outcome !== 'success' && outcome !== 'failure') return null;
  // One literal with every field in a fixed order: every event shares one hidden class, so the scoring code
  // that reads them stays monomorphic. Absent fields are undefined (JSON drops them).
  return {
    ts: ts as NativeEvent['ts'],
    sensor: o.sensor as string,
    kind,
    src_ip: src,
    segment: o.segment as string | undefined,
    dst_ip: dst as string | undefined,
    src_port: o.src_port as number | undefined,
    dst_port: o.dst_port as number | undefined,
    proto: o.proto as string | undefined,
    bytes_out: o.bytes_out as number | undefined,
    bytes_in: o.bytes_in as number | undefined,
    packets_out: o.packets_out as number | undefined,
    packets_in: o.packets_in as number | undefined,
    duration_ms: o.duration_ms as number | undefined,
    conn_state: o.conn_state as string | undefined,
    signature: o.signature as string | undefined,
    category: o.category as string | undefined,
    severity: sev as number | undefined,
    query: o.query as string | undefined,
    qtype: o.qtype as string | undefined,
    rcode: o.rcode as string | undefined,
    outcome: outcome as NativeEvent['outcome'],
    user: o.user as string | undefined,
    event_id: o.event_id as string | undefined,
  };
}
