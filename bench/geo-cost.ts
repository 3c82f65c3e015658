/**
 * @module What placing external addresses costs on the ingest path: scoring with every detector, without geo
 * databases and with a country and an AS database (the simulated world plus `filler` random networks, as deep as a
 * real database), the same decoded events in the same process, CPU time per event, runs alternated and the median
 * taken. Also the cost of a lookup the cache does not answer. Part of `npm run bench` (compiled), or
 * `npx tsx bench/geo-cost.ts [seconds] [filler]`.
 */
import { GeoLookup } from '../server/geo/geo-lookup.js';
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';
import { simulatedWorld } from './geo-world.js';

const seconds = Number(process.argv[2] ?? 600);
const filler = Number(process.argv[3] ?? 200_000);
const runs = 5;
const start = Date.UTC(2024, 2, 5, 8);
const generator = createGenerator({ seed: 5, topology: buildTopology(5) });
const text = JSON.stringify(generator.eventsBetween(start, start + seconds * 1000));
const world = simulatedWorld(filler);

/** CPU ns per event of scoring fresh copies of the events (as the decoders hand them over). */
function cost(geo: GeoLookup | null): { ns: number; lookup: GeoLookup | null } {
  const events = JSON.parse(text) as (NormalizedEvent & { event_id: string })[];
  const engine = new ScoringEngine({ detectors: defaultDetectors({ geo }), geo, recentPerHost: 20 });
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
  return { ns: ((used.user + used.system) * 1000) / events.length, lookup: geo };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const without: number[] = [];
const withDb: number[] = [];
let last: GeoLookup | null = null;
cost(null);
cost(new GeoLookup(world));
for (let i = 0; i < runs; i++) {
  without.push(cost(null).ns);
  last = new GeoLookup(world);
  withDb.push(cost(last).ns);
}
const events = (JSON.parse(text) as unknown[]).length;
const a = median(without);
const b = median(withDb);
const hitRate = last ? last.hits / Math.max(1, last.hits + last.misses) : 0;

// a lookup the cache does not answer: distinct public addresses, one database walk (or two) each
const uncached = new GeoLookup({ ...world, cacheSize: 2 });
const addresses = Array.from(
  { length: 200_000 },
  (_, i) => `${11 + (i % 200)}.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`,
);
const cpu = process.cpuUsage();
let found = 0;
for (const ip of addresses) if (uncached.lookup(ip)) found++;
const used = process.cpuUsage(cpu);
const walkNs = ((used.user + used.system) * 1000) / addresses.length;

console.log(
  `${events} events, ${seconds} s of the simulator; databases: ${filler.toLocaleString('en-US')} filler networks + the simulated world (${(world.country.length / 2 ** 20).toFixed(1)} + ${(world.asn.length / 2 ** 20).toFixed(1)} MiB); median of ${runs} runs each`,
);
console.log(`  every detector, no geo databases:   ${a.toFixed(0)} ns/event`);
console.log(
  `  every detector, country + AS:       ${b.toFixed(0)} ns/event  (${(b / a).toFixed(3)}× without; cache hits ${(hitRate * 100).toFixed(1)} %)`,
);
console.log(
  `  one uncached lookup (both databases): ${walkNs.toFixed(0)} ns (${found} of ${addresses.length} placed)`,
);
