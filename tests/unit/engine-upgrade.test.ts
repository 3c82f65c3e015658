/**
 * An older build's snapshot (version 2: the beacon's pairs in rows of ten numbers) is brought to this layout on
 * import, to exactly the state this build would hold, rather than left out (a rolling upgrade keeps what was learnt).
 */
import { describe, expect, it } from 'vitest';
import { COUNT, DIRTY, DOUBTED, FIELDS, FLAGS, ODD } from '../../server/scoring/detectors/beacon-table.js';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { ENGINE_STATE_VERSION, type EngineState, ScoringEngine } from '../../server/scoring/engine.js';
import { decodeState, encodeState } from '../../server/scoring/state-codec.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const START = 1_700_000_000_000;

const flow = (ts: number, src: string, dst: string, port: number, bytes: number): NormalizedEvent =>
  ({
    ts,
    sensor: 'sensor-energy',
    kind: 'flow',
    src_ip: src,
    segment: 'energy',
    dst_ip: dst,
    dst_port: port,
    proto: 'tcp',
    bytes_out: bytes,
  }) as NormalizedEvent;

/**
 * Twenty minutes: a beacon every 30 s (±3 s) to the internet (its ring of 32 beats wraps); hosts calling one server
 * every second (rings wrap, judged odd); a host with 24 destinations in bursts, more than its table of 16 holds, so
 * that odd pairs are given up and come back doubted.
 */
function events(): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (let k = 0; k < 40; k++)
    out.push(
      flow(START + k * 30_000 + ((k * 7919) % 6000) - 3000 + 5000, '10.9.0.50', '203.0.113.9', 443, 320),
    );
  for (let s = 0; s < 120; s++)
    for (let h = 0; h < 6; h++)
      out.push(flow(START + s * 1000 + h * 10, `10.9.0.${h}`, '10.9.1.1', 443, 1000 + s));
  // seven calls a second apart: judged (six beats and more), faster than a beacon: odd
  for (let round = 0; round < 10; round++)
    for (let d = 0; d < 24; d++)
      for (let k = 0; k < 7; k++)
        out.push(
          flow(START + round * 60_000 + d * 2_500 + k * 1000, '10.9.0.99', `198.51.100.${d}`, 8080, 500),
        );
  return out.sort((a, b) => a.ts - b.ts);
}

/** What a version 2 build saved: each beacon row as key, port, last, count, dirty, score, c, gap, odd, doubted. */
function asVersion2(state: EngineState, beacon: number): EngineState {
  const entities = (state.entities as { type: string; states: unknown[] }[]).map((e) => {
    if (e.type !== 'host') return e;
    const s = e.states[beacon] as { pairs: number[] };
    const rows: number[] = [];
    for (let row = 0; row < s.pairs.length; row += FIELDS) {
      const [key, port, last, count, score, c, gap, flags] = s.pairs.slice(row, row + FIELDS) as number[];
      const bit = (b: number) => ((flags! & b) !== 0 ? 1 : 0);
      rows.push(key!, port!, last!, count!, bit(DIRTY), score!, c!, gap!, bit(ODD), bit(DOUBTED));
    }
    const states = [...e.states];
    states[beacon] = { ...s, pairs: rows };
    return { ...e, states };
  });
  return { ...state, v: 2, entities };
}

describe('a version 2 snapshot', () => {
  it('is brought to the state this build holds, beacon rows and all', () => {
    const hostDetectors = defaultDetectors().filter((d) => d.entities.includes('host'));
    const beacon = hostDetectors.findIndex((d) => d.id === 'beacon');
    const engine = new ScoringEngine({ detectors: defaultDetectors() });
    for (const [i, ev] of events().entries()) {
      engine.ingest(ev, `r${i}`, ev.ts + 50);
      if (i % 20 === 19) engine.advance(ev.ts + 50);
    }
    const now = engine.exportState();
    expect(now.v).toBe(ENGINE_STATE_VERSION);
    // the cases the conversion must get right are there: wrapped rings, doubted pairs
    const pairs = (now.entities as { type: string; states: unknown[] }[])
      .filter((e) => e.type === 'host')
      .map((e) => (e.states[beacon] as { pairs: number[] }).pairs);
    const rows = pairs.flatMap((p) =>
      Array.from({ length: p.length / FIELDS }, (_, i) => p.slice(i * FIELDS)),
    );
    expect(rows.some((r) => r[COUNT]! > 32)).toBe(true);
    expect(rows.some((r) => (r[FLAGS]! & DOUBTED) !== 0)).toBe(true);

    const old = decodeState<EngineState>(encodeState(asVersion2(now, beacon)));
    const upgraded = new ScoringEngine({ detectors: defaultDetectors() });
    expect(upgraded.importState(old)).toBe(now.entities.length);
    expect(encodeState(upgraded.exportState())).toBe(encodeState(now));
    // an older layout than version 2 is still left out
    const fresh = new ScoringEngine({ detectors: defaultDetectors() });
    expect(fresh.importState(decodeState(encodeState({ ...now, v: 1 })))).toBe(0);
  });
});
