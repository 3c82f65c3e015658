/// <reference lib="dom" />
/**
 * @module The browser bench's explored pages (`BENCH_EXPLORE=1 npx tsx bench/browser-perf.ts`): writes `hours` of
 * per-second series history for every segment (with a one-second spike an hour) and of the sensors' history, raises an alert, then opens in turn
 * the host page, the alert queue with that alert, the sensors, the handover and the admin page; on each it waits for
 * its recharts charts, switches the history to 1 h, 6 h and 24 h where offered, moves the pointer over the chart
 * (tooltip) and drags the brush, and counts the page's long tasks from its navigation on (loading recharts and the
 * first render included). Prints, per page, the longest task and the tasks over 50 ms, after the same figures for the
 * overview (no recharts) watched for 15 s in the same run: the baseline of the machine's load at the time.
 */
import type { CDPSession, Page } from 'playwright-core';
import { HistoryStore } from '../server/scoring/history-store.js';
import { SensorHistory } from '../server/sensor-history.js';
import type { SeriesPoint } from '../shared/schemas/frame.js';
import { raiseAlert } from '../tests/support/alerts.js';
import type { TestServer } from '../tests/support/server.js';

export interface PageFigures {
  page: string;
  longestTaskMs: number;
  tasksOver50ms: number;
  longTasks: number;
  chartPoints: number;
}

/** `hours` of history per second for each segment, written through the history store as the live window would. */
export async function writeHistory(
  wf: TestServer,
  segments: readonly string[],
  hours: number,
): Promise<void> {
  const store = new HistoryStore(wf.redis, wf.keys, (hours + 2) * 3_600_000);
  const end = Math.floor(Date.now() / 1000) * 1000 - 16 * 60_000;
  for (let h = hours; h > 0; h--) {
    const points: SeriesPoint[] = [];
    const from = end - h * 3_600_000;
    for (const [s, segment] of segments.entries()) {
      for (let i = 0; i < 3600; i++) {
        const t = from + i * 1000;
        const spike = i === 1800 + s * 7;
        const events = 6 + ((i * 13 + s * 7) % 5) + (spike ? 200 : 0);
        points.push({
          segment,
          t,
          events,
          bytesOut: events * 1800,
          byKind: { flow: events - 2, ids: 0, dns: 1, auth: 1 },
          score: spike ? 95 : 5 + ((i + s) % 9),
          open: false,
        });
      }
    }
    await store.write(points);
  }
  // and the sensors' history over the same hours: two sensors a segment, per 10 s bucket as the server keeps it
  const sensors = new SensorHistory(wf.redis, wf.keys, (hours + 2) * 3_600_000);
  for (let at = end - hours * 3_600_000; at < end; at += 10_000) {
    const i = Math.floor(at / 10_000) % 360;
    await sensors.write(
      segments.flatMap((segment, s) => [
        [`zeek-${segment}`, 60 + ((i * 13 + s * 7) % 50)] as const,
        [`sur-${segment}`, i % 7 === 0 ? 0 : 2 + (s % 3)] as const,
      ]),
      at,
    );
  }
}

async function taskFigures(page: Page, name: string): Promise<PageFigures> {
  await page.waitForTimeout(2000);
  const s = (await page.evaluate(
    '(() => ({ tasks: window.__longtasks.splice(0), points: [...document.querySelectorAll("figure.xchart")].reduce((a, f) => a + Number(f.dataset.points || 0), 0) }))()',
  )) as { tasks: number[]; points: number };
  return {
    page: name,
    longestTaskMs: Math.round(Math.max(0, ...s.tasks)),
    tasksOver50ms: s.tasks.filter((d) => d > 50).length,
    longTasks: s.tasks.length,
    chartPoints: s.points,
  };
}

/** Pointer over the chart, then the brush's left handle dragged a third of the way. */
async function explore(page: Page, scope: string): Promise<void> {
  const chart = page.locator(`${scope} .recharts-wrapper`).first();
  await chart.waitFor();
  const box = await chart.boundingBox();
  if (box) {
    for (const f of [0.2, 0.5, 0.8]) {
      await page.mouse.move(box.x + box.width * f, box.y + box.height / 2, { steps: 5 });
      await page.waitForTimeout(150);
    }
  }
  const handle = page.locator(`${scope} .recharts-brush-traveller`).first();
  const h = await handle.boundingBox();
  if (h && box) {
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + box.width / 3, h.y + h.height / 2, { steps: 10 });
    await page.mouse.up();
    await page.waitForTimeout(300);
  }
}

async function ranges(page: Page, scope: string): Promise<void> {
  for (const label of ['6 h', '24 h', '1 h']) {
    const button = page.locator(`${scope} .range__btn`, { hasText: label });
    if ((await button.count()) === 0) return;
    await button.click();
    await page.locator(`${scope} .range__btn[aria-pressed=true]`, { hasText: label }).waitFor();
    await page.locator(`${scope} .recharts-wrapper`).first().waitFor();
    await page.waitForTimeout(1500);
    await explore(page, scope);
  }
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** What to profile with: the page's CDP session and a namer of a profiled function by its place in the sources. */
export interface ExploreProfiler {
  cdp: CDPSession;
  name(f: CallFrame): string;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);
const PLUMBING =
  /react-dom|scheduler|react-redux|use-sync-external-store|reselect|immer|redux|@tanstack|socket\.io|engine\.io|component-emitter/;

/**
 * The main thread's busy stretches over 50 ms in a CPU profile (samples with no idle sample between them, the
 * garbage collector counted as busy), each with the functions that took most of it, inclusive of what they called:
 * where a page's long tasks go.
 */
export function busyStretches(p: CpuProfile, name: (f: CallFrame) => string, top = 8): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out: string[] = [];
  let start = -1;
  let busy = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const close = (end: number) => {
    if (start < 0 || busy < 50_000) return;
    // inclusive time of the page's own functions and recharts' (React's and the store's plumbing left out)
    const inclusive = new Map<string, number>();
    const self = new Map<string, number>();
    for (let i = start; i < end; i++) {
      const dt = p.timeDeltas[i + 1] ?? 0;
      const leaf = byId.get(p.samples[i]!)!.callFrame;
      add(self, leaf.url ? (name(leaf).split(' ')[1]?.replace(/:\d+$/, '') ?? '?') : leaf.functionName, dt);
      const seen = new Set<string>();
      for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        if (!f.url) continue;
        const key = name(f);
        if (seen.has(key) || PLUMBING.test(key)) continue;
        seen.add(key);
        add(inclusive, key, dt);
      }
    }
    const list = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, us]) => `      ${(us / 1000).toFixed(0).padStart(5)} ms  ${k}`)
        .join('\n');
    out.push(
      `    busy ${(busy / 1000).toFixed(0)} ms; self time by file:\n${list(self, 5)}\n    inclusive:\n${list(inclusive, top)}`,
    );
  };
  for (let i = 0; i < p.samples.length; i++) {
    const f = byId.get(p.samples[i]!)!.callFrame;
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (IDLE.has(f.functionName) && f.functionName !== '(garbage collector)') {
      close(i);
      start = -1;
      busy = 0;
    } else {
      if (start < 0) start = i;
      busy += dt;
    }
  }
  close(p.samples.length);
  return out;
}

export async function explorePages(
  page: Page,
  wf: TestServer,
  host: string,
  segment: string,
  profiler?: ExploreProfiler,
  shots?: string,
) {
  const alert = await raiseAlert(wf, { ip: host, score: 92, segment });
  const out: PageFigures[] = [];
  // a loaded machine stretches every step; the figures say how long each task took, not the bench's patience
  page.setDefaultTimeout(180_000);
  // the baseline of the same run: the overview (no recharts) for as long as a page is explored below
  console.log('overview (baseline)…');
  await page.goto(`${wf.url}/`);
  await page.locator('figure.chart').first().waitFor({ timeout: 180_000 });
  await page.waitForTimeout(15_000);
  out.push(await taskFigures(page, 'overview (baseline)'));
  const visit = async (name: string, path: string, scope: string, more?: () => Promise<void>) => {
    console.log(`exploring ${name}…`);
    if (profiler) {
      await profiler.cdp.send('Profiler.enable');
      await profiler.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await profiler.cdp.send('Profiler.start');
    }
    await page.goto(`${wf.url}${path}`);
    await page.locator(`${scope} .recharts-wrapper`).first().waitFor();
    await more?.();
    await explore(page, scope);
    await ranges(page, scope);
    out.push(await taskFigures(page, name));
    // the chart as explored (brush zoomed, pointer over it), to look at: after the figures, so not counted in them
    if (shots) await page.locator(scope).screenshot({ path: `${shots}/${name.split(' ')[0]}.png` });
    if (profiler) {
      const { profile } = (await profiler.cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      const stretches = busyStretches(profile, profiler.name);
      console.log(`  ${stretches.length} busy stretches over 50 ms${stretches.length ? ':' : ''}`);
      for (const s of stretches) console.log(s);
    }
  };
  await visit('host (history)', `/hosts/${host}`, '[data-testid=host-history]');
  await visit(
    'alerts (score history)',
    `/alerts?state=all&id=${alert.id}`,
    '[data-testid=alert-score-history]',
  );
  await visit('sensors', '/sensors', '[data-testid=sensor-rates]');
  await visit('handover (24 h shift)', '/handover', '[data-testid=shift-trend]', async () => {
    await page.selectOption('.handover__head select', '24');
    await page.waitForTimeout(1500);
  });
  await visit('admin (ingest throughput)', '/admin', '[data-testid=ingest-throughput]');
  return out;
}
