/**
 * @module Scoring cost per event: every detector vs scoring v0 (rate only), the same simulated events in the same
 * run, CPU time. `npx tsx bench/scoring-cost.ts [seconds]`.
 */
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { rateDetector } from '../server/scoring/detectors/rate.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import type { Detector } from '../server/scoring/types.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';

const seconds = Number(process.argv[2] ?? 600);
const start = Date.UTC(2024, 2, 5, 8);
const generator = createGenerator({ seed: 5, topology: buildTopology(5) });
const events = generator.eventsBetween(start, start + seconds * 1000);

function cost(detectors: readonly Detector[]): number {
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

cost([rateDetector()]); // warm up the JIT on both paths
cost(defaultDetectors());
const v0 = cost([rateDetector()]);
const all = cost(defaultDetectors());
console.log(`${events.length} events (${buildTopology(5).hosts.length} hosts, ${seconds} s)`);
console.log(`scoring v0 (rate):  ${v0.toFixed(0)} ns/event`);
console.log(`all detectors:      ${all.toFixed(0)} ns/event  (${(all / v0).toFixed(2)}× v0)`);
