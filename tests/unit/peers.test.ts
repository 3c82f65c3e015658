/** Which hosts have evidence naming an address or a name: read from the detectors' state on demand. */
import { describe, expect, it } from 'vitest';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ScoringEngine } from '../../server/scoring/engine.js';
import { namesIt, PEERS_SLICE, peerQuery, peersAnswer } from '../../server/scoring/peers.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const T0 = Date.UTC(2026, 11, 7, 8);
const C2 = '198.51.100.7';

function engineWith(events: NormalizedEvent[]): ScoringEngine {
  const engine = new ScoringEngine({ detectors: defaultDetectors() });
  events.sort((a, b) => a.ts - b.ts);
  let tick = -1;
  events.forEach((ev, i) => {
    const second = ev.ts - (ev.ts % 1000);
    if (second !== tick) engine.advance(second);
    tick = second;
    engine.ingest(ev, `r${i}`, ev.ts);
  });
  engine.advance(tick + 2000);
  return engine;
}

const flow = (
  src: string,
  dst: string,
  at: number,
  more: Partial<NormalizedEvent> = {},
): NormalizedEvent => ({
  ts: at,
  sensor: 'zeek-1',
  kind: 'flow',
  src_ip: src,
  segment: 'ministry',
  dst_ip: dst,
  dst_port: 443,
  proto: 'tcp',
  bytes_out: 900,
  bytes_in: 4000,
  ...more,
});

describe('hosts whose evidence names an address', () => {
  const events: NormalizedEvent[] = [];
  // two hosts call the same C2 every minute for 20 minutes
  for (let k = 0; k < 20; k++) {
    events.push(flow('10.0.0.1', C2, T0 + k * 60_000));
    events.push(flow('10.0.0.2', C2, T0 + 7_000 + k * 60_000));
  }
  // one host contacts it once: an ordinary contact leaves no evidence
  events.push(flow('10.0.0.6', C2, T0 + 600_000));
  // a host queries encoded names under one domain
  for (let k = 0; k < 40; k++)
    events.push({
      ts: T0 + 300_000 + k * 2_000,
      sensor: 'zeek-1',
      kind: 'dns',
      src_ip: '10.0.0.4',
      segment: 'ministry',
      query: `${(0x9f3a5c7e + k * 7919).toString(16)}${(0x1b2d4f6a + k * 104_729).toString(16)}a7c3e9f1d5b2.tunnel.example`,
      qtype: 'TXT',
      rcode: 'NOERROR',
    });
  // a host fails to reach one internal address on many ports
  for (let k = 0; k < 30; k++)
    events.push(
      flow('10.0.0.5', '10.0.0.99', T0 + 400_000 + k * 1_000, { dst_port: 1000 + k, conn_state: 'REJ' }),
    );
  const engine = engineWith(events);

  it('finds every host beaconing to an outside address, the most recently seen first, and not a one-off contact', async () => {
    const found = await engine.hostsNaming(C2);
    expect(found.map((m) => m.ip)).toEqual(['10.0.0.2', '10.0.0.1']);
    expect(found[0]!.seen).toEqual([{ detector: 'beacon', value: C2, at: T0 + 7_000 + 19 * 60_000 }]);
    expect(found[0]!.segment).toBe('ministry');
    expect(found.every((m) => m.score >= 0)).toBe(true);
  });

  it('finds a domain by the name a report gives, the registered domain, any case, with or without the final dot', async () => {
    for (const q of ['c2.tunnel.example', 'tunnel.example', 'TUNNEL.Example.']) {
      const found = await engine.hostsNaming(q);
      expect(found.map((m) => m.ip)).toEqual(['10.0.0.4']);
      expect(found[0]!.seen[0]).toMatchObject({ detector: 'dns', value: 'tunnel.example' });
    }
    expect(await engine.hostsNaming('unnel.example')).toEqual([]);
  });

  it('finds the source of failed attempts on an internal address', async () => {
    const found = await engine.hostsNaming('10.0.0.99');
    expect(found.map((m) => m.ip)).toEqual(['10.0.0.5']);
    expect(found[0]!.seen.map((s) => s.detector)).toEqual(['scan']);
  });

  it('names nothing it does not hold', async () => {
    expect(await engine.hostsNaming('203.0.113.1')).toEqual([]);
    expect(await engine.hostsNaming('198.51.100.70')).toEqual([]);
  });

  it('answers the first PEERS_LIMIT of several engines, newest first, with the total of all', async () => {
    const a = await engine.hostsNaming(C2);
    const answer = peersAnswer(C2, [...a].reverse(), 7);
    expect(answer).toEqual({ q: C2, peers: a, total: 7 });
  });
});

describe('a network of thousands of hosts', () => {
  it('is read in slices, the event loop turning between them, and every host is found', async () => {
    const events: NormalizedEvent[] = [];
    for (let h = 0; h < 2 * PEERS_SLICE + 500; h++)
      events.push(
        flow(`10.${1 + (h >> 8)}.${h & 255}.9`, '10.200.0.1', T0 + h, { dst_port: 22, conn_state: 'S0' }),
      );
    const engine = engineWith(events);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    const found = await engine.hostsNaming('10.200.0.1');
    expect(turned).toBe(true);
    expect(found).toHaveLength(2 * PEERS_SLICE + 500);
    // the most recently seen first
    expect(found[0]!.ip).toBe(`10.${1 + ((2 * PEERS_SLICE + 499) >> 8)}.${(2 * PEERS_SLICE + 499) & 255}.9`);
  });
});

describe('what names what', () => {
  it('an address only itself, in its canonical form', () => {
    expect(namesIt('10.1.2.3', '10.1.2.3')).toBe(true);
    expect(namesIt('110.1.2.3', '10.1.2.3')).toBe(false);
    expect(namesIt('10.1.2.30', '10.1.2.3')).toBe(false);
    expect(peerQuery(' 2001:DB8:0:0::1 ')).toBe('2001:db8::1');
    expect(namesIt('2001:db8::1', peerQuery('2001:0db8::0001'))).toBe(true);
  });

  it('a name itself, its subdomains and its parent domains, whole labels only', () => {
    expect(namesIt('evil.example', 'a.b.evil.example')).toBe(true);
    expect(namesIt('a.b.evil.example', 'evil.example')).toBe(true);
    expect(namesIt('Evil.Example', 'evil.example')).toBe(true);
    expect(namesIt('devil.example', 'evil.example')).toBe(false);
    expect(namesIt('evil.example', 'evil.example.org')).toBe(false);
    expect(peerQuery('C2.Evil.Example.')).toBe('c2.evil.example');
  });
});
