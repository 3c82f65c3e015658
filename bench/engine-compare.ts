/**
 * @module Whether another build's engine scores exactly as this one: `node --import tsx bench/engine-compare.ts <dir>
 * [minutes] [hosts] [rate] [hour|day]`, `dir` another build's root compiled with `npx tsc -p tsconfig.bench.json`
 * (its `.bench-dist`). The same simulated events (the eval's hour or day scenarios over the background, seed 7) go
 * through both engines; every held-score update, the top 50 hosts with their reasons every 10 s and the views of the
 * top 30 hosts at the end must be the same. For changes that must not move a score (memory layouts): much quicker
 * than `npm run eval`, and stricter (it compares every score, not only alerts). Exit code 1 on the first difference.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { ScoringEngine } from '../server/scoring/engine.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import { fixedSchedule } from '../server/simulate/schedule.js';
import { dayPlans, hourPlans } from './eval-sim.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: bench/engine-compare.ts <dir> [minutes] [hosts] [rate] [hour|day]');
const minutes = Number(process.argv[3] ?? 20);
const hosts = Number(process.argv[4] ?? 600);
const rate = Number(process.argv[5] ?? 300);
const run = process.argv[6] ?? 'hour';

interface Engine {
  ingest(ev: unknown, ref: string, arrival: number): void;
  advance(now: number): number;
  topHosts(limit: number): { ip: string }[];
  host(ip: string): unknown;
}
type EngineClass = new (opts: {
  detectors: unknown[];
  onScore: (e: { id: string }, score: number, at: number) => void;
}) => Engine;
const from = (path: string) => import(pathToFileURL(`${dir}/.bench-dist/server/scoring/${path}.js`).href);
const other = {
  ScoringEngine: ((await from('engine')) as { ScoringEngine: EngineClass }).ScoringEngine,
  defaultDetectors: ((await from('detectors/index')) as { defaultDetectors: () => unknown[] })
    .defaultDetectors,
};
interface Build {
  ScoringEngine: EngineClass;
  defaultDetectors: () => unknown[];
}
const mine: Build = { ScoringEngine: ScoringEngine as unknown as EngineClass, defaultDetectors };

const start = Date.UTC(2024, 2, 5, 8);
const durationMs = minutes * 60_000;
const plans = run === 'day' ? dayPlans(start, durationMs) : hourPlans(start, durationMs);
const generator = createGenerator({
  seed: 7,
  topology: buildTopology(7, { hosts }),
  rate,
  schedule: fixedSchedule(plans),
});

function engineOf(build: Build) {
  const hash = createHash('sha256');
  const engine = new build.ScoringEngine({
    detectors: build.defaultDetectors(),
    onScore: (e, score, at) => hash.update(`${e.id} ${score} ${at}\n`),
  });
  return { engine, hash };
}

const a = engineOf(other);
const b = engineOf(mine);
const differ = (what: string) => {
  console.log(`different: ${what}`);
  process.exit(1);
};
let events = 0;
for (let t = start; t < start + durationMs; t += 1000) {
  for (const ev of generator.eventsBetween(t, t + 1000)) {
    a.engine.ingest(ev, ev.event_id, ev.ts);
    b.engine.ingest(ev, ev.event_id, ev.ts);
    events++;
  }
  a.engine.advance(t + 1000);
  b.engine.advance(t + 1000);
  if ((t / 1000) % 10 === 0) {
    const top = JSON.stringify(a.engine.topHosts(50));
    if (top !== JSON.stringify(b.engine.topHosts(50))) differ(`top hosts at ${new Date(t).toISOString()}`);
    a.hash.update(top);
    b.hash.update(top);
  }
}
for (const { ip } of a.engine.topHosts(30))
  if (JSON.stringify(a.engine.host(ip)) !== JSON.stringify(b.engine.host(ip))) differ(`view of ${ip}`);
if (a.hash.digest('hex') !== b.hash.digest('hex')) differ('held-score updates');
console.log(`${events} events, ${run} scenarios over ${minutes} minutes: the same scores in both builds`);
