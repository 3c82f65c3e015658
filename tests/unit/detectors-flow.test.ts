import { describe, expect, it } from 'vitest';
import { beaconDetector } from '../../server/scoring/detectors/beacon.js';
import { C, FIELDS, pairCount } from '../../server/scoring/detectors/beacon-table.js';
import { scanDetector } from '../../server/scoring/detectors/scan.js';
import { type VolumeState, volumeDetector } from '../../server/scoring/detectors/volume.js';
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
  bytes_out: 2000,
  conn_state: 'SF',
  ...over,
});

/** Feeds events (sorted) second by second; returns the reasons of every closed bucket. */
function drive<S>(d: Detector<S>, s: S, events: NormalizedEvent[], peer?: unknown): Reason[][] {
  const out: Reason[][] = [];
  let open = -1;
  let last = -1;
  const close = (b: number) => {
    const idle = last < 0 ? 0 : (b - last) / 1000 - 1;
    out.push(d.evaluate(s, { bucketStart: b, idleBuckets: idle, ...(peer ? { peer } : {}) }));
    last = b;
  };
  events.forEach((ev, i) => {
    const b = ev.ts - (ev.ts % 1000);
    if (open >= 0 && b > open) close(open);
    open = b;
    d.observe(s, ev, `e${i}`);
  });
  if (open >= 0) close(open);
  return out;
}

const top = (rs: Reason[]) => rs.reduce((m, r) => Math.max(m, r.contribution), 0);

describe('scan detector', () => {
  it('scores a fast port sweep with failures, and explains it with ports, band and example events', () => {
    const d = scanDetector();
    const s = d.init('host');
    const quiet = Array.from({ length: 300 }, (_, i) =>
      flow(T0 + i * 1000, { dst_port: [443, 445, 389][i % 3] }),
    );
    expect(drive(d, s, quiet).every((r) => r.length === 0)).toBe(true);
    const probes = Array.from({ length: 40 }, (_, i) =>
      flow(T0 + 300_000 + i * 20, { dst_port: 1000 + i, conn_state: i % 2 ? 'S0' : 'REJ', bytes_out: 0 }),
    );
    const [reasons] = drive(d, s, probes);
    const ports = reasons!.find((r) => r.feature === 'distinct_ports_10s')!;
    expect(ports.observed).toBeGreaterThanOrEqual(40);
    expect(ports.contribution).toBeGreaterThan(70);
    expect(ports.band![1]).toBeGreaterThanOrEqual(12);
    expect(ports.examples!.length).toBeGreaterThan(0);
  });

  it('keeps bounded state however many ports it sees', () => {
    const d = scanDetector({ cap: 64 });
    const s = d.init('host');
    drive(
      d,
      s,
      Array.from({ length: 5000 }, (_, i) =>
        flow(T0 + i, { dst_port: i + 1, dst_ip: `10.9.${i >> 8}.${i & 255}`, conn_state: 'S0' }),
      ),
    );
    // (port, last used) side by side
    const ports = s.ports.filter((_, i) => i % 2 === 0);
    expect(ports.length).toBe(64);
    expect(new Set(ports).size).toBe(64);
    expect(Math.min(...ports)).toBe(5000 - 63);
    expect(s.hosts.size).toBe(64);
    expect(decodeState(encodeState(s))).toEqual(s);
  });
});

describe('beacon detector', () => {
  it('finds a regular small beacon after enough beats, but not a Poisson pair', () => {
    const d = beaconDetector();
    const s = d.init('host');
    let x = 1;
    const rnd = () => {
      x = (x * 16807) % 2147483647;
      return x / 2147483647;
    };
    const beats = Array.from({ length: 14 }, (_, k) =>
      flow(T0 + k * 30_000 + Math.round((rnd() - 0.5) * 3000), {
        dst_ip: '203.0.113.9',
        bytes_out: 600 + Math.round(rnd() * 20),
      }),
    );
    let t = T0;
    const noise = Array.from({ length: 60 }, () => {
      t += Math.round(-Math.log(rnd()) * 30_000) + 1000;
      return flow(t, { dst_ip: '10.0.1.20', bytes_out: Math.round(2000 * Math.exp(rnd() * 2 - 1)) });
    });
    const reasons = drive(
      d,
      s,
      [...beats, ...noise].sort((a, b) => a.ts - b.ts),
    );
    const beacon = reasons.flat().filter((r) => r.detector === 'beacon');
    expect(beacon.length).toBeGreaterThan(0);
    expect(beacon.every((r) => r.feature.includes('203.0.113.9:443'))).toBe(true);
    expect(top(beacon)).toBeGreaterThan(64);
  });

  it('finds a fast beacon (every 5 s ±10 %) within 12 beats, but not a Poisson pair of the same rate', () => {
    let x = 7;
    const rnd = () => {
      x = (x * 16807) % 2147483647;
      return x / 2147483647;
    };
    const jittered = (k: number) => T0 + k * 5000 + Math.round((rnd() * 2 - 1) * 500);
    const d = beaconDetector();
    const fast = Array.from({ length: 12 }, (_, k) =>
      flow(jittered(k), { dst_ip: '203.0.113.9', bytes_out: 600 }),
    );
    const found = drive(d, d.init('host'), fast).flat();
    expect(top(found.filter((r) => r.feature === 'beacon_score 203.0.113.9:443'))).toBeGreaterThan(60);

    let t = T0;
    const poisson = Array.from({ length: 40 }, () => {
      t += Math.round(-Math.log(rnd()) * 5000) + 1000;
      return flow(t, { dst_ip: '10.0.1.20', bytes_out: 600 });
    });
    expect(drive(d, d.init('host'), poisson).flat()).toEqual([]);
    // faster than 4 s is a session (volume and scan judge it), however regular
    const session = Array.from({ length: 40 }, (_, k) =>
      flow(T0 + k * 2000, { dst_ip: '10.0.1.21', bytes_out: 600 }),
    );
    expect(drive(d, d.init('host'), session).flat()).toEqual([]);
  });

  it('keeps a beacon through a churn of one-off destinations, in bounded state', () => {
    const d = beaconDetector({ pairs: 4, beats: 16 });
    const s = d.init('host');
    const beats = Array.from({ length: 24 }, (_, k) =>
      flow(T0 + k * 30_000, { dst_ip: '203.0.113.9', bytes_out: 600 }),
    );
    // a new destination every 10 s, each seen once: they displace one another, never the beacon
    const churn = Array.from({ length: 80 }, (_, k) =>
      flow(T0 + 1500 + k * 10_000, { dst_ip: `198.51.100.${k}`, dst_port: 80 }),
    );
    const reasons = drive(
      d,
      s,
      [...beats, ...churn].sort((a, b) => a.ts - b.ts),
    ).flat();
    expect(reasons.some((r) => r.feature === 'beacon_score 203.0.113.9:443')).toBe(true);
    // one-off destinations are only noted (a ring of first contacts); the beacon is tracked from its second call
    expect(pairCount(s)).toBe(1);
    expect(s.pairs.length).toBe(FIELDS);
    expect(s.beats.length).toBe(1);
    expect(s.beats[0]!.length).toBe(2 * 16);
    expect(s.seen.length).toBeLessThanOrEqual(32 * 3);
    expect(s.pairs[C]! > 0 ? 1 : 0).toBe(s.scored);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('ignores multicast announcements and NTP', () => {
    const d = beaconDetector();
    const s = d.init('host');
    const ssdp = Array.from({ length: 30 }, (_, k) =>
      flow(T0 + k * 30_000, { dst_ip: '239.255.255.250', dst_port: 1900 }),
    );
    const ntp = Array.from({ length: 30 }, (_, k) =>
      flow(T0 + k * 30_000 + 5, { dst_ip: '192.0.2.1', dst_port: 123 }),
    );
    expect(
      drive(
        d,
        s,
        [...ssdp, ...ntp].sort((a, b) => a.ts - b.ts),
      ).flat(),
    ).toEqual([]);
  });
});

describe('volume detector', () => {
  it('flags external bytes far above the host’s own baseline, with the baseline as expected value and band', () => {
    const d = volumeDetector({ warmup: 120 });
    const s = d.init('host');
    const normal = Array.from({ length: 600 }, (_, i) =>
      flow(T0 + i * 1000, { dst_ip: '142.250.74.46', bytes_out: 3000 }),
    );
    expect(drive(d, s, normal).flat()).toEqual([]);
    const exfil = Array.from({ length: 10 }, (_, i) =>
      flow(T0 + 600_000 + i * 1000, { dst_ip: '203.0.113.66', bytes_out: 8e6 }),
    );
    const reasons = drive(d, s, exfil).flat();
    const ext = reasons.filter((r) => r.feature === 'bytes_out_ext_per_s').at(-1)!;
    expect(ext.contribution).toBeGreaterThan(64);
    expect(ext.expected).toBeGreaterThan(2000);
    expect(ext.expected).toBeLessThan(10_000);
    expect(ext.band![1]).toBeLessThan(ext.observed);
  });

  it('judges a new host against its segment peers as they were a minute earlier', () => {
    const d = volumeDetector();
    const seg = d.init('segment') as VolumeState;
    const peers = Array.from({ length: 600 }, (_, i) =>
      flow(T0 + i * 1000, { src_ip: `10.0.0.${10 + (i % 20)}`, dst_ip: '142.250.74.46', bytes_out: 2000 }),
    );
    drive(d, seg, peers);
    const fresh = d.init('host');
    const reasons = drive(
      d,
      fresh,
      [flow(T0 + 601_000, { src_ip: '10.0.0.99', dst_ip: '203.0.113.66', bytes_out: 5e7 })],
      seg,
    );
    expect(reasons.flat().find((r) => r.feature === 'bytes_out_ext_vs_peers')?.contribution).toBeGreaterThan(
      64,
    );
  });
});
