import { describe, expect, it } from 'vitest';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { type HostSnapshot, ScoringEngine } from '../../server/scoring/engine.js';
import { createGenerator } from '../../server/simulate/generator.js';
import { buildTopology } from '../../server/simulate/network-model.js';

const start = Date.UTC(2024, 2, 5, 8);

function feed(
  engines: ScoringEngine[],
  events: ReturnType<ReturnType<typeof createGenerator>['eventsBetween']>,
) {
  let tick = -1;
  for (const ev of events) {
    const second = ev.ts - (ev.ts % 1000);
    if (second !== tick) {
      for (const e of engines) e.advance(second);
      tick = second;
    }
    for (const e of engines) e.ingest(ev, ev.event_id, ev.ts);
  }
}

describe("a host's state exported and imported", () => {
  it('goes through JSON and scores on exactly as the host it came from', () => {
    const gen = createGenerator({
      seed: 9,
      topology: buildTopology(9, { hosts: 120 }),
      rate: 150,
      rhythm: 0,
    });
    const first = gen.eventsBetween(start, start + 150_000);
    const then = gen.eventsBetween(start + 150_000, start + 210_000);
    const a = new ScoringEngine({ detectors: defaultDetectors() });
    const b = new ScoringEngine({ detectors: defaultDetectors() });
    feed([a, b], first);
    // the most anomalous hosts: reasons, a timeline, beacon pairs with beats
    const hosts = a.topHosts(5).map((h) => h.ip);
    expect(hosts.length).toBeGreaterThan(0);
    for (const ip of hosts) {
      const snap = JSON.parse(JSON.stringify(a.exportHost(ip))) as HostSnapshot;
      expect(snap.timeline?.t.length).toBeGreaterThan(0);
      b.importHost(snap);
      expect(b.host(ip)).toEqual(a.host(ip));
    }
    feed([a, b], then);
    for (const ip of hosts) expect(b.host(ip)).toEqual(a.host(ip));
    expect(b.topHosts(10)).toEqual(a.topHosts(10));
    expect(a.exportHost('192.0.2.250')).toBeNull();
  }, 120_000);

  it('is refused by an engine running other detectors', () => {
    const a = new ScoringEngine({ detectors: defaultDetectors() });
    a.ingest({ ts: start, sensor: 's', kind: 'flow', src_ip: '10.0.0.1', segment: 'x' }, 'r1', start);
    const snap = a.exportHost('10.0.0.1')!;
    const b = new ScoringEngine({ detectors: defaultDetectors({ disable: ['beacon'] }) });
    expect(() => b.importHost(snap)).toThrow(/detectors/);
  });
});
