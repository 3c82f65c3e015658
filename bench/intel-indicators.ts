/**
 * @module Synthetic indicators for the intel cost benchmark: a deterministic mix shaped like national CERT feeds
 * (addresses 40 %, CIDRs 10 %, domains 30 %, URLs 10 %, file hashes and JA3 10 %); the same feed after a warninglist
 * of the simulated network's well-known services (as MISP's lists for Microsoft, GitHub, Google… would drop its two
 * broad CIDRs over CDN nodes, which flag most of the simulated hosts); and an index that looks every event up but
 * discards its matches, which splits the cost of matching from the cost of scoring what matched.
 */
import { IntelIndex } from '../server/intel/intel-index.js';
import type { Indicator, Observable } from '../server/intel/types.js';
import { applyWarninglists, buildWarninglist } from '../server/intel/warninglist.js';
import { EXTERNAL_SERVICES, UPSTREAM_RESOLVERS } from '../server/simulate/catalog.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';

/** The same lookups with every match discarded: what matching costs before any evidence is scored. */
export class LookupsOnly extends IntelIndex {
  override match(ev: NormalizedEvent): null {
    super.match(ev);
    return null;
  }
}

/** A small seeded generator (Park–Miller), so that every run indexes the same indicators. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 16807) % 2147483647;
    return x / 2147483647;
  };
}

export function syntheticIndicators(n: number, seed = 11): Indicator[] {
  const rnd = seeded(seed);
  const int = (max: number) => Math.floor(rnd() * max);
  const label = () =>
    Array.from({ length: 4 + int(10) }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[int(36)]).join('');
  const hex = (len: number) => Array.from({ length: len }, () => '0123456789abcdef'[int(16)]).join('');
  // public-looking first octets (no 10/8, 127/8, 172.16/12 or 192.168/16: the simulator's hosts are local)
  const octet1 = () => [23, 45, 62, 81, 91, 103, 141, 185, 193, 203][int(10)]!;
  const out: Indicator[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    let o: Observable;
    if (r < 0.4) o = { type: 'ip', value: `${octet1()}.${int(256)}.${int(256)}.${int(256)}` };
    else if (r < 0.5) {
      const bits = 16 + int(13);
      const n32 = ((octet1() << 24) >>> 0) + int(2 ** 24);
      const masked = n32 - (n32 % 2 ** (32 - bits));
      const ip = [24, 16, 8, 0].map((s) => Math.floor(masked / 2 ** s) % 256).join('.');
      o = { type: 'cidr', value: `${ip}/${bits}` };
    } else if (r < 0.8)
      o = { type: 'domain', value: `${label()}.${['com', 'net', 'xyz', 'top', 'ru'][int(5)]}` };
    else if (r < 0.9) o = { type: 'url', value: `${label()}.com/${label()}/${label()}.php` };
    else o = { type: 'hash', value: hex(rnd() < 0.5 ? 32 : 64) };
    out.push({
      feed: 'bench',
      id: `indicator--${i}`,
      confidence: 50 + int(50),
      labels: ['malicious-activity'],
      attack: ['T1071'],
      observables: [o],
    });
  }
  return out;
}

/** The simulated network's well-known services and resolvers as one warninglist (addresses and names). */
export function simulatorWarninglist() {
  return buildWarninglist('simulated well-known services', 'bench', [
    ...EXTERNAL_SERVICES.flatMap(([ip, domain]) => [
      { type: 'cidr', value: ip },
      { type: 'hostname', value: domain },
    ]),
    ...UPSTREAM_RESOLVERS.map((ip) => ({ type: 'cidr', value: ip })),
  ]);
}

/** {@link syntheticIndicators} with what the simulator's warninglist names left out. */
export function warnedIndicators(n: number, seed = 11): { indicators: Indicator[]; warned: number } {
  const feed = { indicators: syntheticIndicators(n, seed), skipped: [], expired: 0 };
  const warned = applyWarninglists(feed, [simulatorWarninglist()]);
  return { indicators: feed.indicators, warned };
}
