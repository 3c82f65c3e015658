/**
 * @module Memory per active host: `node --expose-gc --import tsx bench/memory.ts [hosts] [recent] [detectors] [dir]`,
 * or compiled as part of `npm run bench` (`BENCH_ONLY=memory`). Feeds every host of a simulated network five minutes
 * of traffic through the engine (`recent` events per host kept for drill-down, default 20) and reports the memory it
 * holds per active host after a full GC: the JavaScript heap and the typed arrays' buffers, which live outside it.
 * `detectors`: `all` (the default set), `all-novelty` (without the novelty detector), `seven` (the starting build's
 * detectors: without the low-and-slow work's novelty and first contact), `intel` (the default set and
 * the intelligence detector over 100k indicators, their index not counted). `dir`: another build's root, whose
 * compiled engine (`.bench-dist`) is measured on the same events. One configuration per process, so nothing of
 * another run is counted or freed during the measurement. Prints one JSON line last.
 */
import { pathToFileURL } from 'node:url';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import { syntheticIndicators } from './intel-indicators.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const hosts = Number(process.argv[2] ?? 10_000);
const recentPerHost = Number(process.argv[3] ?? 20);
const detectorSet = process.argv[4] ?? 'all';
const dir = process.argv[5];

interface Engine {
  ingest(ev: unknown, ref: string, arrival: number): void;
  advance(now: number): number;
  readonly entityCount: number;
}
type EngineClass = new (opts: { detectors: unknown[]; recentPerHost?: number }) => Engine;
type Detectors = (opts?: { disable?: string[]; intel?: () => unknown }) => unknown[];

const from = (path: string) =>
  dir
    ? import(pathToFileURL(`${dir}/.bench-dist/server/scoring/${path}.js`).href)
    : import(`../server/scoring/${path}.js`);
const { ScoringEngine } = (await from('engine')) as { ScoringEngine: EngineClass };
const { defaultDetectors } = (await from('detectors/index')) as { defaultDetectors: Detectors };
const { IntelIndex } =
  detectorSet === 'intel' ? await import('../server/intel/intel-index.js') : { IntelIndex: null };
const index = IntelIndex ? new IntelIndex(syntheticIndicators(100_000)) : null;
const detectors = () =>
  detectorSet === 'all-novelty'
    ? defaultDetectors({ disable: ['novelty'] })
    : detectorSet === 'seven'
      ? defaultDetectors({ disable: ['novelty', 'first-contact'] })
      : index
        ? defaultDetectors({ intel: () => index })
        : defaultDetectors();

const topology = buildTopology(3, { hosts });
const start = Date.UTC(2024, 2, 5, 8);
const minutes = 5;
// Enough events that nearly every host is seen many times: about 1 event per host per second.
const generator = createGenerator({ seed: 3, topology, rate: hosts, rhythm: 0 });

/** Heap and typed-array buffers in use after full collections. */
function used(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function feed(engine: Engine, ms: number): void {
  for (let t = start; t < start + ms; t += 1000) {
    for (const ev of generator.eventsBetween(t, t + 1000)) engine.ingest(ev, ev.event_id, ev.ts);
    engine.advance(t + 1000);
  }
}

/** A throwaway pass, so compiled code and one-off allocations are not counted (its own function: nothing keeps it). */
function warm(): void {
  feed(new ScoringEngine({ detectors: detectors() }), 20_000);
}

/**
 * The engine's memory, measured in a function of its own: a value that the module's top-level code held (in a
 * top-level await's frame) was counted, then freed during the measurement, which hid most of it.
 */
function measure(): { entities: number; bytes: number } {
  const before = used();
  const engine = new ScoringEngine({ detectors: detectors(), recentPerHost });
  feed(engine, minutes * 60_000);
  return { entities: engine.entityCount, bytes: used() - before };
}

warm();
const { entities, bytes } = measure();
const perHost = bytes / entities;
console.log(
  `${dir ?? 'this build'}, ${detectorSet}, recent events per host ${recentPerHost}: ${entities} entities, ` +
    `${(bytes / 2 ** 20).toFixed(1)} MiB, ${((perHost * 10_000) / 2 ** 20).toFixed(1)} MiB per 10k active hosts`,
);
console.log(JSON.stringify({ entities, bytes, perHost }));
