/**
 * Low and slow, detector by detector: paced vertical scans and horizontal sweeps over the hour, beacons with long
 * periods and wide jitter, weak evidence (malware-named IDS signatures, first contacts, beacon-like pairs), and the
 * engine keeping a slow beacon's pair state past its idle sweep.
 */
import { describe, expect, it } from 'vitest';
import { beaconDetector } from '../../server/scoring/detectors/beacon.js';
import { idsDetector, namesMalware } from '../../server/scoring/detectors/ids.js';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { noveltyDetector } from '../../server/scoring/detectors/novelty.js';
import { scanDetector } from '../../server/scoring/detectors/scan.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import { decodeState, encodeState } from '../../server/scoring/state-codec.js';
import type { Detector } from '../../server/scoring/types.js';
import type { Reason } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const T0 = Date.UTC(2024, 2, 5, 8, 0, 0);
const flow = (ts: number, over: Partial<NormalizedEvent> = {}): NormalizedEvent => ({
  ts,
  sensor: 'zeek-1',
  kind: 'flow',
  src_ip: '10.0.0.5',
  segment: 'lab',
  dst_ip: '10.0.1.10',
  dst_port: 443,
  proto: 'tcp',
  bytes_out: 700,
  conn_state: 'SF',
  ...over,
});

/** Feeds time-ordered events, closing each second that had events; returns each close's reasons. */
function drive<S>(d: Detector<S>, s: S, events: NormalizedEvent[], peer?: unknown): Reason[][] {
  const out: Reason[][] = [];
  let open = -1;
  const close = (b: number) => out.push(d.evaluate(s, { bucketStart: b, idleBuckets: 0, peer }));
  events.forEach((ev, i) => {
    const b = ev.ts - (ev.ts % 1000);
    if (open >= 0 && b > open) close(open);
    open = b;
    d.observe(s, ev, `e${i}`);
  });
  if (open >= 0) close(open);
  return out;
}

const top = (reasons: Reason[], feature: string) =>
  Math.max(0, ...reasons.filter((r) => r.feature.startsWith(feature)).map((r) => r.contribution));

/** A seeded uniform generator. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 16807) % 2147483647;
    return x / 2147483647;
  };
}

describe('paced scans', () => {
  it('scores a -T1 scan (a refused port every 15 s) above 60 within 30 minutes, and 100+ refused ports fully', () => {
    const d = scanDetector();
    const s = d.init('host');
    const probes = Array.from({ length: 200 }, (_, k) =>
      flow(T0 + k * 15_000, { dst_ip: '10.0.1.20', dst_port: 1 + k * 7, conn_state: 'REJ' }),
    );
    const reasons = drive(d, s, probes);
    const at = reasons.findIndex((r) => top(r, 'refused_ports_1h') >= 60);
    expect(at).toBeGreaterThan(0);
    expect(at * 15).toBeLessThanOrEqual(30 * 60);
    // per 10 s the scan is invisible: one port at a time
    expect(Math.max(...reasons.map((r) => top(r, 'distinct_ports_10s')))).toBe(0);
    expect(top(reasons[120]!, 'refused_ports_1h 10.0.1.20')).toBeGreaterThan(95);
  });

  it('scores one refused port a minute to one target: the scan does not teach its own hour (QA: 10 → 38, never alerted)', () => {
    const d = scanDetector();
    const s = d.init('host');
    const probes = Array.from({ length: 105 }, (_, k) =>
      flow(T0 + k * 60_000, { dst_ip: '10.77.1.10', dst_port: 1 + k, conn_state: 'REJ' }),
    );
    const reasons = drive(d, s, probes);
    const at = reasons.findIndex((r) => top(r, 'refused_ports_1h 10.77.1.10') >= 75);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThanOrEqual(45);
    // and stays judged by the usual hour it had: at the end, 60 ports in the hour are still far over it
    const last = reasons.at(-1)!.find((r) => r.feature === 'refused_ports_1h 10.77.1.10')!;
    expect(last.expected).toBeLessThan(12);
    expect(last.contribution).toBeGreaterThan(95);
  });

  it('leaves a host refused on a few ports of a few servers alone', () => {
    const d = scanDetector();
    const s = d.init('host');
    const r = rng(3);
    const events = Array.from({ length: 2000 }, (_, k) =>
      flow(T0 + k * 1500, {
        dst_ip: `10.0.1.${10 + Math.floor(r() * 6)}`,
        dst_port: [445, 443, 389, 88, 135, 1433][Math.floor(r() * 6)]!,
        conn_state: r() < 0.05 ? 'REJ' : 'SF',
      }),
    );
    expect(
      drive(d, s, events)
        .flat()
        .filter((x) => x.feature.includes('_1h')),
    ).toEqual([]);
  });

  it('scores a sweep of one port across local hosts at one a minute within 30 minutes, not failures to the internet', () => {
    const d = scanDetector();
    const s = d.init('host');
    const sweep = Array.from({ length: 40 }, (_, k) =>
      flow(T0 + k * 60_000, { dst_ip: `10.0.2.${k + 1}`, dst_port: 445, conn_state: k % 3 ? 'S0' : 'REJ' }),
    );
    const reasons = drive(d, s, sweep);
    const at = reasons.findIndex((r) => top(r, 'failed_hosts_1h port 445') >= 60);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThanOrEqual(30);
    const proxy = scanDetector();
    const failures = Array.from({ length: 200 }, (_, k) =>
      flow(T0 + k * 10_000, { dst_ip: `198.51.100.${k}`, dst_port: 443, conn_state: 'S0' }),
    );
    expect(
      drive(proxy, proxy.init('host'), failures)
        .flat()
        .filter((x) => x.feature.includes('_1h')),
    ).toEqual([]);
  });

  it('keeps the hour of failures bounded', () => {
    const d = scanDetector({ failCap: 64 });
    const s = d.init('host');
    drive(
      d,
      s,
      Array.from({ length: 3000 }, (_, k) => flow(T0 + k * 100, { dst_port: k + 1, conn_state: 'REJ' })),
    );
    expect(s.fails.ips.length).toBeLessThanOrEqual(64);
    expect(s.fails.rows.length).toBe(2 * s.fails.ips.length);
    expect(decodeState(encodeState(s))).toEqual(s);
  });
});

describe('long-period beacons', () => {
  /** Beats with each gap uniform within ± `jitter` of `period`, sizes within ±5 %. */
  const beacon = (period: number, jitter: number, beats: number, seed: number) => {
    const r = rng(seed);
    let t = T0;
    return Array.from({ length: beats }, () => {
      const ev = flow(t, { dst_ip: '203.0.113.9', bytes_out: Math.round(800 * (0.95 + r() * 0.1)) });
      t += Math.round(period * (1 + (r() * 2 - 1) * jitter));
      return ev;
    });
  };
  const firstBeat = (reasons: Reason[][], feature: string) =>
    reasons.findIndex((r) => top(r, feature) >= 60) + 1;

  it.each([
    ['60 s ±20 %', 60_000, 0.2, 15],
    ['10 min ±20 %', 600_000, 0.2, 12],
    ['1 h ±20 %', 3_600_000, 0.2, 12],
    ['5 min ±50 %', 300_000, 0.5, 32],
  ])('finds a beacon every %s within its target beats, over seeds', (_, period, jitter, target) => {
    for (let seed = 1; seed <= 10; seed++) {
      const d = beaconDetector();
      const reasons = drive(d, d.init('host'), beacon(period, jitter, 32, seed));
      const at = firstBeat(reasons, 'beacon_score 203.0.113.9:443');
      expect(at, `seed ${seed}`).toBeGreaterThan(0);
      expect(at, `seed ${seed}`).toBeLessThanOrEqual(target);
    }
  });

  it('does not take Poisson traffic with ordinary sizes for a beacon, however long', () => {
    const r = rng(11);
    let t = T0;
    const d = beaconDetector();
    const pairs = Array.from({ length: 400 }, () => {
      t += Math.round(-Math.log(r()) * 60_000) + 1000;
      return flow(t, { dst_ip: '10.0.1.20', bytes_out: Math.round(2000 * Math.exp(r() * 2 - 1)) });
    });
    expect(
      drive(d, d.init('host'), pairs)
        .flat()
        .filter((x) => x.contribution >= 60),
    ).toEqual([]);
  });

  it('gives a slow regular pair weak evidence (20) before it has the beats to be proven', () => {
    const d = beaconDetector();
    const reasons = drive(d, d.init('host'), beacon(150_000, 0.3, 7, 5)).flat();
    const like = reasons.filter((x) => x.feature === 'beacon_like 203.0.113.9:443');
    expect(like.length).toBeGreaterThan(0);
    expect(Math.max(...like.map((x) => x.contribution))).toBe(20);
    // the reason shows the timing it was judged on, past its limit: never a figure below the one "expected"
    for (const x of like) expect(x.observed).toBeGreaterThanOrEqual(x.expected);
    expect(like[0]!.expected).toBe(0.7);
  });

  it('is kept past the idle sweep while it could still be proven, and only that state', () => {
    const engine = new ScoringEngine({ detectors: defaultDetectors(), idleTtlMs: 5 * 60_000 });
    const beats = beacon(600_000, 0.2, 14, 2);
    const raised: number[] = [];
    for (const ev of beats) {
      engine.ingest(ev, `b${ev.ts}`, ev.ts);
      // a one-off host, forgotten after its idle time
      engine.ingest(flow(ev.ts, { src_ip: `10.0.0.${100 + raised.length}` }), 'x', ev.ts);
      const bucket = ev.ts - (ev.ts % 1000);
      engine.closeBefore(bucket + 1000);
      const host = engine.host('10.0.0.5');
      expect(host, 'the beacon host is still known').not.toBeNull();
      raised.push(host!.reasons.find((x) => x.detector === 'beacon')?.contribution ?? 0);
      // the clock runs on between beats, sweeping idle hosts
      for (let t = bucket + 10_000; t < bucket + 470_000; t += 10_000) engine.closeBefore(t);
    }
    expect(Math.max(...raised)).toBeGreaterThan(60);
    // the one-off hosts were forgotten; the beacon host kept (slim while idle)
    expect(engine.entityCount).toBeLessThanOrEqual(4);
  });
});

describe('weak evidence', () => {
  it('counts a JA3 match of a known family as a threat even at severity 3', () => {
    expect(namesMalware('ET JA3 Hash - [Abuse.ch] Possible Dridex')).toBe(true);
    expect(namesMalware('ET MALWARE FormBook CnC Checkin (GET)')).toBe(true);
    expect(namesMalware('ET POLICY curl User-Agent Outbound')).toBe(false);
    const d = idsDetector();
    const s = d.init('host');
    const ja3 = (ts: number): NormalizedEvent => ({
      ts,
      sensor: 's',
      kind: 'ids',
      src_ip: '10.0.0.5',
      segment: 'lab',
      signature: 'ET JA3 Hash - [Abuse.ch] Possible Dridex',
      category: 'Unknown Traffic',
      severity: 3,
    });
    const one = drive(d, s, [ja3(T0)]).flat();
    expect(one[0]!.contribution).toBeCloseTo(45, 0);
    const repeated = drive(
      d,
      s,
      Array.from({ length: 16 }, (_, k) => ja3(T0 + 1000 + k * 30_000)),
    ).flat();
    expect(Math.max(...repeated.map((x) => x.contribution))).toBeGreaterThan(75);
  });

  it('counts external addresses a host was the first of its segment to contact, weakly, after the warm-up', () => {
    const d = noveltyDetector({ warmupMs: 60_000 });
    const segment = d.init('segment');
    const host = d.init('host');
    const events = [
      ...Array.from({ length: 20 }, (_, k) => flow(T0 + k * 1000, { dst_ip: '13.107.42.14' })),
      ...Array.from({ length: 8 }, (_, k) => flow(T0 + 120_000 + k * 20_000, { dst_ip: `198.51.100.${k}` })),
      // seen before: not new
      flow(T0 + 300_000, { dst_ip: '13.107.42.14' }),
    ];
    const reasons: Reason[] = [];
    for (const [i, ev] of events.entries()) {
      d.observe(segment, ev, `e${i}`);
      d.observe(host, ev, `e${i}`);
      reasons.push(
        ...d.evaluate(host, { bucketStart: ev.ts - (ev.ts % 1000), idleBuckets: 0, peer: segment }),
      );
    }
    const last = reasons.at(-1)!;
    expect(last).toMatchObject({ feature: 'new_external_peers_1h', observed: 8 });
    expect(last.contribution).toBeGreaterThan(15);
    expect(last.contribution).toBeLessThanOrEqual(20);
  });
});

describe('engine with many detectors', () => {
  it('keeps every detector past the 31st working, fading ones included', () => {
    // 40 detectors that fade: each gives a reason for its own event kind only, so a quiet one must not mask another
    const make = (k: number): Detector<{ n: number }> => ({
      id: `d${k}`,
      entities: ['host'],
      fadesOnly: true,
      init: () => ({ n: 0 }),
      observe(s, ev) {
        if (ev.dst_port === k) s.n++;
      },
      evaluate(s) {
        if (s.n === 0) return [];
        s.n = 0;
        return [{ detector: `d${k}`, feature: 'x', observed: 1, expected: 0, contribution: 10 }];
      },
    });
    const engine = new ScoringEngine({
      detectors: Array.from({ length: 40 }, (_, k) => make(k) as Detector),
    });
    const at = (k: number) => T0 + k * 2000;
    for (const k of [0, 1, 32, 33, 39]) {
      engine.ingest(flow(at(k), { dst_port: k }), `e${k}`, at(k));
      engine.closeBefore(at(k) - (at(k) % 1000) + 1000);
      expect(engine.host('10.0.0.5')!.reasons.map((r) => r.detector)).toEqual([`d${k}`]);
    }
  });
});
