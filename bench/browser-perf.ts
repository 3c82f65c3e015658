/// <reference lib="dom" />
/**
 * @module Browser performance of the overview: `npx tsx bench/browser-perf.ts` (needs `npm run build:client`, a
 * `redis-server` on PATH and Chromium at /usr/bin/chromium or WF_CHROMIUM). Starts a real server in this process
 * on its own Redis, backfills 16 minutes of history (so the 15-minute window is full from the first frame), writes
 * ≈ 2,000 events/s over 20 segments, opens the overview at the 15-minute window and, every 30 s for BENCH_MINUTES
 * (default 30), samples long tasks (PerformanceObserver 'longtask') and `performance.memory.usedJSHeapSize`.
 * Prints the longest task, tasks > 50 ms, heap start / end / max, the heap slope per 10 minutes (least squares over
 * the samples), the heap after a forced GC at start and end, and the initial JavaScript gzipped size. Each animation
 * frame over 50 ms ('long-animation-frame') is listed with its blocking time (0 when no task in it was over 50 ms)
 * and what it spent its time on: scripts (the two longest, by source position), rendering (style, layout, paint),
 * and the rest (other tasks, garbage collection, waiting).
 *
 * Env: BENCH_MINUTES (default 30), BENCH_RATE events/s (default 2000), BENCH_SEGMENTS (default 20),
 * BENCH_JSON=path to also write the figures as JSON, BENCH_PROFILE=seconds for a CPU profile after the warm-up
 * (self time per function, mapped to the client's sources through the build's source maps),
 * BENCH_ALLOC=seconds for a sampling heap profile after the warm-up (bytes allocated per function, garbage included),
 * BENCH_SCREENSHOT=path for a full-page PNG of the overview after the warm-up, BENCH_TRACE=path for a Chromium
 * trace of the counted minutes, for DevTools or Perfetto (what each long task spent its time on; large: a few minutes),
 * BENCH_CLIENT_DIR=path to serve another client build than dist/client (to compare two builds in turn),
 * BENCH_CPU_SLOWDOWN=n to run the page's CPU n times slower (Chromium's throttling: what a slower or busier machine
 * would see; two builds compared this way show how far each is from the 50 ms line).
 * BENCH_EXPLORE=1 measures the pages whose charts are explored (recharts) instead of the overview: see
 * `explore-pages.ts` (BENCH_EXPLORE_HOURS of history, default 24; the user is an admin for the admin page;
 * BENCH_EXPLORE_PROFILE=1 also lists, per page, each busy stretch over 50 ms with the functions it went to;
 * BENCH_EXPLORE_SHOTS=dir writes a PNG of each page's chart as explored there).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type CDPSession, chromium } from 'playwright-core';
import { TestRedis } from '../tests/support/redis-server.js';
import { startTestServer, type TestServer } from '../tests/support/server.js';
import { explorePages, writeHistory } from './explore-pages.js';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 30);
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 20);
const SAMPLE_MS = 30_000;
const BATCH_MS = 100;
const HOSTS_PER_SEGMENT = 12;
const CHROMIUM = process.env.WF_CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'correct horse battery';
const REPO = join(import.meta.dirname, '..');

const segmentName = (s: number) => `seg-${String(s + 1).padStart(2, '0')}`;
const KINDS = ['flow', 'flow', 'flow', 'dns', 'dns', 'auth', 'ids'] as const;

/** One event of segment `s`, host `h`; `i` varies the values. Hosts live in 10.<s+1>.0.0/24. */
function event(s: number, h: number, i: number, ts: number): string {
  const kind = KINDS[(i + h) % KINDS.length]!;
  const base = {
    ts,
    sensor: `sensor-${segmentName(s)}`,
    kind,
    src_ip: `10.${s + 1}.0.${h + 10}`,
    segment: segmentName(s),
  };
  const extra =
    kind === 'flow'
      ? { dst_ip: `192.0.2.${(i % 200) + 1}`, dst_port: 443, bytes_out: 1500 + ((i * 37 + h * 101) % 2000) }
      : kind === 'dns'
        ? { query: `host${i % 50}.example.org`, qtype: 'A' }
        : kind === 'auth'
          ? { user: `u${h}`, outcome: i % 23 === 0 ? 'failure' : 'success' }
          : { signature: 'ET POLICY benign test', severity: 3 };
  return JSON.stringify({ ...base, ...extra });
}

async function backfill(wf: TestServer, seconds: number): Promise<void> {
  // A low rate is enough: every segment gets a point every second, which is what fills the charts.
  const start = Date.now() - seconds * 1000;
  let pipe = wf.redis.pipeline();
  let n = 0;
  for (let sec = 0; sec < seconds; sec++) {
    for (let s = 0; s < SEGMENTS; s++) {
      for (let k = 0; k < 3; k++) {
        pipe.xadd(
          wf.stream,
          '*',
          'event',
          event(s, (sec + k) % HOSTS_PER_SEGMENT, sec * 3 + k, start + sec * 1000 + k * 300),
        );
        n++;
      }
    }
    if (n >= 5000) {
      await pipe.exec();
      pipe = wf.redis.pipeline();
      n = 0;
    }
  }
  await pipe.exec();
}

function feeder(wf: TestServer): { stop(): Promise<void>; written(): number } {
  const perBatch = Math.round((RATE * BATCH_MS) / 1000);
  let i = 0;
  let written = 0;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return; // Redis or the consumer is behind: skip a batch rather than pile up.
    busy = true;
    const pipe = wf.redis.pipeline();
    const now = Date.now();
    for (let k = 0; k < perBatch; k++, i++) {
      pipe.xadd(
        wf.stream,
        '*',
        'event',
        event(i % SEGMENTS, Math.floor(i / SEGMENTS) % HOSTS_PER_SEGMENT, i, now),
      );
    }
    written += perBatch;
    running = pipe.exec().finally(() => {
      busy = false;
    });
  }, BATCH_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
    written: () => written,
  };
}

/** Gzipped size of the JS files `index.html` references (entry script and module preloads). */
function indexJsGzip(clientDir: string): { files: string[]; bytes: number } {
  const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return {
    files,
    bytes: files.reduce((sum, f) => sum + gzipSync(readFileSync(join(clientDir, f))).length, 0),
  };
}

function gzipOf(clientDir: string, files: Iterable<string>): number {
  let sum = 0;
  for (const f of files) sum += gzipSync(readFileSync(join(clientDir, f))).length;
  return sum;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/**
 * Names a profiled function by its place in the client's sources (`V client/src/…/build-rows.ts:36`), through the
 * build's source maps; without a map (or source-map-js, which comes with vite) by the minified file and line.
 */
async function sourceNamer(clientDir: string): Promise<(f: ProfileNode['callFrame']) => string> {
  const minified = (f: ProfileNode['callFrame']) =>
    `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  let SourceMapConsumer: typeof import('source-map-js').SourceMapConsumer;
  try {
    ({ SourceMapConsumer } = await import('source-map-js'));
  } catch {
    return minified;
  }
  const maps = new Map<string, InstanceType<typeof SourceMapConsumer> | null>();
  return (f) => {
    const file = /\/(assets\/[^?#]+\.js)$/.exec(f.url)?.[1];
    if (!file) return minified(f);
    if (!maps.has(file)) {
      try {
        maps.set(
          file,
          new SourceMapConsumer(JSON.parse(readFileSync(join(clientDir, `${file}.map`), 'utf8'))),
        );
      } catch {
        maps.set(file, null);
      }
    }
    if (f.lineNumber < 0) return minified(f);
    const pos = maps.get(file)?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
    if (!pos?.source) return minified(f);
    const source = pos.source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '');
    return `${f.functionName || '(anon)'} ${source}:${pos.line}`;
  };
}

/** BENCH_PROFILE=seconds: a CPU profile of the page, self time per function (where the main thread goes). */
async function profile(cdp: CDPSession, seconds: number, clientDir: string): Promise<void> {
  const name = await sourceNamer(clientDir);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const { profile: p } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const byNode = new Map<number, number>();
  p.samples.forEach((id, i) => {
    byNode.set(id, (byNode.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const byFn = new Map<string, number>();
  for (const n of p.nodes) {
    const key = name(n.callFrame);
    byFn.set(key, (byFn.get(key) ?? 0) + (byNode.get(n.id) ?? 0));
  }
  const byFile = new Map<string, number>();
  for (const n of p.nodes) {
    const file = n.callFrame.url.split('/').pop() || n.callFrame.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + (byNode.get(n.id) ?? 0));
  }
  console.log(`CPU profile over ${seconds} s (self time):`);
  for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

interface AllocNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: AllocNode[];
}

/**
 * BENCH_ALLOC=seconds: a sampling heap profile of the page, every object allocated in that time whether it lived or
 * not (V8 keeps those the GC took when asked), bytes per function: what makes the GC run (and pause the page).
 */
async function allocations(cdp: CDPSession, seconds: number, clientDir: string): Promise<void> {
  const name = await sourceNamer(clientDir);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const { profile: p } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: AllocNode };
  };
  const byFn = new Map<string, number>();
  let total = 0;
  const walk = (n: AllocNode) => {
    if (n.selfSize > 0) {
      const key = name(n.callFrame);
      byFn.set(key, (byFn.get(key) ?? 0) + n.selfSize);
      total += n.selfSize;
    }
    for (const c of n.children) walk(c);
  };
  walk(p.head);
  console.log(`allocated over ${seconds} s: ${mib(total)} (${kib(total / seconds)}/s), by function:`);
  for (const [k, bytes] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${kib(bytes).padStart(12)}  ${k}`);
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

/** Least-squares slope of (t ms, bytes) samples, in bytes per 10 minutes. */
function slopePer10Min(samples: readonly { t: number; heap: number }[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mh = samples.reduce((a, s) => a + s.heap, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.heap - mh);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 600_000;
}

async function main() {
  // A private copy of the build: rebuilding the client during a long run must not change what is measured.
  const clientDir = mkdtempSync(join(tmpdir(), 'wf-bench-client-'));
  cpSync(process.env.BENCH_CLIENT_DIR ?? join(REPO, 'dist', 'client'), clientDir, { recursive: true });
  const redis = await TestRedis.start();
  const wf = await startTestServer(redis.url, { WF_TICK_MS: '1000', WF_BATCH: '2000' }, { clientDir });
  const stops: (() => Promise<unknown>)[] = [];
  try {
    process.stdout.write('backfilling 16 min of history… ');
    await backfill(wf, 16 * 60);
    console.log('done');
    const exploring = Boolean(process.env.BENCH_EXPLORE);
    if (exploring) {
      const hours = Number(process.env.BENCH_EXPLORE_HOURS ?? 24);
      process.stdout.write(`writing ${hours} h of per-second history for ${SEGMENTS} segments… `);
      await writeHistory(
        wf,
        Array.from({ length: SEGMENTS }, (_, s) => segmentName(s)),
        hours,
      );
      console.log('done');
    }
    const feed = feeder(wf);
    stops.push(feed.stop);
    await wf.users.add('bench', exploring ? 'admin' : 'operator', PASSWORD);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
    });
    stops.push(() => browser.close());
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      colorScheme: 'dark',
    });
    await context.addInitScript(() => {
      const w = window as unknown as { __longtasks: number[]; __longframes: string[] };
      w.__longtasks = [];
      w.__longframes = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longtasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // no longtask support: the figures say 0 and the report says so
      }
      // What a long task was busy with: the long animation frame that holds it (scripts, then style, layout and
      // paint). A frame over 50 ms whose scripts and rendering add up to much less was mostly something else (GC).
      interface Script {
        duration: number;
        invoker: string;
        sourceURL: string;
        sourceCharPosition: number;
      }
      interface Frame {
        startTime: number;
        duration: number;
        blockingDuration: number;
        renderStart: number;
        styleAndLayoutStart: number;
        scripts: Script[];
      }
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as Frame[]) {
            if (e.duration <= 50) continue;
            const end = e.startTime + e.duration;
            const render = e.renderStart > 0 ? end - e.renderStart : 0;
            const layout = e.styleAndLayoutStart > 0 ? end - e.styleAndLayoutStart : 0;
            const scripts = e.scripts.reduce((a, x) => a + x.duration, 0);
            const top = [...e.scripts]
              .sort((a, b) => b.duration - a.duration)
              .slice(0, 2)
              .map(
                (x) =>
                  `${x.invoker} ${x.sourceURL.split('/').pop()}:${x.sourceCharPosition} ${Math.round(x.duration)} ms`,
              );
            w.__longframes.push(
              `${Math.round(e.duration)} ms (blocking ${Math.round(e.blockingDuration)}): scripts ${Math.round(scripts)}, render ${Math.round(render)} (style+layout+paint ${Math.round(layout)}), other ${Math.round(Math.max(0, e.duration - scripts - render))}; ${top.join('; ')}`,
            );
          }
        }).observe({ type: 'long-animation-frame', buffered: true });
      } catch {
        // no long-animation-frame support: long tasks are counted, not explained
      }
    });
    const page = await context.newPage();
    const loginJs = new Set<string>();
    page.on('response', (r) => {
      const m = /\/(assets\/[^?#]+\.js)$/.exec(new URL(r.url()).pathname);
      if (m) loginJs.add(m[1]!);
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Login page: what it loads is the initial JavaScript.
    await page.goto(`${wf.url}/login`);
    await page.waitForSelector('input[name=username]');
    await page.waitForLoadState('networkidle');
    const initial = [...loginJs];
    await page.fill('input[name=username]', 'bench');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${wf.url}/?window=900000`);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.strip__tile').length >= n && document.querySelector('figure.chart'),
      SEGMENTS,
      { timeout: 60_000 },
    );
    const cdp = await context.newCDPSession(page);
    if (exploring) {
      if (process.env.BENCH_CPU_SLOWDOWN)
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.BENCH_CPU_SLOWDOWN) });
      const profiler = process.env.BENCH_EXPLORE_PROFILE
        ? { cdp, name: await sourceNamer(clientDir) }
        : undefined;
      const shots = process.env.BENCH_EXPLORE_SHOTS;
      const pages = await explorePages(page, wf, '10.1.0.10', segmentName(0), profiler, shots);
      console.log('\n== browser-perf: explored pages ==');
      for (const f of pages)
        console.log(
          `${f.page.padEnd(28)} longest task ${String(f.longestTaskMs).padStart(4)} ms  > 50 ms: ${f.tasksOver50ms}  long tasks ${f.longTasks}  chart points ${f.chartPoints}`,
        );
      if (errors.length) console.log(`page errors ${errors.join(' | ')}`);
      if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(pages, null, 2));
      return;
    }
    if (process.env.BENCH_CPU_SLOWDOWN)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.BENCH_CPU_SLOWDOWN) });
    const gcHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return Number(await page.evaluate('performance.memory.usedJSHeapSize'));
    };
    // Warm-up: let the first snapshot and the first minute of frames settle, then start counting.
    await page.waitForTimeout(15_000);
    if (process.env.BENCH_SCREENSHOT)
      await page.screenshot({ path: process.env.BENCH_SCREENSHOT, fullPage: true });
    if (process.env.BENCH_PROFILE) await profile(cdp, Number(process.env.BENCH_PROFILE), clientDir);
    if (process.env.BENCH_ALLOC) await allocations(cdp, Number(process.env.BENCH_ALLOC), clientDir);
    const heapGcStart = await gcHeap();
    await page.evaluate('window.__longtasks.length = 0; window.__longframes.length = 0');

    if (process.env.BENCH_TRACE)
      await browser.startTracing(page, {
        path: process.env.BENCH_TRACE,
        categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
      });
    const samples: { t: number; heap: number }[] = [];
    const tasks: number[] = [];
    const longFrames: string[] = [];
    const t0 = Date.now();
    const sample = async () => {
      const s = (await page.evaluate(
        '(() => { const t = window.__longtasks.splice(0); return { heap: performance.memory.usedJSHeapSize, tasks: t, frames: window.__longframes.splice(0), points: [...document.querySelectorAll("figure.chart")].reduce((a, f) => a + Number(f.dataset.points || 0), 0) }; })()',
      )) as { heap: number; tasks: number[]; frames: string[]; points: number };
      tasks.push(...s.tasks);
      const minute = ((Date.now() - t0) / 60_000).toFixed(1);
      longFrames.push(...s.frames.map((f) => `by minute ${minute}: ${f}`));
      samples.push({ t: Date.now() - t0, heap: s.heap });
      const over = s.tasks.filter((d) => d > 50).length;
      console.log(
        `${minute.padStart(5)} min  heap ${mib(s.heap)}  long tasks ${s.tasks.length} (>50 ms: ${over}, max ${Math.round(Math.max(0, ...s.tasks))} ms)  chart points ${s.points}  events written ${feed.written()}`,
      );
    };
    // Every 5 min also the heap after a forced GC (the raw heap is a saw-tooth); the GC's own task is not counted.
    const gcSamples: { t: number; heap: number }[] = [{ t: 0, heap: heapGcStart }];
    await sample();
    const end = t0 + MINUTES * 60_000;
    while (Date.now() < end) {
      await page.waitForTimeout(Math.min(SAMPLE_MS, Math.max(0, end - Date.now())));
      await sample();
      if (samples.length % 10 === 1 || Date.now() >= end) {
        gcSamples.push({ t: Date.now() - t0, heap: await gcHeap() });
        // the forced GC is the bench's, not the page's: forget its task and its frame (reported up to ~1 s later)
        await page.waitForTimeout(1000);
        await page.evaluate('window.__longtasks.length = 0; window.__longframes.length = 0');
        console.log(`        heap after GC ${mib(gcSamples.at(-1)!.heap)}`);
      }
    }
    if (process.env.BENCH_TRACE) await browser.stopTracing();
    const heapGcEnd = gcSamples.at(-1)!.heap;
    const stats = (await (
      await fetch(`${wf.url}/api/stats`, { headers: { cookie: await wf.login('bench', PASSWORD) } })
    ).json()) as { eventsPerSec?: number; lag?: number; ingested?: number };

    const heaps = samples.map((s) => s.heap);
    const fromIndex = indexJsGzip(clientDir);
    const figures = {
      minutes: MINUTES,
      segments: SEGMENTS,
      targetRate: RATE,
      serverEventsPerSec: stats.eventsPerSec,
      serverLag: stats.lag,
      longestTaskMs: Math.round(Math.max(0, ...tasks)),
      longTasks: tasks.length,
      tasksOver50ms: tasks.filter((d) => d > 50).length,
      heapStart: heaps[0]!,
      heapEnd: heaps.at(-1)!,
      heapMax: Math.max(...heaps),
      heapSlopePer10Min: slopePer10Min(samples),
      heapAfterGcStart: heapGcStart,
      heapAfterGcEnd: heapGcEnd,
      heapAfterGcSlopePer10Min: slopePer10Min(gcSamples),
      heapAfterGcSamples: gcSamples,
      initialJsGzip: gzipOf(clientDir, initial),
      initialJsFiles: initial,
      indexHtmlJsGzip: fromIndex.bytes,
      allJsGzip: gzipOf(
        clientDir,
        readdirSync(join(clientDir, 'assets'))
          .filter((f) => f.endsWith('.js'))
          .map((f) => `assets/${f}`),
      ),
      longFrames,
      pageErrors: errors,
    };
    console.log('\n== browser-perf ==');
    console.log(
      `run                 ${MINUTES} min, ${SEGMENTS} segments, target ${RATE} ev/s, server ${stats.eventsPerSec} ev/s, lag ${stats.lag}`,
    );
    console.log(`longest task        ${figures.longestTaskMs} ms`);
    console.log(`long tasks          ${figures.longTasks} (> 50 ms: ${figures.tasksOver50ms})`);
    for (const f of longFrames) console.log(`  long frame ${f}`);
    console.log(
      `heap start/end/max  ${mib(figures.heapStart)} / ${mib(figures.heapEnd)} / ${mib(figures.heapMax)}`,
    );
    console.log(`heap slope          ${(figures.heapSlopePer10Min / 2 ** 20).toFixed(2)} MiB per 10 min`);
    console.log(
      `heap after GC       ${mib(heapGcStart)} → ${mib(heapGcEnd)} (slope ${(figures.heapAfterGcSlopePer10Min / 2 ** 20).toFixed(2)} MiB per 10 min over ${gcSamples.length} samples)`,
    );
    console.log(`initial JS (gzip)   ${kib(figures.initialJsGzip)} (login page: ${initial.join(', ')})`);
    console.log(
      `index.html JS gzip  ${kib(fromIndex.bytes)} (${fromIndex.files.join(', ')}); all chunks ${kib(figures.allJsGzip)}`,
    );
    if (errors.length) console.log(`page errors         ${errors.join(' | ')}`);
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(figures, null, 2));
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await wf.close();
    await redis.stop();
    rmSync(clientDir, { recursive: true, force: true });
  }
}

await main();
// Everything this run opened is closed above, yet under tsx the process sometimes lingers with nothing listed in
// process.getActiveResourcesInfo(); the report is written, so leave.
process.exit();
