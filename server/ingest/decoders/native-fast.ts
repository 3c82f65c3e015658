/**
 * @module A fast check for the common case of the native event: when every field is plainly valid it returns the
 * event (unknown keys dropped, as zod would); otherwise null, and the caller asks `nativeEventSchema` (zod stays
 * the authority and names the problem). It also requires each kind's own field (signature, query, outcome).
 * A property test holds that it never accepts what zod rejects.
 */

import { isTechniqueId, MAX_TECHNIQUES } from '../../../shared/attack.js';
import {
  HEX,
  MAX_AMOUNT,
  MAX_HOST_NAME,
  MAX_URL,
  type NativeEvent,
} from '../../../shared/schemas/telemetry.js';
import { UNSEEN } from '../../../shared/unseen.js';
import { addressFacts, FACT_IP } from '../../scoring/address-facts.js';

/** Absent, or a string of `min`–`max` characters. */
const str = (v: unknown, min: number, max: number): boolean =>
  v === undefined || (typeof v === 'string' && v.length >= min && v.length <= max);
/** Absent, or a number from 0 to MAX_AMOUNT. */
const amount = (v: unknown): boolean =>
  v === undefined || (typeof v === 'number' && v >= 0 && v <= MAX_AMOUNT);
/** Absent, or an integer port. */
const port = (v: unknown): boolean =>
  v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535);

/** Absent, or hexadecimal digits of length `n`. */
const hex = (v: unknown, n: number): boolean =>
  v === undefined || (typeof v === 'string' && v.length === n && HEX[n]!.test(v));
/** Absent, or an array of at most MAX_TECHNIQUES technique ids. */
function techniques(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v) || v.length > MAX_TECHNIQUES) return false;
  for (let i = 0; i < v.length; i++) if (!isTechniqueId(v[i])) return false;
  return true;
}

export function fastNative(o: Record<string, unknown>): NativeEvent | null {
  const ts = o.ts;
  if (typeof ts === 'number') {
    if (!Number.isFinite(ts)) return null;
  } else if (typeof ts !== 'string' || ts.length < 1 || ts.length > 64) return null;
  const kind = o.kind;
  if (kind !== 'flow' && kind !== 'ids' && kind !== 'dns' && kind !== 'auth') return null;
  // Every field is read once, by name (a loop over key names would make each read a dictionary lookup).
  const { sensor, segment, proto, conn_state, signature, category, query, qtype, rcode, user, event_id } = o;
  const { src_port, dst_port, bytes_out, bytes_in, packets_out, packets_in, duration_ms } = o;
  // the fields each kind requires (the slow path reports which one is missing)
  if (kind === 'ids' ? !signature : kind === 'dns' ? !query : kind === 'auth' ? !o.outcome : false)
    return null;
  const src = o.src_ip;
  if (typeof src !== 'string' || !(addressFacts(src) & FACT_IP)) return null;
  if (sensor === undefined) return null;
  if (
    !str(sensor, 1, 128) ||
    !str(segment, 1, 64) ||
    UNSEEN.test(sensor as string) ||
    (segment !== undefined && UNSEEN.test(segment as string)) ||
    !str(proto, 1, 16) ||
    !str(conn_state, 1, 16) ||
    !str(signature, 1, 512) ||
    !str(category, 0, 256) ||
    !str(query, 1, 1024) ||
    !str(qtype, 0, 32) ||
    !str(rcode, 0, 32) ||
    !str(user, 0, 256) ||
    !str(event_id, 1, 128)
  )
    return null;
  const dst = o.dst_ip;
  if (dst !== undefined && (typeof dst !== 'string' || !(addressFacts(dst) & FACT_IP))) return null;
  if (
    !amount(bytes_out) ||
    !amount(bytes_in) ||
    !amount(packets_out) ||
    !amount(packets_in) ||
    !amount(duration_ms) ||
    !port(src_port) ||
    !port(dst_port)
  )
    return null;
  // the indicator-bearing fields of application records (absent on most events)
  const { tls_sni, http_host, http_url, ja3, ja3s, file_md5, file_sha1, file_sha256, attack } = o;
  if (
    !str(tls_sni, 1, MAX_HOST_NAME) ||
    !str(http_host, 1, MAX_HOST_NAME) ||
    !str(http_url, 1, MAX_URL) ||
    !hex(ja3, 32) ||
    !hex(ja3s, 32) ||
    !hex(file_md5, 32) ||
    !hex(file_sha1, 40) ||
    !hex(file_sha256, 64) ||
    !techniques(attack)
  )
    return null;
  const sev = o.severity;
  if (sev !== undefined && (typeof sev !== 'number' || !Number.isInteger(sev) || sev < 1 || sev > 4))
    return null;
  const outcome = o.outcome;
  if (outcome !== undefined && outcome !== 'success' && outcome !== 'failure') return null;
  // One literal with every field in a fixed order: every event shares one hidden class, so the scoring code
  // that reads them stays monomorphic. Absent fields are undefined (JSON drops them).
  return {
    ts: ts as NativeEvent['ts'],
    sensor: sensor as string,
    kind,
    src_ip: src,
    segment: segment as string | undefined,
    dst_ip: dst as string | undefined,
    src_port: src_port as number | undefined,
    dst_port: dst_port as number | undefined,
    proto: proto as string | undefined,
    bytes_out: bytes_out as number | undefined,
    bytes_in: bytes_in as number | undefined,
    packets_out: packets_out as number | undefined,
    packets_in: packets_in as number | undefined,
    duration_ms: duration_ms as number | undefined,
    conn_state: conn_state as string | undefined,
    signature: signature as string | undefined,
    category: category as string | undefined,
    severity: sev as number | undefined,
    query: query as string | undefined,
    qtype: qtype as string | undefined,
    rcode: rcode as string | undefined,
    outcome: outcome as NativeEvent['outcome'],
    user: user as string | undefined,
    event_id: event_id as string | undefined,
    tls_sni: tls_sni as string | undefined,
    http_host: http_host as string | undefined,
    http_url: http_url as string | undefined,
    ja3: ja3 as string | undefined,
    ja3s: ja3s as string | undefined,
    file_md5: file_md5 as string | undefined,
    file_sha1: file_sha1 as string | undefined,
    file_sha256: file_sha256 as string | undefined,
    // a copy, as zod makes: the producer's array is not shared with the event
    attack: attack === undefined ? undefined : (attack as string[]).slice(),
  };
}
