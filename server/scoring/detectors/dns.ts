/**
 * @module DNS: NXDOMAIN excess, and per registered domain the queries with long or high-entropy labels and the
 * TXT/NULL/CNAME/MX queries (tunnels such as dnscat2 carry data in labels and answers), as counts that halve every
 * minute of event time.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { entropy, keepRef, reason, saturate } from '../evidence.js';
import { addDecayingAt, DECAYING, decayedAt, packedNumbers } from '../packed-numbers.js';
import type { Detector, EvaluateContext } from '../types.js';

const HALF_LIFE = 60_000;
const DATA_QTYPES = new Set(['TXT', 'NULL', 'CNAME', 'MX', '16', '10', '5', '15']);

/** Offsets in {@link DnsState.n}: queries and NXDOMAIN answers, decaying (./packed-numbers.ts). */
const QUERIES = 0;
const NX = QUERIES + DECAYING;

/**
 * A registered domain's numbers, at these offsets of its row in {@link DnsState.rows}: when last touched (event
 * time), and its decaying counts of queries with an encoded-looking name (`ODD`) and of data-carrying types (`DATA`).
 */
const LAST = 0;
const ODD = 1;
const DATA = ODD + DECAYING;
const ROW = DATA + DECAYING;

export interface DnsState {
  /** Queries and NXDOMAIN answers (see {@link QUERIES}). */
  n: number[];
  nxRefs: string[];
  /**
   * Registered domains with encoded-looking or data-carrying queries, in first-seen order; their numbers (`ROW` a
   * domain, see {@link LAST}) and example refs in the same order.
   */
  domains: string[];
  rows: number[];
  refs: string[][];
}

/** The registered domain of a name: the last two labels, three under a two-letter country code's short SLD. */
export function baseDomain(name: string): string {
  const labels = trimDot(name.toLowerCase());
  return labels.slice(baseStart(labels));
}

/** A lower-case name without its final dot (the root). */
const trimDot = (lower: string): string => (lower.endsWith('.') ? lower.slice(0, -1) : lower);

/** Where the registered domain of a lower-case name without its final dot starts (see {@link baseDomain}). */
function baseStart(s: string): number {
  const i1 = s.lastIndexOf('.');
  const i2 = i1 > 0 ? s.lastIndexOf('.', i1 - 1) : -1;
  if (i2 < 0) return 0;
  const tld = s.length - i1 - 1;
  const sld = i1 - i2 - 1;
  if (!(tld === 2 && sld <= 3)) return i2 + 1;
  const i3 = i2 > 0 ? s.lastIndexOf('.', i2 - 1) : -1;
  return i3 + 1;
}

/** A label of hex digits (with a digit and a letter) this long is encoded data (dnscat2, iodine-style hex). */
const HEX_LABEL = 16;
/** Characters left of the registered domain (dots left out) that are encoded data whatever they are. */
const LONG_NAME = 52;
/** A label this long with this entropy (bits per character, over all the labels) is encoded data. */
const LONG_LABEL = 24;
const LONG_LABEL_ENTROPY = 3.3;
/** Characters in all with this entropy are encoded data. */
const DENSE_NAME = 32;
const DENSE_ENTROPY = 4;
/** The fewest characters left of the registered domain that any bar above can be met with. */
const SHORTEST_ENCODED = Math.min(HEX_LABEL, LONG_NAME, LONG_LABEL, DENSE_NAME);

/** The rule both readings of a name apply, given what they read: a hex label, the characters, the longest label. */
function encoded(hex: boolean, flat: number, longest: number, entropy: number): boolean {
  return (
    hex ||
    flat >= LONG_NAME ||
    (longest >= LONG_LABEL && entropy >= LONG_LABEL_ENTROPY) ||
    (flat >= DENSE_NAME && entropy >= DENSE_ENTROPY)
  );
}

/**
 * Whether the labels left of the registered domain look like encoded data (see {@link encoded}). An ASCII name
 * (nearly every name) is read in place, one pass and no strings made; any other through {@link looksEncodedText}.
 */
export function looksEncoded(name: string, base: string): boolean {
  const end = Math.max(0, name.length - base.length - 1);
  if (end === 0) return false;
  const counts = CHAR_COUNTS;
  const order = CHAR_ORDER;
  let distinct = 0;
  let flat = 0;
  let longest = 0;
  let hex = false;
  // the label being read: its length, whether it is all hex digits, and whether it has a digit and a letter a–f
  let label = 0;
  let allHex = true;
  let digit = false;
  let letter = false;
  for (let i = 0; i <= end; i++) {
    let c = i === end ? 46 : name.charCodeAt(i);
    if (c >= 128) {
      counts.fill(0);
      return looksEncodedText(name, base);
    }
    if (c === 46) {
      if (label > longest) longest = label;
      if (label >= HEX_LABEL && allHex && digit && letter) hex = true;
      label = 0;
      allHex = true;
      digit = false;
      letter = false;
      continue;
    }
    if (c >= 65 && c <= 90) c += 32;
    label++;
    flat++;
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 97 && c <= 102) letter = true;
    else allHex = false;
    if (counts[c]!++ === 0) order[distinct++] = c;
  }
  // Shannon entropy of the labels joined, bits per character, summed in first-seen order as `entropy` sums it
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const p = counts[order[k]!]! / flat;
    h -= p * Math.log2(p);
    counts[order[k]!] = 0;
  }
  return encoded(hex, flat, longest, h);
}

/** Per ASCII character, its count in the name being read (all zero between calls), and the order they came in. */
const CHAR_COUNTS = new Int32Array(128);
const CHAR_ORDER = new Int32Array(128);

/** {@link looksEncoded} on any text, as strings (for names with characters beyond ASCII). */
export function looksEncodedText(name: string, base: string): boolean {
  const sub = name.toLowerCase().slice(0, Math.max(0, name.length - base.length - 1));
  if (sub.length === 0) return false;
  const labels = sub.split('.');
  const longest = Math.max(...labels.map((l) => l.length));
  const flat = labels.join('');
  const hex = labels.some(
    (l) => l.length >= HEX_LABEL && /^[0-9a-f]+$/.test(l) && /[0-9]/.test(l) && /[a-f]/.test(l),
  );
  return encoded(hex, flat.length, longest, entropy(flat));
}

/** Whether a query type carries data (case-insensitive). */
function isDataType(qtype: string | undefined): boolean {
  if (qtype === undefined || qtype === 'A' || qtype === 'AAAA') return false;
  return DATA_QTYPES.has(qtype) || DATA_QTYPES.has(qtype.toUpperCase());
}

/** Whether a response code is NXDOMAIN (name or number, case-insensitive). */
const isNxdomain = (rcode: string | undefined): boolean =>
  rcode === 'NXDOMAIN' || rcode === '3' || (rcode?.length === 8 && rcode.toUpperCase() === 'NXDOMAIN');

export function dnsDetector(opts: { domains?: number } = {}): Detector<DnsState> {
  const cap = opts.domains ?? 16;
  return {
    id: 'dns',
    entities: ['host'],
    kinds: ['dns'],
    fadesOnly: true,
    init: () => ({ n: packedNumbers(2 * DECAYING), nxRefs: [], domains: [], rows: [], refs: [] }),
    peers(s, visit) {
      for (let i = 0; i < s.domains.length; i++) visit(s.domains[i]!, s.rows[i * ROW + LAST]!);
    },
    observe(s, ev: NormalizedEvent, ref) {
      const query = ev.query;
      if (ev.kind !== 'dns' || !query) return;
      addDecayingAt(s.n, QUERIES, ev.ts, 1, HALF_LIFE);
      if (isNxdomain(ev.rcode)) {
        addDecayingAt(s.n, NX, ev.ts, 1, HALF_LIFE);
        s.nxRefs = keepRef(s.nxRefs, ref);
      }
      const name = trimDot(query.toLowerCase());
      const start = baseStart(name);
      // Fewer characters left of the registered domain cannot look encoded (see looksEncoded).
      const odd =
        query.length - (name.length - start) - 1 >= SHORTEST_ENCODED &&
        looksEncoded(query, name.slice(start));
      const data = isDataType(ev.qtype);
      if (!odd && !data) return;
      const base = name.slice(start);
      const d = touchDomain(s, base, ev.ts, cap);
      if (d < 0) return;
      if (odd) addDecayingAt(s.rows, d * ROW + ODD, ev.ts, 1, HALF_LIFE);
      if (data) addDecayingAt(s.rows, d * ROW + DATA, ev.ts, 1, HALF_LIFE);
      s.refs[d] = keepRef(s.refs[d]!, ref, 3);
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      const now = ctx.bucketStart + 1000;
      const reasons: Reason[] = [];
      // Stored counter values bound the decayed ones: below the bars, nothing is read (or decayed).
      if (s.n[NX]! > 3) {
        const q = decayedAt(s.n, QUERIES, now, HALF_LIFE);
        const nx = decayedAt(s.n, NX, now, HALF_LIFE);
        const nxExpected = 0.05 * q + 3;
        const cNx = saturate(nx - nxExpected, 12);
        if (cNx > 0)
          reasons.push(reason('dns', 'nxdomain_per_min', nx, nxExpected, cNx, s.nxRefs, [0, nxExpected]));
      }
      let best: Reason | null = null;
      const rows = s.rows;
      for (let i = 0; i < s.domains.length; i++) {
        const at = i * ROW;
        // cOdd needs odd > 4/3, cData needs data > 20.
        if (rows[at + ODD]! <= 1.3 && rows[at + DATA]! <= 20) continue;
        const odd = decayedAt(rows, at + ODD, now, HALF_LIFE);
        const data = decayedAt(rows, at + DATA, now, HALF_LIFE);
        const key = s.domains[i]!;
        const refs = s.refs[i]!;
        // Encoded names are the evidence; data-carrying types to the same domain strengthen it. A burst of
        // data-carrying queries alone counts too, with a much higher bar.
        const cOdd = saturate(odd + 0.5 * Math.min(data, odd) - 2, 4);
        const cData = saturate(data - 20, 15);
        if (cOdd > 0 && (!best || cOdd > best.contribution))
          best = reason('dns', `encoded_queries_per_min ${key}`, odd, 0, cOdd, refs, [0, 2]);
        if (cData > cOdd && (!best || cData > best.contribution))
          best = reason('dns', `txt_burst_per_min ${key}`, data, 0, cData, refs, [0, 20]);
      }
      if (best) reasons.push(best);
      return reasons;
    },
  };
}

/**
 * Touches a registered domain at `at` (as `touchList`: added when new, the arrays growing by exactly one domain;
 * beyond `cap`, the least recently touched goes, the earliest among equals). Its index, or −1 when it went itself.
 */
function touchDomain(s: DnsState, base: string, at: number, cap: number): number {
  const rows = s.rows;
  for (let i = 0; i < s.domains.length; i++) {
    if (s.domains[i] !== base) continue;
    if (at > rows[i * ROW + LAST]!) rows[i * ROW + LAST] = at;
    return i;
  }
  s.domains = s.domains.concat(base);
  s.rows = rows.concat(at, 0, 0, 0, 0);
  s.refs = s.refs.concat([[]]);
  const added = s.domains.length - 1;
  if (s.domains.length <= cap) return added;
  let worst = 0;
  for (let i = 1; i < s.domains.length; i++)
    if (s.rows[i * ROW + LAST]! < s.rows[worst * ROW + LAST]!) worst = i;
  s.domains.splice(worst, 1);
  s.rows.splice(worst * ROW, ROW);
  s.refs.splice(worst, 1);
  return worst === added ? -1 : added - 1;
}
