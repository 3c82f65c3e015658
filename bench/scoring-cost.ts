/**
 * @module Scoring cost per event: every detector vs scoring v0 (rate only), the same simulated events in the same
 * run, CPU time. Part of `npm run bench` (compiled), or `npx tsx bench/scoring-cost.ts [seconds]`. Measured twice: on the generator's events as they come,
 * and on the same events after a JSON round trip (flat strings and fresh objects, as the decoders hand them over).
 */
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { rateDetector } from '../server/scoring/detectors/rate.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import type { Detector } from '../server/scoring/types.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';

const seconds = Number(process.argv[2] ?? 600);
const start = Date.UTC(2024, 2, 5, 8);
const generator = createGenerator({ seed: 5, topology: buildTopology(5) });
const generated = generator.eventsBetween(start, start + seconds * 1000);
const decoded = JSON.parse(JSON.stringify(generated)) as typeof generated;

function cost(
  events: readonly (NormalizedEvent & { event_id: string })[],
  detectors: readonly Detector[],
): number {
  const engine = new ScoringEngine({ detectors });
  const cpu = process.cpuUsage();
  let tick = start;
  for (const ev of events) {
    if (ev.ts >= tick + 1000) {
      engine.advance(ev.ts);
      tick = ev.ts - (ev.ts % 1000);
    }
    engine.ingest(ev, ev.event_id, ev.ts);
  }
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) * 1000) / events.length;
}

console.log(`${generated.length} events (${buildTopology(5).hosts.length} hosts, ${seconds} s)`);
for (const [label, events] of [
  ['generated', generated],
  ['decoded', decoded],
] as const) {
  cost(events, [rateDetector()]); // warm up the JIT on both paths
  cost(events, defaultDetectors());
  const v0 = cost(events, [rateDetector()]);
  const all = cost(events, defaultDetectors());
  console.log(`${label} events`);
  console.log(`  scoring v0 (rate):  ${v0.toFixed(0)} ns/event`);
  console.log(`  all detectors:      ${all.toFixed(0)} ns/event  (${(all / v0).toFixed(2)}× v0)`);
}
