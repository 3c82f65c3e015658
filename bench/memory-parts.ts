/**
 * @module Where the scoring engine's memory per active host goes: `node --expose-gc --import tsx
 * bench/memory-parts.ts [hosts]`. Feeds an engine as bench/memory.ts does (no recent events kept), then clears each
 * part of every host in turn (each detector's state, the timeline, the sparkline, the reasons) and reports what the
 * heap and the typed arrays' buffers lost, per active host; what is left is the entities themselves and the maps.
 */
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import type { Entity } from '../server/scoring/entity.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const hosts = Number(process.argv[2] ?? 3000);
const start = Date.UTC(2024, 2, 5, 8);

function used(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function fed(): ScoringEngine {
  const generator = createGenerator({
    seed: 3,
    topology: buildTopology(3, { hosts }),
    rate: hosts,
    rhythm: 0,
  });
  const engine = new ScoringEngine({ detectors: defaultDetectors(), recentPerHost: 0 });
  for (let t = start; t < start + 5 * 60_000; t += 1000) {
    for (const ev of generator.eventsBetween(t, t + 1000)) engine.ingest(ev, ev.event_id, ev.ts);
    engine.advance(t + 1000);
  }
  return engine;
}

function measure(): void {
  const before = used();
  const engine = fed();
  const all = used() - before;
  const entities = [...(engine as unknown as { hosts: Map<string, Entity> }).hosts.values()];
  const n = engine.entityCount;
  const kb = (b: number) => `${(b / n / 1024).toFixed(2)} KB`;
  console.log(`${n} entities, ${kb(all)} a host in all`);
  const parts: [string, (e: Entity) => void][] = [
    ...defaultDetectors()
      .filter((d) => d.entities.includes('host'))
      .map((d, i): [string, (e: Entity) => void] => [
        d.id,
        (e) => {
          e.states[i] = null;
        },
      ]),
    ['timeline', (e) => (e.timeline = null)],
    ['sparkline', (e) => (e.spark = null)],
    ['reasons', (e) => (e.reasons = [])],
  ];
  let last = used();
  for (const [name, clear] of parts) {
    for (const e of entities) clear(e);
    const now = used();
    console.log(`${name.padEnd(14)} ${kb(last - now)}`);
    last = now;
  }
  console.log(`${'rest'.padEnd(14)} ${kb(last - before)}`);
}

// a throwaway pass first, so compiled code and one-off allocations are not counted
fed();
measure();
