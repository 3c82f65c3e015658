/**
 * Child process of the ingest benchmark: drains one prepared stream either the raw way (XREADGROUP COUNT 1000,
 * JSON.parse, pipelined XACK; `raw-resp` reads through Watchfloor's own blocking reads, not ioredis) or through
 * Watchfloor's consumer and scoring (`wf-none`: an engine with no detector, the pipeline alone), and reports its own
 * CPU time.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { pino } from 'pino';
import { SegmentAdmission } from '../server/ingest/segment-admission.js';
import { StreamConsumer } from '../server/ingest/stream-consumer.js';
import { IndicatorTable } from '../server/intel/indicator-table.js';
import { IntelIndex } from '../server/intel/intel-index.js';
import { LiveState } from '../server/live-state.js';
import { createBlockingRedis, createRedis } from '../server/redis/connections.js';
import { Keys } from '../server/redis/keys.js';
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import { rateDetector } from '../server/scoring/detectors/rate.js';
import { IDLE_TTL_MS, ScoringEngine } from '../server/scoring/engine.js';
import { benchDetectors } from './detectors.js';
import { LookupsOnly, syntheticIndicators, warnedIndicators } from './intel-indicators.js';

/** Indicators loaded in mode `wf-intel`. */
const INTEL_INDICATORS = Number(process.env.BENCH_INDICATORS ?? 100_000);
/**
 * Memory the loaded indicators hold (MB), measured in mode `wf-intel` when gc is exposed: on the heap, and in typed
 * arrays' backing stores (outside the heap, never walked by the collector).
 */
let intelHeapMB: number | undefined;
let intelArraysMB: number | undefined;

/**
 * The index as a feed refresh keeps it: the feed's table (the parsed indicators let go) and the index over it; in
 * mode `wf-intel-lookups` an index that discards its matches.
 */
function loadIndicators(lookupsOnly: boolean, warned: boolean): IntelIndex {
  const table = new IndicatorTable(
    warned ? warnedIndicators(INTEL_INDICATORS).indicators : syntheticIndicators(INTEL_INDICATORS),
  );
  return lookupsOnly ? new LookupsOnly([table]) : new IntelIndex([table]);
}

/** Every detector and the intel detector over {@link INTEL_INDICATORS} synthetic indicators. */
function intelDetectors(lookupsOnly: boolean, warned: boolean) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const held = () => {
    gc?.();
    gc?.();
    return process.memoryUsage();
  };
  const before = held();
  const index = loadIndicators(lookupsOnly, warned);
  const after = held();
  if (gc) {
    intelHeapMB = (after.heapUsed - before.heapUsed) / 2 ** 20;
    intelArraysMB = (after.arrayBuffers - before.arrayBuffers) / 2 ** 20;
  }
  return defaultDetectors({ intel: () => index });
}

const [mode, url, stream, totalText, warmText = '0'] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
/** Entries measured, after `warm` entries consumed untimed (the JIT has compiled the hot paths by then). */
const total = Number(totalText);
const warm = Number(warmText);
let cpu0 = process.cpuUsage();
let t0 = performance.now();
let timing = warm === 0;
/** Milliseconds the collector paused this process for while timing, by kind (minor: scavenges; major: mark-compact). */
const gcMs = { minor: 0, major: 0, other: 0 };
/** Counts the pauses that began once timing had (entries come in later batches; the rest are taken at the end). */
function countGc(entries: PerformanceEntry[]): void {
  for (const e of entries) {
    if (!timing || e.startTime < t0) continue;
    const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    const k = kind === 1 ? 'minor' : kind === 4 ? 'major' : 'other';
    gcMs[k] += e.duration;
  }
}
const gcObserver = new PerformanceObserver((list) => countGc(list.getEntries()));
gcObserver.observe({ entryTypes: ['gc'] });
function startTiming(consumed: number): void {
  if (timing || consumed < warm) return;
  timing = true;
  cpu0 = process.cpuUsage();
  t0 = performance.now();
}

/** The raw drain, reading through ioredis as any consumer would, or (`raw-resp`) through Watchfloor's own reads. */
async function raw(ownReads: boolean): Promise<void> {
  const redis = createRedis(url, 'bench-raw');
  const reads = ownReads ? createBlockingRedis(url, 'bench-raw-reads') : redis;
  await redis.xgroup('CREATE', stream, 'bench', '0', 'MKSTREAM');
  let done = 0;
  let sink = 0;
  while (done < total + warm) {
    const reply = (await reads.call(
      'XREADGROUP',
      'GROUP',
      'bench',
      'raw',
      'COUNT',
      1000,
      'STREAMS',
      stream,
      '>',
    )) as [string, [string, string[]][]][] | null;
    if (!reply) continue;
    const entries = reply[0]![1];
    const ids: string[] = [];
    for (const [id, fields] of entries) {
      const ev = JSON.parse(fields[1]!) as { bytes_out?: number };
      sink += ev.bytes_out ?? 0;
      ids.push(id);
    }
    await redis.xack(stream, 'bench', ...ids);
    done += entries.length;
    startTiming(done);
  }
  if (sink < 0) console.log(sink);
  if (reads !== redis) reads.disconnect();
  redis.disconnect();
}

async function watchfloor(detectors: (typeof SETS)[number]): Promise<void> {
  const redis = createRedis(url, 'bench-cmd');
  const blocking = createBlockingRedis(url, 'bench-block');
  const engine = new ScoringEngine({
    detectors:
      detectors === 'none'
        ? []
        : detectors === 'v0'
          ? [rateDetector()]
          : detectors === 'all'
            ? benchDetectors()
            : intelDetectors(detectors === 'intel-lookups', detectors === 'intel-warned'),
  });
  const live = new LiveState({ engine, tickMs: 1000 });
  const controller = new AbortController();
  const consumer = new StreamConsumer({
    blocking,
    redis,
    keys: new Keys(`bench${process.pid}:`),
    sources: [{ key: stream, format: 'native', field: null }],
    group: 'bench',
    consumer: 'wf',
    start: '0',
    maxDeliveries: 5,
    reclaimIdleMs: 3_600_000,
    maxFutureMs: 3_600_000 * 24 * 365,
    segmentOf: () => 'unassigned',
    // as the server has it: each event's segment is looked up
    segments: new SegmentAdmission(256, IDLE_TTL_MS, ['unassigned']),
    sink: live,
    logger: pino({ level: 'silent' }),
    batch: 1000,
    blockMs: 100,
    dedupTtlS: 600,
  });
  const tick = setInterval(() => live.tick(Date.now()), 1000);
  const finished = new Promise<void>((resolve) => {
    consumer.on('batch', () => {
      const consumed = consumer.totals.accepted + consumer.totals.other;
      startTiming(consumed);
      if (consumed >= total + warm) resolve();
    });
  });
  const running = consumer.run(controller.signal);
  await finished;
  clearInterval(tick);
  controller.abort();
  blocking.disconnect();
  await running;
  redis.disconnect();
}

/** The detectors of each Watchfloor mode (`wf-<set>`); any other mode runs them all. */
const SETS = ['none', 'v0', 'all', 'intel', 'intel-lookups', 'intel-warned'] as const;
const set = SETS.find((d) => mode === `wf-${d}`) ?? 'all';
if (mode === 'raw' || mode === 'raw-resp') await raw(mode === 'raw-resp');
else await watchfloor(set);
countGc(gcObserver.takeRecords());
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({ mode, events: total, wallS: wall, cpuS: (cpu.user + cpu.system) / 1e6, gcMs, intelHeapMB, intelArraysMB })}\n`,
);
process.exit(0);
