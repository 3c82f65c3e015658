/**
 * @module Memory per active host: `node --expose-gc --import tsx bench/memory.ts [hosts] [recent]`. Feeds every
 * host of a simulated network five minutes of traffic through the engine with every detector (`recent` events per
 * host kept for drill-down, default 20) and reports the heap growth per 10,000 hosts after a full GC. One configuration per process, so nothing of another run is counted or freed during the measurement.
 */
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const hosts = Number(process.argv[2] ?? 10_000);
const topology = buildTopology(3, { hosts });
const start = Date.UTC(2024, 2, 5, 8);
const minutes = 5;
// Enough events that nearly every host is seen many times: about 1 event per host per second.
const generator = createGenerator({ seed: 3, topology, rate: hosts, rhythm: 0 });

function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

function feed(engine: ScoringEngine, ms: number): void {
  for (let t = start; t < start + ms; t += 1000) {
    for (const ev of generator.eventsBetween(t, t + 1000)) engine.ingest(ev, ev.event_id, ev.ts);
    engine.advance(t + 1000);
  }
}

// A throwaway pass first, so compiled code and one-off allocations are not counted.
feed(new ScoringEngine({ detectors: defaultDetectors() }), 20_000);
for (const recentPerHost of [Number(process.argv[3] ?? 20)]) {
  const before = heap();
  const engine = new ScoringEngine({ detectors: defaultDetectors(), recentPerHost });
  feed(engine, minutes * 60_000);
  const used = heap() - before;
  const per10k = (used / engine.entityCount) * 10_000;
  console.log(
    `recent events per host ${recentPerHost}: ${engine.entityCount} entities, ${(used / 2 ** 20).toFixed(1)} MiB, ` +
      `${(per10k / 2 ** 20).toFixed(1)} MiB per 10k active hosts`,
  );
  // Keep the engine alive until measured.
  if (engine.entityCount < 0) console.log(engine);
}
