/**
 * @module Memory per active host: `node --expose-gc --import tsx bench/memory.ts [hosts]`. Feeds every host of a
 * simulated network a few minutes of traffic through the engine with every detector (recent-event drill-down on
 * and off), and reports the heap growth per 10,000 hosts after a full GC.
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

for (const recentPerHost of [0, 20]) {
  const before = heap();
  const engine = new ScoringEngine({ detectors: defaultDetectors(), recentPerHost });
  for (let t = start; t < start + minutes * 60_000; t += 1000) {
    for (const ev of generator.eventsBetween(t, t + 1000)) engine.ingest(ev, ev.event_id, ev.ts);
    engine.advance(t + 1000);
  }
  const used = heap() - before;
  const per10k = (used / engine.entityCount) * 10_000;
  console.log(
    `recent events per host ${recentPerHost}: ${engine.entityCount} entities, ${(used / 2 ** 20).toFixed(1)} MiB, ` +
      `${(per10k / 2 ** 20).toFixed(1)} MiB per 10k active hosts`,
  );
  // Keep the engine alive until measured.
  if (engine.entityCount < 0) console.log(engine);
}
