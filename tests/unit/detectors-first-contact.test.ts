import { describe, expect, it } from 'vitest';
import { GeoLookup } from '../../server/geo/geo-lookup.js';
import {
  CAP_HOST_NEW,
  CAP_SEGMENT_NEW,
  type FirstContactState,
  firstContactDetector,
} from '../../server/scoring/detectors/first-contact.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import type { Reason } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { worldDatabases } from '../support/geo-world.js';

const T0 = Date.UTC(2024, 2, 5, 8, 0, 0);
const MIN = 60_000;
const BASELINE = 30 * MIN;
const geo = new GeoLookup(worldDatabases());

const flow = (ts: number, src: string, dst: string, bytes = 5_000): NormalizedEvent => ({
  ts,
  sensor: 'zeek-1',
  kind: 'flow',
  src_ip: src,
  segment: 'energy',
  dst_ip: dst,
  dst_port: 443,
  proto: 'tcp',
  bytes_out: bytes,
  bytes_in: 0,
  conn_state: 'SF',
});

/** An engine with only the first-contact detector, fed a baseline: two hosts calling the usual EE service. */
function setup() {
  const engine = new ScoringEngine({
    detectors: [firstContactDetector({ baselineMs: BASELINE, geo })],
    geo,
  });
  let n = 0;
  const feed = (ev: NormalizedEvent) => engine.ingest(ev, `e${n++}`, ev.ts);
  for (let t = T0; t < T0 + BASELINE + MIN; t += 10_000) {
    feed(flow(t, '10.0.0.5', '198.51.100.10'));
    feed(flow(t + 1, '10.0.0.6', '198.51.100.11'));
  }
  const at = T0 + BASELINE + MIN;
  return { engine, feed, at };
}

const firstContact = (reasons: readonly Reason[] | undefined) =>
  (reasons ?? []).filter((r) => r.detector === 'first-contact');

describe('first contact', () => {
  it('is silent through the baseline and for the countries and ASes of the baseline', () => {
    const { engine, feed, at } = setup();
    feed(flow(at, '10.0.0.5', '198.51.100.99', 50_000_000));
    engine.closeBefore(at + 2000);
    expect(firstContact(engine.host('10.0.0.5')?.reasons)).toEqual([]);
  });

  it('a host sending 20 MB to a country its segment never talked to: the country, AS and volume in the reason', () => {
    const { engine, feed, at } = setup();
    feed(flow(at, '10.0.0.5', '203.0.113.7', 10_000_000));
    feed(flow(at + 500, '10.0.0.5', '203.0.113.7', 10_000_000));
    engine.closeBefore(at + 2000);
    const [r] = firstContact(engine.host('10.0.0.5')?.reasons);
    expect(r?.feature).toBe('first_contact country=KP');
    // bytes since the contact (halving every 10 minutes: a second later, all but a few kB)
    expect(r?.observed).toBeGreaterThan(19_950_000);
    expect(r?.observed).toBeLessThanOrEqual(20_000_000);
    expect(r?.geo).toEqual({
      ip: '203.0.113.7',
      country: 'KP',
      asn: 64500,
      org: 'Example Bulletproof Hosting',
    });
    expect(r?.contribution).toBeGreaterThan(0.95 * CAP_SEGMENT_NEW);
    expect(r?.contribution).toBeLessThanOrEqual(CAP_SEGMENT_NEW);
    expect(r?.examples).toEqual(expect.arrayContaining([expect.stringMatching(/^e\d+$/)]));
    // the segment says it too, with less weight (its host carries the rest)
    const seg = engine.segmentEvidence().find((s) => s.segment === 'energy');
    expect(seg?.reasons[0]?.feature).toBe('first_contact country=KP');
    expect(seg!.score).toBeLessThan(r!.contribution);
  });

  it('weighs by volume: a bare first contact is weak evidence, well under what megabytes give', () => {
    const small = setup();
    small.feed(flow(small.at, '10.0.0.5', '203.0.113.7', 2_000));
    small.engine.closeBefore(small.at + 2000);
    const weak = firstContact(small.engine.host('10.0.0.5')?.reasons)[0]!;
    const big = setup();
    big.feed(flow(big.at, '10.0.0.5', '203.0.113.7', 8_000_000));
    big.engine.closeBefore(big.at + 2000);
    const strong = firstContact(big.engine.host('10.0.0.5')?.reasons)[0]!;
    expect(weak.contribution).toBeGreaterThan(3);
    expect(weak.contribution).toBeLessThan(10);
    expect(strong.contribution).toBeGreaterThan(3 * weak.contribution);
  });

  it('names a new AS in a known country by its AS', () => {
    const { engine, feed, at } = setup();
    feed(flow(at, '10.0.0.6', '192.0.2.200', 3_000_000));
    engine.closeBefore(at + 2000);
    const [r] = firstContact(engine.host('10.0.0.6')?.reasons);
    expect(r?.feature).toBe('first_contact as=AS64502');
    expect(r?.geo?.country).toBe('EE');
  });

  it('the second host to reach it gets only the host-new weight', () => {
    const { engine, feed, at } = setup();
    feed(flow(at, '10.0.0.5', '203.0.113.7', 10_000_000));
    engine.closeBefore(at + 2000);
    feed(flow(at + 5000, '10.0.0.6', '203.0.113.8', 10_000_000));
    engine.closeBefore(at + 7000);
    const second = firstContact(engine.host('10.0.0.6')?.reasons)[0]!;
    expect(second.feature).toBe('first_contact country=KP');
    expect(second.contribution).toBeLessThanOrEqual(CAP_HOST_NEW);
    expect(second.contribution).toBeGreaterThan(CAP_HOST_NEW / 2);
  });

  it('a host new to the segment counts on the segment’s baseline; on its own only after its own', () => {
    const { engine, feed, at } = setup();
    // a host first seen now: the segment knows KP (from 10.0.0.5) and EE; the newcomer has no baseline of its own
    feed(flow(at, '10.0.0.5', '203.0.113.7', 1_000));
    engine.closeBefore(at + 2000);
    feed(flow(at + 3000, '10.0.0.77', '203.0.113.9', 40_000_000));
    feed(flow(at + 3001, '10.0.0.77', '2001:db8::1', 40_000_000));
    engine.closeBefore(at + 5000);
    const reasons = firstContact(engine.host('10.0.0.77')?.reasons);
    // KP is known to the segment (not its first); DE is the segment's first contact: only DE counts
    expect(reasons.map((r) => r.feature)).toEqual(['first_contact country=DE']);
  });

  it('fades: an hour after the contact it is no longer evidence', () => {
    const { engine, feed, at } = setup();
    feed(flow(at, '10.0.0.5', '203.0.113.7', 10_000_000));
    engine.closeBefore(at + 2000);
    // keep the host active with its usual traffic for an hour and a bit
    for (let t = at + 10_000; t < at + 65 * MIN; t += 10_000) feed(flow(t, '10.0.0.5', '198.51.100.10'));
    const half = engine.host('10.0.0.5')!;
    feed(flow(at + 65 * MIN, '10.0.0.5', '203.0.113.7', 1000));
    engine.closeBefore(at + 65 * MIN + 2000);
    // the host's score is only its evidence now: none, the contact known (no new one), the old one expired
    expect(engine.host('10.0.0.5')!.score).toBeLessThan(0.5);
    expect(half.score).toBeGreaterThan(0);
  });

  it('keeps its state as plain, bounded JSON', () => {
    const d = firstContactDetector({ baselineMs: 0 });
    const s = d.init('host');
    for (let i = 0; i < 400; i++) {
      const ev = flow(T0 + i * 1000, '10.0.0.5', '203.0.113.7');
      ev.dst_geo = { country: 'KP', asn: 70_000 + i };
      d.observe(s, ev, `e${i}`);
      d.evaluate(s, { bucketStart: T0 + i * 1000, idleBuckets: 0 });
    }
    const copy = JSON.parse(JSON.stringify(s)) as FirstContactState;
    expect(copy.size).toBeLessThanOrEqual(256);
    expect(Object.keys(copy.first ?? {}).length).toBe(copy.size);
    expect(copy.news.length).toBeLessThanOrEqual(8);
    // nothing placed, nothing learnt: no tables either
    expect(d.init('host').first).toBeNull();
  });

  it('does nothing with events the databases could not place', () => {
    const d = firstContactDetector({ baselineMs: 0, geo });
    const s = d.init('host');
    d.observe(s, flow(T0, '10.0.0.5', '8.8.8.8', 1e9), 'e0');
    d.observe(s, flow(T0, '10.0.0.5', '10.9.9.9', 1e9), 'e1');
    expect(d.evaluate(s, { bucketStart: T0, idleBuckets: 0 })).toEqual([]);
    expect(s.size).toBe(0);
  });
});
