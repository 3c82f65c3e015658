/**
 * @module Browser-test support: headless Chromium (playwright-core, the system `/usr/bin/chromium`), pages
 * that record console errors and dialogs, login through the form, a telemetry feeder and screenshots.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { PEER_WARMUP } from '../../../server/scoring/detectors/volume.js';
import type { Role } from '../../../shared/roles.js';
import { freePort } from '../../support/redis-server.js';
import { startTestServer, type TestServer } from '../../support/server.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLIENT_DIR = join(REPO, 'dist', 'client');
export const SCREENSHOTS = join(REPO, 'docs', 'screenshots');
export const CHROMIUM = process.env.WF_CHROMIUM ?? '/usr/bin/chromium';
export const PASSWORD = 'correct horse battery';

/** Why browser tests cannot run here, or null when they can. */
export function browserSkipReason(): string | null {
  if (!existsSync(CHROMIUM)) return `browser tests skipped: no Chromium at ${CHROMIUM} (set WF_CHROMIUM)`;
  if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
    return 'browser tests skipped: dist/client is missing (run `npm run build:client` first)';
  }
  return null;
}

/** True when the browser tests cannot run here; says why once per file (`describe.skipIf(noBrowser())`). */
export function noBrowser(): boolean {
  const reason = browserSkipReason();
  if (reason) console.warn(reason);
  return reason !== null;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  /** Messages of every dialog (alert/confirm/prompt) the page opened; each is dismissed. */
  dialogs: string[];
}

/**
 * A new context (own cookies) and page that records console errors, page errors and dialogs. The browser's language
 * is British English unless `locale` says otherwise (the screens follow it where the user chose none).
 */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1600, height: 1000 },
  locale = 'en-GB',
): Promise<Watched> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'dark', locale });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // The first `GET /api/me` of a logged-out page answers 401 by design; Chromium logs every 4xx.
    if (/status of 401/.test(text) && msg.location().url.endsWith('/api/me')) return;
    errors.push(`${text} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, context, errors, dialogs };
}

/** Logs in through the form and waits until the app has left /login. */
/**
 * Waits for `locator` on a watched page; on a timeout the error also says what the page showed instead (its address,
 * the start of its text and the errors it logged), so a failure in CI can be read from the log alone.
 */
export async function waitShowing(w: Watched, locator: Locator, timeout: number): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (e) {
    const text = await w.page
      .evaluate('document.body ? document.body.innerText : "(no body)"')
      .catch((err: unknown) => `(page unreadable: ${String(err)})`);
    throw new Error(
      `${(e as Error).message}\n  page: ${w.page.url()}\n  showed: ${String(text).slice(0, 600)}\n  errors: ${JSON.stringify(w.errors)}`,
    );
  }
}

export async function loginThroughForm(page: Page, baseUrl: string, username: string, path = '/') {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('input[name=username]');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
}

export interface FeedEvent {
  sensor: string;
  kind: 'flow' | 'dns' | 'ids' | 'auth';
  src_ip: string;
  segment?: string;
  [field: string]: unknown;
}

/**
 * Writes events to the server's input stream every `everyMs` until stopped; `make(i)` gives the batch for
 * round `i` (`ts` is filled in with the current time).
 */
export function startFeeder(
  wf: Pick<TestServer, 'redis' | 'stream'>,
  make: (round: number) => FeedEvent[],
  everyMs = 200,
): { stop(): Promise<void>; rounds(): number } {
  let round = 0;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    const p = wf.redis.pipeline();
    for (const ev of make(round)) p.xadd(wf.stream, '*', 'event', JSON.stringify({ ts: Date.now(), ...ev }));
    round++;
    running = p.exec().catch(() => undefined);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    rounds: () => round,
  };
}

/**
 * Seconds of history after which the loud host of {@link normalTraffic} and {@link segmentTraffic} scores as soon as
 * it is loud, whatever second of the minute the test starts at. The host is younger than volume's own warm-up, so it
 * is judged against its segment's peers, read as they were when the previous minute began (up to two minutes ago),
 * and those need {@link PEER_WARMUP} active host-seconds: with five hosts in the segment, a minute before that. With
 * 150 s a test that began late in a minute waited up to a minute for the snapshot to warm, and a wall test waiting 30 s
 * for the takeover failed.
 */
export const WARM_HISTORY_S = 2 * 60 + PEER_WARMUP / 5 + 30;

/**
 * Writes `seconds` of history (event time now − seconds … now, one batch per `everyMs`, like the feeder) so that the
 * scorer's baselines are warm before the live feed starts and anomalies can score (see {@link WARM_HISTORY_S}).
 */
export async function backfill(
  wf: Pick<TestServer, 'redis' | 'stream' | 'url' | 'userCookie'>,
  make: (round: number) => FeedEvent[],
  seconds = WARM_HISTORY_S,
  everyMs = 200,
): Promise<void> {
  const perSecond = 1000 / everyMs;
  const start = Date.now() - seconds * 1000;
  const p = wf.redis.pipeline();
  for (let i = 0; i < seconds * perSecond; i++) {
    for (const ev of make(-1)) {
      p.xadd(wf.stream, '*', 'event', JSON.stringify({ ...ev, ts: start + i * everyMs }));
    }
  }
  const results = (await p.exec()) ?? [];
  // Wait until the consumer has applied the history, so that the first snapshot carries it.
  const cookie = await wf.userCookie('operator');
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const res = await fetch(`${wf.url}/api/stats`, { headers: { cookie } });
    const stats = (await res.json()) as { applied?: number };
    if ((stats.applied ?? 0) >= results.length) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('backfill was not applied within 30 s');
}

/** Ordinary benign-looking traffic over a few segments and hosts, with one host sending far more. */
export function normalTraffic(round: number): FeedEvent[] {
  const segments = ['energy', 'finance', 'health'];
  const out: FeedEvent[] = [];
  for (const [s, segment] of segments.entries()) {
    for (let h = 0; h < 4; h++) {
      out.push({
        sensor: `sensor-${segment}`,
        kind: 'flow',
        src_ip: `10.${s + 1}.0.${h + 10}`,
        segment,
        bytes_out: 2000 + ((round * 37 + h * 101) % 900),
      });
    }
  }
  // 10.1.0.99 is ordinary in the history (round −1) and in the first live seconds, then sends far more.
  const loud = round > 5;
  for (let k = 0; k < (loud ? 6 : 1); k++) {
    out.push({
      sensor: 'sensor-energy',
      kind: 'flow',
      src_ip: '10.1.0.99',
      segment: 'energy',
      bytes_out: loud ? 5_000_000 + round * 1000 : 2500,
    });
  }
  return out;
}

/** The simulator's eight segment names (server/simulate/catalog.ts), for screens read as the watch floor sees them. */
export const SIMULATOR_SEGMENTS = [
  'defence-liaison',
  'energy-grid',
  'health',
  'ministry-finance',
  'ministry-foreign',
  'ministry-interior',
  'telecom',
  'transport',
] as const;

/**
 * Benign traffic over the given segments (`hosts` hosts each, 10.<segment>.0.<host>); the first host of the first
 * segment (10.1.0.99) turns loud after the first live seconds, as in `normalTraffic`.
 */
export function segmentTraffic(segments: readonly string[], hosts = 4): (round: number) => FeedEvent[] {
  return (round) => {
    const out: FeedEvent[] = [];
    for (const [s, segment] of segments.entries()) {
      for (let h = 0; h < hosts; h++) {
        out.push({
          sensor: `sensor-${segment}`,
          kind: 'flow',
          src_ip: `10.${s + 1}.0.${h + 10}`,
          segment,
          bytes_out: 2000 + ((round * 37 + h * 101) % 900),
        });
      }
    }
    const loud = round > 5;
    for (let k = 0; k < (loud ? 6 : 1); k++) {
      out.push({
        sensor: `sensor-${segments[0]}`,
        kind: 'flow',
        src_ip: '10.1.0.99',
        segment: segments[0],
        bytes_out: loud ? 5_000_000 + round * 1000 : 2500,
      });
    }
    return out;
  };
}

/** Saves a PNG of the viewport (or the whole page) to docs/screenshots/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  if (!fullPage) {
    await page.screenshot({ path });
    return path;
  }
  // A full page as a tall viewport, so that sticky banners sit at the top and bottom of the image.
  const viewport = page.viewportSize() ?? { width: 1600, height: 1000 };
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(Math.max(height, viewport.height), 4000),
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
  return path;
}

/** Number of drawn values in the charts (`figure.chart[data-points]`, set by the client for tests). */
export async function chartPoints(page: Page, selector = 'figure.chart'): Promise<number> {
  const values = await page
    .locator(selector)
    .evaluateAll((els) =>
      els.map((el) => Number((el as unknown as { dataset: Record<string, string> }).dataset.points ?? 0)),
    );
  return values.reduce((a, b) => a + b, 0);
}

/** Buttons, fields and links without an accessible name (aria-label, label, labelledby, text or title). */
export async function unnamedControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, input, select, textarea, a[href]')) {
      if (el.type === 'hidden') continue;
      const name = (el.getAttribute('aria-label') || '').trim()
        || (el.labels && [...el.labels].map((l) => l.textContent).join(' ').trim())
        || (el.getAttribute('aria-labelledby') ? 'x' : '')
        || (el.textContent || '').trim()
        || (el.getAttribute('title') || '').trim();
      if (!name) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  })()`)) as string[];
}

/** What a browser suite gets: a server fed with live traffic, and a Chromium. */
export interface LiveBrowserSuite {
  wf: TestServer;
  browser: Browser;
  /** Stops the feeder and the server (the page sees the server go away). */
  stopServer(): Promise<void>;
  /** A new server on the same port, Redis prefix and stream, fed again; `wf` becomes it. */
  startServerAgain(): Promise<void>;
}

export interface LiveBrowserOptions {
  /** Past traffic written before the feeder starts, in seconds. @default WARM_HISTORY_S */
  seconds?: number;
  /** Environment for the server, given the free port it will listen on (its public URL, webhooks…). */
  env?: (port: number) => Record<string, string>;
  /** Runs once the server and users exist, before the history is written (tokens, dead letters…). */
  prepare?: (wf: TestServer) => Promise<void>;
}

/**
 * Registers the usual suite set-up: a server with the built client on a free port, the given users (password
 * PASSWORD), `seconds` of past traffic, a feeder writing more while the tests run, and Chromium; all stopped after.
 */
export function liveBrowserSuite(
  users: Record<string, Role>,
  traffic: (round: number) => FeedEvent[] = normalTraffic,
  opts: LiveBrowserOptions = {},
): LiveBrowserSuite {
  let feeder: ReturnType<typeof startFeeder> | undefined;
  let env: Record<string, string> = {};
  const suite: LiveBrowserSuite = {
    wf: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    async stopServer() {
      await feeder?.stop();
      await suite.wf.close();
    },
    async startServerAgain() {
      const { prefix, stream } = suite.wf;
      suite.wf = await startTestServer(
        inject('redisUrl'),
        { ...env, WF_PREFIX: prefix, WF_STREAMS: stream },
        { clientDir: CLIENT_DIR },
      );
      feeder = startFeeder(suite.wf, traffic);
    },
  };
  beforeAll(async () => {
    const port = await freePort();
    env = { PORT: String(port), ...opts.env?.(port) };
    suite.wf = await startTestServer(inject('redisUrl'), env, { clientDir: CLIENT_DIR });
    for (const [name, role] of Object.entries(users)) await suite.wf.users.add(name, role, PASSWORD);
    await opts.prepare?.(suite.wf);
    await backfill(suite.wf, traffic, opts.seconds ?? WARM_HISTORY_S);
    feeder = startFeeder(suite.wf, traffic);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await feeder?.stop();
    await suite.browser?.close();
    await suite.wf?.close();
  });
  return suite;
}
