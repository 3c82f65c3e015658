/**
 * @module Scoring cost per event: every detector vs scoring v0 (rate only), the same simulated events in the same
 * run, CPU time. Part of `npm run bench` (compiled), or `npx tsx bench/scoring-cost.ts [seconds]`. Measured twice: on the generator's events as they come,
 * and on the same events after a JSON round trip (flat strings and fresh objects, as the decoders hand them over).
 * Then the intel detector over 100k indicators (bench/intel-indicators.ts) on the decoded events, split into its
 * lookups alone (matches discarded) and the lookups with their matches scored, against every detector without it.
 */
import { IndicatorTable } from '../server/intel/indicator-table.js';
import { IntelIndex } from '../server/intel/intel-index.js';
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { rateDetector } from '../server/scoring/detectors/rate.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import type { Detector } from '../server/scoring/types.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';
import { LookupsOnly, syntheticIndicators } from './intel-indicators.js';

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

const table = new IndicatorTable(syntheticIndicators(100_000));
const intel = new IntelIndex([table]);
const lookups = new LookupsOnly([table]);
let matched = 0;
for (const ev of decoded) if (intel.match(ev)) matched++;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runs = { all: [] as number[], lookups: [] as number[], matched: [] as number[] };
for (let rep = 0; rep < 4; rep++) {
  // the first round warms the JIT up and is not counted
  const all = cost(decoded, defaultDetectors());
  const l = cost(decoded, defaultDetectors({ intel: () => lookups }));
  const m = cost(decoded, defaultDetectors({ intel: () => intel }));
  if (rep === 0) continue;
  runs.all.push(all);
  runs.lookups.push(l);
  runs.matched.push(m);
}
const all = median(runs.all);
const pct = (x: number) => `${((x / all - 1) * 100).toFixed(1)} %`;
console.log(`intel, decoded events (${matched} of ${decoded.length} match), median of 3:`);
console.log(`  all detectors:                      ${all.toFixed(0)} ns/event`);
console.log(
  `  + 100k indicators, lookups only:    ${median(runs.lookups).toFixed(0)} ns/event  (+${pct(median(runs.lookups))})`,
);
console.log(
  `  + 100k indicators, matches scored:  ${median(runs.matched).toFixed(0)} ns/event  (+${pct(median(runs.matched))})`,
);
