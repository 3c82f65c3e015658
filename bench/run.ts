/**
 * `npm run bench`: Watchfloor's ingest+scoring against the raw drain ceiling (same events, same run, CPU time of
 * the consuming process), the field-pairs encoding against one JSON field, and event → screen latency with 100
 * connected clients at a fixed rate. Figures are ratios against baselines measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { IndicatorTable } from '../server/intel/indicator-table.js';
import { IntelIndex } from '../server/intel/intel-index.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/events.js';
import type { Frame } from '../shared/schemas/frame.js';
import type { NormalizedEvent } from '../shared/schemas/telemetry.js';
import { TestRedis } from '../tests/support/redis-server.js';
import { runAuditBench } from './audit-bench.js';
import { runDecodeBench } from './decode-bench.js';
import { dashboards, runFanoutBench } from './fanout.js';
import { syntheticIndicators, warnedIndicators } from './intel-indicators.js';
import { runReplayBench } from './replay-bench.js';
import { compileBench, NODE_FLAGS, type Run, root, startBenchServer, worker } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
/** Entries each consumer drains untimed first, so that steady state (compiled code) is what is measured. */
const WARM = Number(process.env.BENCH_WARM ?? 100_000);
const LAT_RATE = Number(process.env.BENCH_RATE ?? 20_000);
const LAT_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const LAT_CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
/**
 * The latency bench's dashboards: thin Socket.IO protocol clients that read `stats.applied` from a frame's text
 * (default), or `BENCH_LATENCY_CLIENTS=full` socket.io-client instances that parse every frame, whose serial parsing in
 * this one process delays the later clients' arrival times (real dashboards each parse on their own machine).
 */
const LAT_THIN = process.env.BENCH_LATENCY_CLIENTS !== 'full';
const APPLIED = /"applied":(\d+)/;
/** The ingest consumers run, each once per round (`BENCH_INGEST_MODES=raw,wf-all,wf-intel` runs some). */
const MODES = (
  process.env.BENCH_INGEST_MODES ??
  'raw,raw-resp,wf-none,wf-all,wf-v0,wf-pairs,wf-intel,wf-intel-lookups,wf-intel-warned'
).split(',');
/**
 * Another build's root (a git worktree with node_modules, compiled with `npx tsc -p tsconfig.bench.json`): its ingest
 * worker and its engine's memory are measured in the same run, beside this build's.
 */
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR;
/** Hosts of the memory bench's network. */
const MEM_HOSTS = Number(process.env.BENCH_MEMORY_HOSTS ?? 3000);

function events(n: number, start: number): Record<string, unknown>[] {
  const gen = createGenerator({ seed: 7, topology: buildTopology(7), rate: 2000, rhythm: 0 });
  const out: Record<string, unknown>[] = [];
  for (let t = start; out.length < n; t += 1000) {
    for (const e of gen.eventsBetween(t, t + 1000)) {
      const { event_id: _id, ...rest } = e;
      out.push(rest);
      if (out.length >= n) break;
    }
  }
  return out;
}

async function fill(
  redis: Redis,
  stream: string,
  evs: Record<string, unknown>[],
  pairs = false,
): Promise<void> {
  for (let i = 0; i < evs.length; i += 2000) {
    const p = redis.pipeline();
    for (const ev of evs.slice(i, i + 2000)) {
      if (pairs) p.xadd(stream, '*', ...Object.entries(ev).flatMap(([k, v]) => [k, String(v)]));
      else p.xadd(stream, '*', 'event', JSON.stringify(ev));
    }
    await p.exec();
  }
}

const median = (xs: number[]) =>
  xs.length === 0 ? Number.NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function ingestBench(redis: TestRedis): Promise<{
  rows: string[];
  ratio: number;
  /** The same against the raw drain that reads as Watchfloor does (NaN without `raw-resp`). */
  ratioOwnReads: number;
  v0ratio: number;
  pairsRatio: number;
  /** This build's ingest + scoring per CPU-second over the baseline build's (NaN without one). */
  baseRatio: number;
  /**
   * The same, round by round: each round runs both builds seconds apart, so a round's ratio is less moved by the
   * machine's load drifting over the run than the ratio of the medians is (empty without a baseline).
   */
  baseRounds: number[];
  /** CPU µs per event of the raw drain, of the pipeline with no detector, and with every detector. */
  split: [raw: number, pipeline: number, all: number];
  intelCost: number;
  intelLookupsCost: number;
  intelWarnedCost: number;
  intelPairs: string;
  /** Hosts of the measured events with at least one match, per feed (all hosts, the synthetic feed, after its warninglist). */
  flagged: { hosts: number; feed: number; warned: number; warnedValues: number };
  intelHeapMB: number;
  intelArraysMB: number;
}> {
  const client = redis.client();
  const all = events(EVENTS + WARM, Date.now() - 3_600_000);
  const evs = all.slice(WARM);
  const modes = [...MODES, ...(BASELINE_DIR ? ['base-all'] : [])];
  const results: Record<string, Run[]> = {};
  for (const mode of modes) results[mode] = [];
  for (let rep = 0; rep < REPS; rep++) {
    for (const mode of modes) {
      const stream = `bench-${mode}-${randomUUID().slice(0, 6)}`;
      await fill(client, stream, all, mode === 'wf-pairs');
      const run =
        mode === 'base-all'
          ? worker('wf-all', redis.url, stream, evs.length, WARM, BASELINE_DIR)
          : worker(mode === 'wf-pairs' ? 'wf-all' : mode, redis.url, stream, evs.length, WARM);
      results[mode]!.push(run);
      if (process.env.BENCH_VERBOSE)
        console.log(
          `  ${mode} run ${rep + 1}: ${fmt(run.events / run.cpuS)} events per CPU-s` +
            (run.gcMs
              ? `, collector ${fmt(run.gcMs.minor)} ms scavenging, ${fmt(run.gcMs.major)} ms mark-compact of ${fmt(run.cpuS * 1000)} ms CPU`
              : ''),
        );
      await client.del(stream);
    }
  }
  client.disconnect();
  // a consumer left out of BENCH_INGEST_MODES reads as NaN
  const perCpu = (m: string) => (results[m] ? median(results[m].map((r) => r.events / r.cpuS)) : Number.NaN);
  const perWall = (m: string) =>
    results[m] ? median(results[m].map((r) => r.events / r.wallS)) : Number.NaN;
  const cpuOf = (m: string, rep: number) => results[m]![rep]!.cpuS / results[m]![rep]!.events;
  const roundCost = (m: string, rep: number) => cpuOf(m, rep) / cpuOf('wf-all', rep) - 1;
  const pairedCost = (m: string) =>
    results[m] && results['wf-all'] ? median(results[m].map((_, rep) => roundCost(m, rep))) : Number.NaN;
  const label: Record<string, string> = {
    raw: 'raw drain (XREADGROUP 1000 + JSON.parse + XACK)',
    'raw-resp': "raw drain, read through Watchfloor's own blocking reads instead of ioredis",
    'wf-none': 'Watchfloor ingest + the engine with no detector (the pipeline alone)',
    'wf-all': 'Watchfloor ingest + scoring (one JSON field)',
    'wf-v0': 'Watchfloor ingest + scoring v0 only',
    'wf-pairs': 'Watchfloor ingest + scoring (field/value pairs)',
    'wf-intel': 'Watchfloor ingest + scoring + 100k indicators matched (one JSON field)',
    'wf-intel-lookups': 'Watchfloor ingest + scoring + 100k indicators looked up, matches discarded',
    'wf-intel-warned':
      'Watchfloor ingest + scoring + the same indicators after a warninglist of well-known services',
    'base-all': `baseline build ingest + scoring (one JSON field), ${BASELINE_DIR}`,
  };
  const rows = modes.map(
    (m) =>
      `| ${label[m]} | ${fmt(perWall(m))} | ${fmt(perCpu(m))} | ${(perCpu(m) / perCpu('raw')).toFixed(2)} |`,
  );
  return {
    rows,
    ratio: perCpu('wf-all') / perCpu('raw'),
    ratioOwnReads: perCpu('wf-all') / perCpu('raw-resp'),
    v0ratio: perCpu('wf-v0') / perCpu('raw'),
    pairsRatio: perCpu('wf-pairs') / perCpu('wf-all'),
    // CPU per event with indicators over CPU per event without, minus one: the median of each round's own pair (the
    // two runs next to each other in time, so that a change in the machine's load falls on both)
    intelCost: pairedCost('wf-intel'),
    intelLookupsCost: pairedCost('wf-intel-lookups'),
    intelWarnedCost: pairedCost('wf-intel-warned'),
    flagged: flaggedHosts(evs),
    intelPairs: (results['wf-intel'] ?? [])
      .map((_, rep) => `${(roundCost('wf-intel', rep) * 100).toFixed(1)} %`)
      .join(', '),
    intelHeapMB: median((results['wf-intel'] ?? []).map((r) => r.intelHeapMB ?? Number.NaN)),
    intelArraysMB: median((results['wf-intel'] ?? []).map((r) => r.intelArraysMB ?? Number.NaN)),
    baseRatio: BASELINE_DIR ? perCpu('wf-all') / perCpu('base-all') : Number.NaN,
    baseRounds: BASELINE_DIR
      ? results['wf-all']!.map((_, rep) => cpuOf('base-all', rep) / cpuOf('wf-all', rep))
      : [],
    // CPU µs per event: the raw drain, what the pipeline adds to it, what the detectors add to that
    split: [perCpu('raw'), perCpu('wf-none'), perCpu('wf-all')].map((x) => 1e6 / x) as [
      number,
      number,
      number,
    ],
  };
}

/** How many of the events' hosts match an indicator at least once: with the synthetic feed, and after its warninglist. */
function flaggedHosts(evs: Record<string, unknown>[]) {
  const n = Number(process.env.BENCH_INDICATORS ?? 100_000);
  const feed = new IntelIndex([new IndicatorTable(syntheticIndicators(n))]);
  const warned = warnedIndicators(n);
  const afterList = new IntelIndex([new IndicatorTable(warned.indicators)]);
  const hosts = new Set<unknown>();
  const hit = [new Set<unknown>(), new Set<unknown>()];
  for (const ev of evs) {
    hosts.add(ev.src_ip);
    const e = ev as unknown as NormalizedEvent;
    if (feed.match(e)) hit[0]!.add(ev.src_ip);
    if (afterList.match(e)) hit[1]!.add(ev.src_ip);
  }
  return { hosts: hosts.size, feed: hit[0]!.size, warned: hit[1]!.size, warnedValues: warned.warned };
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

async function latencyBench(redis: TestRedis): Promise<{
  p50: number;
  p99: number;
  tickMs: number;
  samples: number;
  achievedRate: number;
  afterBuildP50: number;
  afterBuildP99: number;
}> {
  const tickMs = 1000;
  const server = await startBenchServer(redis, { WF_TICK_MS: String(tickMs) });
  const { base, cookie, stream } = server;
  const cmd = redis.client();
  const sendTimes = new Float64Array(LAT_RATE * LAT_SECONDS + 10);
  let sent = 0;
  const latencies: number[] = [];
  /** Each frame's arrival minus its build time (`now`, the same clock): the part of the latency after the tick. */
  const afterBuild: number[] = [];
  const clients: Client[] = [];
  /** Events numbered (seen, applied] arrived with a frame; every 50th is sampled. */
  const received = (state: { seen: number }, applied: number, arrival: number) => {
    if (state.seen < 0) {
      state.seen = applied;
      return;
    }
    for (let k = state.seen + 1; k <= applied && k <= sent; k++)
      if (k % 50 === 0) latencies.push(arrival - sendTimes[k - 1]!);
    state.seen = Math.max(state.seen, applied);
  };
  let thin: { close(): void }[] = [];
  if (LAT_THIN) {
    // thin protocol clients (as the fan-out bench's): the 100th client's figure is not 99 frames' parsing late
    const states = Array.from({ length: LAT_CLIENTS }, () => ({ seen: -1 }));
    thin = await dashboards(
      base,
      LAT_CLIENTS,
      (f, text, client) => {
        const arrival = performance.timeOrigin + performance.now();
        afterBuild.push(arrival - f.now);
        const at = text.indexOf('"stats":{');
        const m = at < 0 ? null : APPLIED.exec(text.slice(at, at + 2000));
        if (!m) return;
        received(states[client]!, Number(m[1]), arrival);
      },
      cookie,
    );
  } else
    for (let i = 0; i < LAT_CLIENTS; i++) {
      const c: Client = connect(base, {
        transports: ['websocket'],
        extraHeaders: { cookie },
        forceNew: true,
      });
      const state = { seen: -1 };
      c.on('frame', (f: Frame) => {
        const arrival = performance.timeOrigin + performance.now();
        afterBuild.push(arrival - f.now);
        received(state, f.stats?.applied ?? 0, arrival); // a session socket sees the whole network's figures
      });
      clients.push(c);
    }
  await new Promise((r) => setTimeout(r, 3000));
  const template = events(1000, Date.now());
  const started = Date.now();
  const producer = cmd.duplicate();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(Math.floor(((Date.now() - started) / 1000) * LAT_RATE), LAT_RATE * LAT_SECONDS);
      if (due > sent) {
        const p = producer.pipeline();
        for (; sent < due; ) {
          const ev = { ...template[sent % template.length]!, ts: Date.now() };
          p.xadd(stream, '*', 'event', JSON.stringify(ev));
          sendTimes[sent++] = Date.now();
        }
        p.exec().catch(() => {});
      }
      if (sent >= LAT_RATE * LAT_SECONDS) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const achievedRate = sent / ((Date.now() - started) / 1000);
  await new Promise((r) => setTimeout(r, 3 * tickMs));
  for (const c of clients) c.disconnect();
  for (const c of thin) c.close();
  producer.disconnect();
  cmd.disconnect();
  server.stop();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  afterBuild.sort((a, b) => a - b);
  const afterBuildPct = (p: number) =>
    afterBuild[Math.min(afterBuild.length - 1, Math.floor(p * afterBuild.length))] ?? Number.NaN;
  return {
    p50: pct(0.5),
    p99: pct(0.99),
    tickMs,
    samples: latencies.length,
    achievedRate,
    afterBuildP50: afterBuildPct(0.5),
    afterBuildP99: afterBuildPct(0.99),
  };
}

/** One memory bench process (bench/memory.ts): memory held per active host. */
function memoryRun(detectors: string, dir?: string): { perHost: number; entities: number } {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '.bench-dist/bench/memory.js', String(MEM_HOSTS), '0', detectors, ...(dir ? [dir] : [])],
    { cwd: root, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as { perHost: number; entities: number };
}

function memoryBench(): void {
  const kb = (b: number) => (b / 1024).toFixed(1);
  const mine = memoryRun('all');
  const rows: [string, { perHost: number; entities: number }][] = [
    ['this build, every default detector', mine],
  ];
  if (BASELINE_DIR)
    rows.push([`baseline build, every default detector (${BASELINE_DIR})`, memoryRun('all', BASELINE_DIR)]);
  const noNovelty = memoryRun('all-novelty');
  const seven = memoryRun('seven');
  const intel = memoryRun('intel');
  rows.push(['this build without novelty (low and slow)', noNovelty]);
  rows.push(["this build, the starting build's detectors (without novelty and first contact)", seven]);
  rows.push(['this build with intel (100k indicators; their index not counted)', intel]);
  console.log('| engine | entities | KB per active host |');
  console.log('| --- | --- | --- |');
  for (const [label, r] of rows) console.log(`| ${label} | ${r.entities} | ${kb(r.perHost)} |`);
  if (BASELINE_DIR) {
    const base = rows[1]![1].perHost;
    console.log(`memory per host, this build ÷ baseline build: ${(mine.perHost / base).toFixed(2)}`);
    console.log(
      `the same detectors as the baseline build (without novelty and first contact) ÷ baseline build: ${(seven.perHost / base).toFixed(2)}`,
    );
  }
  console.log(
    `novelty adds ${kb(mine.perHost - noNovelty.perHost)} KB a host, novelty and first contact ${kb(mine.perHost - seven.perHost)} KB; intel ${kb(intel.perHost - mine.perHost)} KB a host`,
  );
}

/** `BENCH_ONLY=ingest,scoring,latency,fanout,decode,replay,audit,memory` runs some parts (all by default). */
const only = new Set(
  (process.env.BENCH_ONLY ?? 'ingest,scoring,memory,latency,fanout,decode,replay,audit').split(','),
);
if (['ingest', 'scoring', 'latency', 'fanout', 'memory'].some((p) => only.has(p))) compileBench();
if (only.has('memory')) {
  console.log(
    `memory held by the scoring engine per active host: ${MEM_HOSTS} hosts, 5 minutes of traffic, no recent events kept; JavaScript heap + typed-array buffers after full GC:`,
  );
  memoryBench();
  console.log();
}
if (only.has('scoring')) {
  console.log(
    'scoring cost per event, every detector against scoring v0 (engine only, same events, same process):',
  );
  process.stdout.write(
    execFileSync(process.execPath, [...NODE_FLAGS, '.bench-dist/bench/scoring-cost.js', '600'], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  console.log();
  console.log(
    'geo databases on the ingest path, every detector with and without (engine only, same events):',
  );
  process.stdout.write(
    execFileSync(process.execPath, [...NODE_FLAGS, '.bench-dist/bench/geo-cost.js', '600'], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  console.log();
}
const redis = await TestRedis.start();
try {
  if (only.has('ingest')) {
    console.log(
      `ingest: ${EVENTS} simulator events measured per run after ${WARM} untimed (steady state), ${REPS} runs each, median; CPU = the consuming process's user+sys time`,
    );
    console.log(`consumers: compiled JavaScript, node ${NODE_FLAGS.join(' ')} (the flags of npm start)`);
    const ingest = await ingestBench(redis);
    console.log('| consumer | events/s (wall) | events per CPU-second | ÷ raw |');
    console.log('| --- | --- | --- | --- |');
    for (const r of ingest.rows) console.log(r);
    console.log(
      `ratio: ${ingest.ratio.toFixed(2)}; against the raw drain that reads as Watchfloor does: ${ingest.ratioOwnReads.toFixed(2)}`,
    );
    const [rawUs, pipeUs, allUs] = ingest.split;
    if (Number.isFinite(pipeUs))
      console.log(
        `CPU per event: raw drain ${rawUs.toFixed(2)} µs; the pipeline adds ${(pipeUs - rawUs).toFixed(2)} µs (decoding, validation, the engine's bookkeeping, recording); the detectors add ${(allUs - pipeUs).toFixed(2)} µs`,
      );
    console.log(
      `scoring v0 ratio: ${ingest.v0ratio.toFixed(2)}; field/value pairs ÷ one JSON field: ${ingest.pairsRatio.toFixed(2)}`,
    );
    if (BASELINE_DIR)
      console.log(
        `this build ÷ baseline build, ingest + scoring per CPU-second: ${ingest.baseRatio.toFixed(2)} (of the medians); round by round ${ingest.baseRounds.map((r) => r.toFixed(2)).join(', ')} (median ${median(ingest.baseRounds).toFixed(2)})`,
      );
    console.log(
      `intel: ${process.env.BENCH_INDICATORS ?? 100_000} indicators add ${(ingest.intelCost * 100).toFixed(1)} % CPU per event (target ≤ 10 %; each round: ${ingest.intelPairs}); their lookups alone, matches discarded, ${(ingest.intelLookupsCost * 100).toFixed(1)} %; after a warninglist of the simulated well-known services (${ingest.flagged.warnedValues} values left out), ${(ingest.intelWarnedCost * 100).toFixed(1)} %; hosts with a match: ${ingest.flagged.feed} of ${ingest.flagged.hosts} with the feed, ${ingest.flagged.warned} after the warninglist; they hold ${ingest.intelHeapMB.toFixed(1)} MB of heap and ${ingest.intelArraysMB.toFixed(1)} MB of typed arrays`,
    );
  }
  if (only.has('latency')) {
    console.log(
      `\nlatency: ${LAT_CLIENTS} ${LAT_THIN ? 'thin protocol' : 'socket.io-client'} clients, target ${LAT_RATE} events/s for ${LAT_SECONDS} s, tick ${1000} ms`,
    );
    const lat = await latencyBench(redis);
    console.log(`achieved rate ${fmt(lat.achievedRate)} events/s; samples ${lat.samples}`);
    console.log(
      `event → client latency p50 ${lat.p50.toFixed(0)} ms, p99 ${lat.p99.toFixed(0)} ms (target p99 ≤ tick + 25 = ${lat.tickMs + 25} ms); frame built → client p50 ${lat.afterBuildP50.toFixed(1)} ms, p99 ${lat.afterBuildP99.toFixed(1)} ms`,
    );
  }
  if (only.has('fanout')) {
    console.log(
      '\nfan-out with realistic frames, against a bare Socket.IO server sending the same frame (same run):',
    );
    await runFanoutBench(redis);
  }
} finally {
  await redis.stop();
}

if (only.has('decode')) {
  console.log(
    '\ndecoding cost per record, sensor formats next to native JSON of the same events (same run):',
  );
  await runDecodeBench();
}
if (only.has('replay')) {
  console.log('\nreplay --speed max against raw pipelined XADD of the same payloads (same run):');
  const replayFigures = await runReplayBench(Number(process.env.BENCH_REPLAY_EVENTS ?? 200_000));
  console.log(`replay ratio: ${replayFigures.ratio.toFixed(2)}`);
}
if (only.has('audit')) {
  console.log("\nan alert's history: its own audit index against a scan of the whole trail (same run):");
  await runAuditBench(Number(process.env.BENCH_AUDIT_RECORDS ?? 1_000_000));
}
