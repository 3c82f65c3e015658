/**
 * @module Small bounded building blocks the detectors share: event-time decaying counters, capped recency maps,
 * robust statistics, label entropy, address scope and reason construction. Pure and JSON-serializable.
 */

import { ipv4FirstOctet, parseIPv6 } from '../../shared/ip.js';
import type { Reason } from '../../shared/schemas/score.js';
import { attackOf } from './attack-map.js';

/** A count that halves every `halfLifeMs` of event time: `{v, t}` = value at time t. */
export interface Decaying {
  v: number;
  t: number;
}

export const newDecaying = (): Decaying => ({ v: 0, t: 0 });

/** The counter's value at `at` (never grows backwards in time: earlier times read the stored value). */
export function decayedValue(d: Decaying, at: number, halfLifeMs: number): number {
  if (d.v === 0) return 0;
  return d.v * 0.5 ** (Math.max(0, at - d.t) / halfLifeMs);
}

/** Adds `x` at `at`; late additions (at < t) are added undecayed, so order within a second does not matter much. */
export function addDecaying(d: Decaying, at: number, x: number, halfLifeMs: number): void {
  if (at > d.t) {
    d.v = decayedValue(d, at, halfLifeMs);
    d.t = at;
  }
  d.v += x;
}

/** An entry of a recency list: a key and when it was last touched (event time). */
export interface Recent<K = string> {
  key: K;
  last: number;
}

/**
 * Touches `key` in a recency list (a small array in first-touch order: JSON-friendly, and cheaper than an object
 * used as a map at these sizes). Keys beyond `cap` are dropped, the least recently touched first (the earliest
 * among equals). Returns the entry (created with `make` when new).
 */
export function touchList<K, T extends Recent<K>>(
  list: T[],
  key: K,
  at: number,
  cap: number,
  make: () => T,
): T {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    if (entry.key === key) {
      if (at > entry.last) entry.last = at;
      return entry;
    }
  }
  const entry = make();
  entry.last = at;
  list.push(entry);
  if (list.length > cap) list.splice(oldest(list), 1);
  return entry;
}

/** Index of the least recently touched entry (the first among equals). */
export function oldest(list: readonly { last: number }[]): number {
  let worst = 0;
  for (let i = 1; i < list.length; i++) if (list[i]!.last < list[worst]!.last) worst = i;
  return worst;
}

/** Entries of a recency list last touched at or after `since`. */
export function countSince(list: readonly { last: number }[], since: number): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) if (list[i]!.last >= since) n++;
  return n;
}

/** Quantile of sorted values (linear interpolation). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Median absolute deviation about the median, over the median (0 = perfectly regular). */
export function dispersion(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const med = quantile(sorted, 0.5);
  if (med <= 0) return 1;
  const dev = sorted.map((v) => Math.abs(v - med)).sort((a, b) => a - b);
  return quantile(dev, 0.5) / med;
}

/** Bowley (quartile) skewness in [−1, 1]; 0 for a symmetric or degenerate spread. */
export function bowley(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q2 = quantile(sorted, 0.5);
  const q3 = quantile(sorted, 0.75);
  if (q3 - q1 <= 0 || q2 === q1 || q2 === q3) return 0;
  return (q1 + q3 - 2 * q2) / (q3 - q1);
}

/** Shannon entropy of a string, bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Whether an address is local (RFC 1918, CGNAT, loopback, link-local, ULA, multicast, unspecified). */
export function isLocalAddress(ip: string): boolean {
  const dot = ip.indexOf('.');
  if (dot > 0 && !ip.includes(':')) {
    const dot2 = ip.indexOf('.', dot + 1);
    // Dotted decimal (the usual case) is read in place; anything else as before, through Number().
    const a = dot2 > 0 ? digits(ip, 0, dot) : -1;
    const b = a >= 0 ? digits(ip, dot + 1, dot2) : -1;
    if (b < 0) return isLocalV4(Number(ip.slice(0, dot)), Number(ip.slice(dot + 1, dot2)));
    return isLocalV4(a, b);
  }
  const g = parseIPv6(ip);
  if (!g) return true;
  const first = g[0]!;
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || first >>> 8 === 0xff || first === 0;
}

/** The decimal value of `s[from, to)` when it is 1–3 digits, else −1. */
function digits(s: string, from: number, to: number): number {
  if (to - from < 1 || to - from > 3) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isLocalV4(a: number, b: number): boolean {
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    a >= 224 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** Whether an address is multicast or broadcast (IPv4 224/4 and above, x.x.x.255, IPv6 ff00::/8). */
export function isGroupAddress(ip: string): boolean {
  const first = ipv4FirstOctet(ip);
  if (first >= 0) return first >= 224 || ip.endsWith('.255');
  return ip.toLowerCase().startsWith('ff');
}

/** Saturating map of an excess (≥ 0) to 0–100: 63 points at one `scale`, 86 at two. */
export function saturate(excess: number, scale: number): number {
  return excess > 0 ? 100 * (1 - Math.exp(-excess / scale)) : 0;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Builds a reason with rounded numbers, at most five example refs, and the detector's ATT&CK techniques. */
export function reason(
  detector: string,
  feature: string,
  observed: number,
  expected: number,
  contribution: number,
  examples: readonly string[],
  band?: [number, number],
): Reason {
  const r: Reason = {
    detector,
    feature,
    observed: round2(observed),
    expected: round2(expected),
    contribution: round2(Math.min(100, contribution)),
    examples: examples.slice(-5),
  };
  if (band) r.band = [round2(band[0]), round2(band[1])];
  const attack = attackOf(detector, feature);
  if (attack) r.attack = attack.slice();
  return r;
}

/**
 * `list` and then `item`, in a new array of exactly that length, by a loop: `Array.prototype.concat`, which did this,
 * costs about ten times as much (150–190 ns an append on Node 20 against 15–25), and every flow appends a ref to the
 * young ring of its host and of its segment.
 */
function withItem(list: readonly string[], item: string): string[] {
  const n = list.length;
  const out = new Array<string>(n + 1);
  for (let i = 0; i < n; i++) out[i] = list[i]!;
  out[n] = item;
  return out;
}

/**
 * `list` and then `by` zeros, in a new array of exactly that length, by a loop (about half the cost of `concat` on
 * Node 20: 95–110 ns against 170–195 to grow a ring of beats by two): for the rings that grow with what they hold.
 */
export function grownBy(list: readonly number[], by: number): number[] {
  const n = list.length;
  const out = new Array<number>(n + by);
  for (let i = 0; i < n; i++) out[i] = list[i]!;
  for (let i = n; i < n + by; i++) out[i] = 0;
  return out;
}

/**
 * Appends `ref` to a bounded list of example refs (keeps the newest `cap`) and returns the list: a new array while
 * it grows, sized to what it holds (a pushed array of five keeps room for seventeen), then moved along in place.
 */
export function keepRef(refs: string[], ref: string, cap = 5): string[] {
  if (refs.length < cap) return withItem(refs, ref);
  for (let i = 1; i < refs.length; i++) refs[i - 1] = refs[i]!;
  refs[refs.length - 1] = ref;
  return refs;
}

/** A bounded list of example refs as a ring (no shifting on the per-event path): `n` counts writes. */
export interface RefRing {
  buf: string[];
  n: number;
}

export const newRefRing = (): RefRing => ({ buf: [], n: 0 });

/** Keeps `ref`, the newest `cap` kept (as {@link keepRef}; the ring, too, grows to exactly what it holds). */
export function ringRef(r: RefRing, ref: string, cap = 5): void {
  if (r.buf.length < cap) r.buf = withItem(r.buf, ref);
  else r.buf[r.n % cap] = ref;
  r.n++;
}

/** The kept refs, oldest first. */
export function ringRefs(r: RefRing): string[] {
  const len = r.buf.length;
  if (r.n <= len) return r.buf.slice();
  const out: string[] = [];
  for (let i = 0; i < len; i++) out.push(r.buf[(r.n + i) % len]!);
  return out;
}

export function clearRefs(r: RefRing): void {
  r.buf.length = 0;
  r.n = 0;
}
