/**
 * @module DNS: NXDOMAIN excess, and per registered domain the queries with long or high-entropy labels and the
 * TXT/NULL/CNAME/MX queries (tunnels such as dnscat2 carry data in labels and answers), as counts that halve every
 * minute of event time.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import {
  addDecaying,
  type Decaying,
  decayedValue,
  entropy,
  keepRef,
  newDecaying,
  reason,
  saturate,
  touch,
} from '../evidence.js';
import type { Detector, EvaluateContext } from '../types.js';

const HALF_LIFE = 60_000;
const DATA_QTYPES = new Set(['TXT', 'NULL', 'CNAME', 'MX', '16', '10', '5', '15']);

interface DomainStats {
  last: number;
  /** Queries with an encoded-looking name. */
  odd: Decaying;
  /** Data-carrying query types. */
  data: Decaying;
  refs: string[];
}

export interface DnsState {
  queries: Decaying;
  nx: Decaying;
  nxRefs: string[];
  domains: Record<string, DomainStats>;
  order: string[];
}

/** The registered domain of a name: the last two labels, three under a two-letter country code's short SLD. */
export function baseDomain(name: string): string {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const tld = labels[labels.length - 1]!;
  const sld = labels[labels.length - 2]!;
  const n = tld.length === 2 && sld.length <= 3 ? 3 : 2;
  return labels.slice(-n).join('.');
}

/**
 * Whether the labels left of the registered domain look like encoded data: a hex label of 16+ characters (dnscat2,
 * iodine-style hex), 52+ characters in all, or a long label with high entropy.
 */
export function looksEncoded(name: string, base: string): boolean {
  const sub = name.toLowerCase().slice(0, Math.max(0, name.length - base.length - 1));
  if (sub.length === 0) return false;
  const labels = sub.split('.');
  const longest = Math.max(...labels.map((l) => l.length));
  const flat = labels.join('');
  const hex = labels.some(
    (l) => l.length >= 16 && /^[0-9a-f]+$/.test(l) && /[0-9]/.test(l) && /[a-f]/.test(l),
  );
  return (
    hex ||
    flat.length >= 52 ||
    (longest >= 24 && entropy(flat) >= 3.3) ||
    (flat.length >= 32 && entropy(flat) >= 4)
  );
}

export function dnsDetector(opts: { domains?: number } = {}): Detector<DnsState> {
  const cap = opts.domains ?? 16;
  return {
    id: 'dns',
    entities: ['host'],
    init: () => ({ queries: newDecaying(), nx: newDecaying(), nxRefs: [], domains: {}, order: [] }),
    observe(s, ev: NormalizedEvent, ref) {
      if (ev.kind !== 'dns' || !ev.query) return;
      addDecaying(s.queries, ev.ts, 1, HALF_LIFE);
      const rcode = (ev.rcode ?? '').toUpperCase();
      if (rcode === 'NXDOMAIN' || rcode === '3') {
        addDecaying(s.nx, ev.ts, 1, HALF_LIFE);
        keepRef(s.nxRefs, ref);
      }
      const base = baseDomain(ev.query);
      const odd = looksEncoded(ev.query, base);
      const data = DATA_QTYPES.has((ev.qtype ?? '').toUpperCase());
      if (!odd && !data) return;
      const d = touch(s.domains, s.order, base, ev.ts, cap, () => ({
        last: 0,
        odd: newDecaying(),
        data: newDecaying(),
        refs: [],
      }));
      if (odd) addDecaying(d.odd, ev.ts, 1, HALF_LIFE);
      if (data) addDecaying(d.data, ev.ts, 1, HALF_LIFE);
      keepRef(d.refs, ref, 3);
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      const now = ctx.bucketStart + 1000;
      const reasons: Reason[] = [];
      const q = decayedValue(s.queries, now, HALF_LIFE);
      const nx = decayedValue(s.nx, now, HALF_LIFE);
      const nxExpected = 0.05 * q + 3;
      const cNx = saturate(nx - nxExpected, 12);
      if (cNx > 0)
        reasons.push(reason('dns', 'nxdomain_per_min', nx, nxExpected, cNx, s.nxRefs, [0, nxExpected]));
      let best: Reason | null = null;
      for (const base in s.domains) {
        const d = s.domains[base]!;
        const odd = decayedValue(d.odd, now, HALF_LIFE);
        const data = decayedValue(d.data, now, HALF_LIFE);
        // Encoded names are the evidence; data-carrying types to the same domain strengthen it. A burst of
        // data-carrying queries alone counts too, with a much higher bar.
        const cOdd = saturate(odd + 0.5 * Math.min(data, odd) - 2, 4);
        const cData = saturate(data - 20, 15);
        if (cOdd > 0 && (!best || cOdd > best.contribution))
          best = reason('dns', `encoded_queries_per_min ${base}`, odd, 0, cOdd, d.refs, [0, 2]);
        if (cData > cOdd && (!best || cData > best.contribution))
          best = reason('dns', `txt_burst_per_min ${base}`, data, 0, cData, d.refs, [0, 20]);
      }
      if (best) reasons.push(best);
      return reasons;
    },
  };
}
