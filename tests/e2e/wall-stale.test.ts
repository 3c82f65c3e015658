/**
 * The wall when scorers die (several processes): an ingest + web instance with the built client, two scorer processes
 * (20 s leases: a dead one's partitions are not taken over before the test looks) and the simulator's eight segments. Killing one scorer
 * (SIGKILL) greys its segments' tiles and marks them STALE while the rest stay live, the header counts them, and the
 * Events/s tile says which figure it is; killing the other turns the wall STALE with the scoring as the cause, not the
 * sensors, and it still says so after the sensors' 15 s. In English and in Lithuanian.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EVENT_STALE_MS } from '../../client/src/state/connection-status.js';
import { owners, type Proc, startProc } from '../faults/cluster-support.js';
import { freePort } from '../support/redis-server.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';
import {
  browserSkipReason,
  CLIENT_DIR,
  launchBrowser,
  openPage,
  SIMULATOR_SEGMENTS,
  screenshot,
  segmentTraffic,
  startFeeder,
} from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

const PARTITIONS = 8;

interface StaleReading {
  status: string;
  tiles: { name: string; stale: boolean; tag: string; border: string; background: string }[];
  count: string;
  events: string;
  banner: string;
}

async function readStale(page: Page): Promise<StaleReading> {
  return (await page.evaluate(`(() => {
    const text = (sel) => document.querySelector(sel)?.textContent ?? '';
    return {
      status: document.querySelector('.wall')?.getAttribute('data-status') ?? '',
      tiles: [...document.querySelectorAll('[data-testid=network-strip] .wtile')].map((t) => ({
        name: t.querySelector('.wtile__name')?.textContent ?? '',
        stale: t.classList.contains('wtile--stale'),
        tag: t.querySelector('[data-testid=stale-tag]')?.textContent ?? '',
        border: getComputedStyle(t).borderTopStyle,
        background: getComputedStyle(t).backgroundImage,
      })),
      count: text('[data-testid=wall-stale-count]'),
      events: text('[data-testid=count-events] .wkpi__detail'),
      banner: text('[data-testid=wall-banner]'),
    };
  })()`)) as StaleReading;
}

describe.skipIf(skip !== null)('the wall when scorers die', () => {
  let wf: TestServer;
  let feeder: ReturnType<typeof startFeeder>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const scorers: Proc[] = [];

  beforeAll(async () => {
    const redisUrl = inject('redisUrl');
    const id = randomUUID().slice(0, 8);
    const cluster = { WF_PARTITIONS: String(PARTITIONS), WF_TICK_MS: '200' };
    wf = await startTestServer(
      redisUrl,
      { ...cluster, PORT: String(await freePort()), WF_ROLES: 'ingest,web' },
      { clientDir: CLIENT_DIR },
    );
    // a dead scorer's partitions are taken over only once its lease expires (20 s): STALE until then
    const env = { ...cluster, REDIS_URL: redisUrl, WF_PREFIX: wf.prefix, WF_LEASE_MS: '20000' };
    scorers.push(
      ...(await Promise.all([
        startProc(`wall-score1-${id}`, 'score', env),
        startProc(`wall-score2-${id}`, 'score', env),
      ])),
    );
    // both scorers hold partitions (they split them within a few lease upkeeps); if not, say who holds what
    await eventually(async () => {
      const held = await owners(wf.redis, wf.prefix, PARTITIONS);
      return !held.includes(null) && new Set(held).size === 2;
    }, 60_000).catch(async (e: unknown) => {
      throw new Error(
        `${String(e)} ${JSON.stringify(await owners(wf.redis, wf.prefix, PARTITIONS))}\n${scorers.map((p) => p.child.output().slice(-1500)).join('\n')}`,
      );
    });
    feeder = startFeeder(wf, segmentTraffic(SIMULATOR_SEGMENTS));
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await feeder?.stop();
    await browser?.close();
    for (const p of scorers) await p.child.kill();
    await wf?.close();
  });

  it('marks a dead scorer’s segments STALE on greyed tiles, then says the scoring stopped when every scorer is dead', async () => {
    const token = (await wf.tokens.create({ label: 'Ops room A' }, 'test')).token;
    const { page, errors } = await openPage(browser, { width: 1920, height: 1080 });
    await page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}&scene=network`);
    await page.locator('.wall--live').waitFor({ timeout: 30_000 });
    await eventually(async () => (await readStale(page)).tiles.length === SIMULATOR_SEGMENTS.length, 30_000);
    const before = await readStale(page);
    expect(before.tiles.filter((t) => t.stale || t.tag)).toEqual([]);
    expect(before.count).toBe('');
    expect(before.events).toBe('');

    // One scorer killed: its segments STALE (3 ticks + 2 s), greyed, the rest live, the wall still LIVE.
    await scorers[0]!.child.kill('SIGKILL');
    await page.locator('[data-testid=wall-stale-count]').waitFor({ timeout: 15_000 });
    const some = await readStale(page);
    const stale = some.tiles.filter((t) => t.stale);
    console.log(`wall: one scorer dead, STALE: ${stale.map((t) => t.name).join(', ')}`);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.length).toBeLessThan(SIMULATOR_SEGMENTS.length);
    expect(some.status).toBe('live');
    for (const t of some.tiles) {
      expect(t.tag, `tag of ${t.name}`).toBe(t.stale ? 'STALE' : '');
      // greyed: dashed and hatched whatever its band
      if (t.stale)
        expect([t.border, t.background.startsWith('repeating-linear-gradient')]).toEqual(['dashed', true]);
      else expect(t.background).toBe('none');
    }
    expect(some.count).toBe(`STALE: ${stale.length} segment${stale.length === 1 ? '' : 's'}`);
    expect(some.events).toBe(`without ${stale.length} STALE`);
    // read from across the room: the tag at the wall's 24 px and more, nothing cut
    const tagPx = await page
      .locator('[data-testid=stale-tag]')
      .evaluateAll((els) => els.map((el) => Number.parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...tagPx)).toBeGreaterThanOrEqual(24);
    expect(
      await page
        .locator('[data-testid=count-events] .wkpi__detail')
        .evaluate((el) => el.scrollWidth <= el.clientWidth),
    ).toBe(true);
    expect(await page.locator('[data-testid=wall-banner]').count()).toBe(0);
    await page.waitForTimeout(300);
    await screenshot(page, 'wall-stale');

    // Every scorer killed: every segment STALE, the wall STALE at once, the scoring named as the cause.
    await scorers[1]!.child.kill('SIGKILL');
    await page.locator('.wall--notlive[data-status=stale]').waitFor({ timeout: 15_000 });
    const all = await readStale(page);
    expect(all.tiles.length).toBe(SIMULATOR_SEGMENTS.length);
    expect(all.tiles.every((t) => t.stale && t.tag === 'STALE')).toBe(true);
    expect(all.count).toBe(`STALE: ${SIMULATOR_SEGMENTS.length} segments`);
    expect(all.banner).toMatch(/^STALEscoring stopped: no scorer is running/);
    expect(await page.locator('.wall__state--stale').first().textContent()).toMatch(/^STALE/);

    // Past the sensors' 15 s: still the scoring, never "no new events from sensors"; nothing zeroed.
    await page.waitForTimeout(EVENT_STALE_MS + 1_000);
    const later = await readStale(page);
    expect(later.banner).toMatch(/scoring stopped: no scorer is running/);
    expect(later.banner).not.toMatch(/sensors/);
    expect(later.tiles.map((t) => t.name)).toEqual([...SIMULATOR_SEGMENTS].sort());
    await screenshot(page, 'wall-stale-all');

    // The same in Lithuanian.
    const lt = await openPage(browser, { width: 1920, height: 1080 });
    await lt.page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}&scene=network&lang=lt`);
    await lt.page.locator('[data-testid=wall-banner]').waitFor({ timeout: 30_000 });
    await eventually(
      async () => (await readStale(lt.page)).tiles.length === SIMULATOR_SEGMENTS.length,
      15_000,
    );
    const ltReading = await readStale(lt.page);
    expect(ltReading.tiles.every((t) => t.tag === 'PASENĘ')).toBe(true);
    expect(ltReading.count).toBe(`PASENĘ: ${SIMULATOR_SEGMENTS.length} segmentai`);
    expect(ltReading.banner).toMatch(/vertinimas sustojo: neveikia nė vienas vertintojas/);
    expect([...errors, ...lt.errors]).toEqual([]);
  }, 120_000);
});
