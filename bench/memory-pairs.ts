/**
 * @module Memory of slow beacons' pair state kept past the idle sweep: `node --expose-gc --import tsx
 * bench/memory-pairs.ts [pairs]`. Each of `pairs` hosts calls one external address every 10 minutes (12 calls, so
 * its pair has 12 beats) and nothing else, so between calls it is idle and kept slim: only its beacon state. Reports
 * the heap per 10,000 such pairs (host entity included) after a full GC, and the same hosts active for comparison.
 */
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { ScoringEngine } from '../server/scoring/engine.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const pairs = Number(process.argv[2] ?? 10_000);
const start = Date.UTC(2024, 2, 5, 8);
const PERIOD = 600_000;

function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Feeds 12 beats of every host; `idleMs` after the last, every host has been idle that long. */
function run(idleMs: number): { engine: ScoringEngine; used: number } {
  const before = heap();
  const engine = new ScoringEngine({ detectors: defaultDetectors(), recentPerHost: 0 });
  for (let beat = 0; beat < 12; beat++) {
    const t0 = start + beat * PERIOD;
    for (let i = 0; i < pairs; i++) {
      const ts = t0 + Math.floor((i / pairs) * 60_000);
      engine.ingest(
        {
          ts,
          sensor: 'zeek-1',
          kind: 'flow',
          src_ip: ip(i),
          segment: 'lab',
          dst_ip: '203.0.113.9',
          dst_port: 443,
          proto: 'tcp',
          bytes_out: 800 + (i % 7),
          conn_state: 'SF',
        },
        `e${beat}-${i}`,
        ts,
      );
    }
    for (let t = t0; t < t0 + (beat === 11 ? 60_000 + idleMs : PERIOD); t += 10_000) engine.closeBefore(t);
  }
  return { engine, used: heap() - before };
}

for (const [label, idleMs] of [
  ['active (just called)', 0],
  ['idle 16 min (slim: beacon state only)', 16 * 60_000],
] as const) {
  const { engine, used } = run(idleMs);
  console.log(
    `${label}: ${engine.entityCount} entities, ${(((used / engine.entityCount) * 10_000) / 2 ** 20).toFixed(1)} MiB per 10k pairs`,
  );
}
