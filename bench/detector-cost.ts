/**
 * @module What each detector costs per event where it runs, beside the others: every detector against every detector
 * but that one (its cost at the margin; a detector alone costs less, its state then sharing the caches with nobody's),
 * and the engine with none, on the ingest bench's traffic (seed 7, 600 hosts, 2,000 events/s, flat rhythm) decoded by
 * the product's own decoder, buckets closed every event-second as a live server closes them. Configurations take
 * turns within each round (the first two rounds warm up and are not counted: an engine gets faster over its first
 * half-million events); a cost is the median of its rounds' differences. Part of `npm run bench` (scoring), or
 * `node .bench-dist/bench/detector-cost.js [seconds] [rounds]` once compiled.
 */
import { decodeJson } from '../server/ingest/decoders/native.js';
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import type { Detector } from '../server/scoring/types.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';

const seconds = Number(process.argv[2] ?? 150);
const rounds = Number(process.argv[3] ?? 5);
const start = Date.UTC(2024, 2, 5, 8);

/** The events as the consumer hands them to the engine: a JSON field decoded and checked by the product's decoder. */
function decodedEvents(): { ev: NormalizedEvent; ref: string }[] {
  const generator = createGenerator({ seed: 7, topology: buildTopology(7), rate: 2000, rhythm: 0 });
  const ctx = {
    source: 'bench',
    field: 'event',
    now: start + seconds * 1000,
    maxFutureMs: 60_000,
    segmentOf: () => 'unassigned',
  };
  const out: { ev: NormalizedEvent; ref: string }[] = [];
  for (const e of generator.eventsBetween(start, start + seconds * 1000)) {
    const { event_id: _id, ...rest } = e;
    const d = decodeJson(JSON.stringify(rest), ctx);
    if (d.ok === true) out.push({ ev: d.event, ref: `bench/${out.length}` });
  }
  return out;
}

/** CPU ns per event of an engine with `detectors`, buckets closed at each event-second. */
function cost(events: readonly { ev: NormalizedEvent; ref: string }[], detectors: Detector[]): number {
  const engine = new ScoringEngine({ detectors });
  const cpu = process.cpuUsage();
  let second = 0;
  for (const { ev, ref } of events) {
    if (ev.ts >= second + 1000) {
      engine.advance(ev.ts);
      second = ev.ts - (ev.ts % 1000);
    }
    engine.ingest(ev, ref, ev.ts);
  }
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) * 1000) / events.length;
}

const events = decodedEvents();
const ids = defaultDetectors().map((d) => d.id);
const configs: { name: string; detectors: () => Detector[] }[] = [
  { name: 'none', detectors: () => [] },
  { name: 'every detector', detectors: () => defaultDetectors() },
  ...ids.map((id) => ({ name: `-${id}`, detectors: () => defaultDetectors().filter((d) => d.id !== id) })),
];
/** Rounds run before the counted ones. */
const WARM_ROUNDS = 2;
const runs = new Map<string, number[]>(configs.map((c) => [c.name, []]));
for (let round = 0; round < WARM_ROUNDS + rounds; round++) {
  // each round starts at another configuration, so that none is always measured first or last
  for (let k = 0; k < configs.length; k++) {
    const c = configs[(k + round) % configs.length]!;
    const ns = cost(events, c.detectors());
    if (round >= WARM_ROUNDS) runs.get(c.name)!.push(ns);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const all = runs.get('every detector')!;
const none = median(runs.get('none')!);
const margin = (id: string) => median(all.map((ns, r) => ns - runs.get(`-${id}`)![r]!));
console.log(
  `${events.length} decoded events (600 hosts, ${seconds} s at 2,000 events/s), ${rounds} rounds after ${WARM_ROUNDS}, median CPU ns per event:`,
);
console.log(`engine with no detector ${none.toFixed(0)}; with every detector ${median(all).toFixed(0)}`);
console.log('| detector | its cost beside the others (every detector − every detector but it) |');
console.log('| --- | --- |');
for (const id of ids) console.log(`| ${id} | ${margin(id).toFixed(0)} |`);
const sum = ids.reduce((s, id) => s + margin(id), 0);
console.log(
  `the detectors' costs add up to ${sum.toFixed(0)} ns of the ${(median(all) - none).toFixed(0)} ns every detector adds to the engine`,
);
