/**
 * The wall as the room reads it, at 1920×1080 with the simulator's eight segments: every segment's name, score and
 * band on screen in every detail scene over two rotations and during a critical takeover; no text under 24 px and
 * key numbers at least 64 px (computed font sizes); counts that add up; every segment chart with values on its axis.
 * The leads' handover notes chosen for the wall are one of the detail scenes and are read the same way. Then twenty
 * segments: still every segment, nothing cut off. Then six, two of them 63-character names that differ only at their
 * end, at three screen sizes: every name whole on its tile (both read "Ministry-of-Internal-Affair…").
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { raiseAlert } from '../support/alerts.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  backfill,
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

interface Reading {
  scene: string;
  tiles: { name: string; score: string; band: string; counts: string }[];
  /** Visible text smaller than the floor, as "size px: text". */
  small: string[];
  /** The same within the network strip, against the strip's floor. */
  stripSmall: string[];
  /** Smallest computed size of the key numbers (segment scores, counts). */
  keyMin: number;
  overflowing: string[];
  docFits: boolean;
  counts: { unresolved: string; detail: string; critical: string; high: string };
  yTicks: string[];
}

/** Reads what the wall shows: the strip's tiles, font sizes of every visible text node, blocks cut off. */
async function readWall(page: Page, floorPx: number, stripFloorPx = floorPx): Promise<Reading> {
  return (await page.evaluate(`(() => {
    const floor = ${floorPx};
    const stripFloor = ${stripFloorPx};
    const scene = document.querySelector('.wall__scene')?.getAttribute('data-scene') ?? '';
    const tiles = [...document.querySelectorAll('[data-testid=network-strip] .wtile')].map((t) => ({
      name: t.querySelector('.wtile__name')?.textContent ?? '',
      score: t.querySelector('.wtile__num')?.textContent ?? '',
      band: t.querySelector('.wtile__sev')?.textContent ?? '',
      counts: [...t.querySelectorAll('.wtile__meta')].filter((m) => m.getBoundingClientRect().height > 0).map((m) => m.textContent).join(''),
    }));
    const small = [];
    const stripSmall = [];
    const walker = document.createTreeWalker(document.querySelector('.wall'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < floor - 0.01) small.push(size.toFixed(1) + ' px: ' + text.slice(0, 40));
      if (el.closest('.wstrip') && size < stripFloor - 0.01) stripSmall.push(size.toFixed(1) + ' px: ' + text.slice(0, 40));
    }
    const keys = [...document.querySelectorAll('.wtile__num, .wkpi__value')];
    const keyMin = Math.min(...keys.map((k) => parseFloat(getComputedStyle(k).fontSize)));
    const overflowing = [];
    for (const el of document.querySelectorAll('.wall__data, .wall__data > *, .wall__scene > *, .scene > *, .wall__head, .wall__foot, .wtile, .wtile__name, .wkpi, .board__row, .whost, .takeover, .wstrip, .wlegend')) {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        overflowing.push(el.className + ' ' + el.scrollWidth + 'x' + el.scrollHeight + ' in ' + el.clientWidth + 'x' + el.clientHeight);
      }
    }
    const d = document.documentElement;
    const text = (sel) => document.querySelector(sel)?.textContent ?? '';
    return {
      scene, tiles, small, stripSmall, keyMin, overflowing,
      docFits: d.scrollWidth <= innerWidth && d.scrollHeight <= innerHeight,
      counts: {
        unresolved: text('[data-testid=count-unresolved] .wkpi__value'),
        detail: text('[data-testid=count-unresolved] .wkpi__detail'),
        critical: text('[data-testid=count-critical] .wkpi__value'),
        high: text('[data-testid=count-high] .wkpi__value'),
      },
      yTicks: [...document.querySelectorAll('.wall__scene [data-testid=y-tick]')].map((t) => t.textContent ?? ''),
    };
  })()`)) as Reading;
}

/** Every segment named once, in the wall's order (by `localeCompare`), with a whole-number score and a band word. */
function expectWholeNetwork(r: Reading, segments: readonly string[], what: string) {
  expect(
    r.tiles.map((t) => t.name),
    `${what}: every segment on the strip`,
  ).toEqual([...segments].sort((a, b) => a.localeCompare(b)));
  for (const t of r.tiles) {
    expect(t.score, `${what}: score of ${t.name}`).toMatch(/^\d{1,3}$/);
    expect(t.band, `${what}: band of ${t.name}`).toMatch(/CRITICAL|HIGH|MEDIUM|elevated|weak sign|normal/);
  }
}

/** The unresolved count is the sum of its parts, and at least the critical and high among it. */
function expectCountsAgree(r: Reading, what: string) {
  const parts = [...r.counts.detail.matchAll(/(\d+) (waiting|acknowledged|snoozed)/g)].map((m) =>
    Number(m[1]),
  );
  expect(parts, `${what}: waiting, acknowledged, snoozed`).toHaveLength(3);
  const unresolved = Number(r.counts.unresolved);
  expect(
    parts.reduce((a, b) => a + b, 0),
    `${what}: ${r.counts.detail}`,
  ).toBe(unresolved);
  expect(Number(r.counts.critical) + Number(r.counts.high)).toBeLessThanOrEqual(unresolved);
}

/**
 * Leads put a long summary and five watch-for items on the wall (as many as fit are shown, the others counted), so that the
 * handover's detail is read like every other scene.
 */
async function writeWallHandover(wf: TestServer, cookie: string) {
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${wf.url}/api/handover${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const summary =
    'Port scan from 10.20.4.17 against energy contained at 14:10Z; the ministry CERT has the indicators and will ' +
    'call back. Beaconing on defence-liaison under watch, no data out so far. Telecom core patched at 22:00Z; ' +
    'reboots expected. Two analysts on the floor until 06:00Z, the duty officer on call after that.';
  expect((await send('PUT', '/summary', { summary, onWall: true, version: 0 })).status).toBe(200);
  for (const text of [
    'Beaconing from 10.20.4.17 every 5 min: if it resumes, call the energy CERT at once and isolate the host',
    'DNS tunnelling suspected from health-records; compare query lengths with last week before escalating it',
    'Patch window on telecom-core tonight 22:00Z: expect reboots and a short gap in its sensors',
    `A long one: ${'the partner nation asked for every indicator we see on the ministry networks '.repeat(4)}`,
    'A fifth item, counted on the wall and read on the handover page',
  ]) {
    expect((await send('POST', '/items', { text, onWall: true })).status).toBe(201);
  }
}

async function ackCriticals(wf: TestServer, cookie: string) {
  const res = await fetch(`${wf.url}/api/alerts?state=open`, { headers: { cookie } });
  const { alerts } = (await res.json()) as { alerts: { id: string; severity: string; version: number }[] };
  for (const a of alerts.filter((x) => x.severity === 'critical')) {
    await fetch(`${wf.url}/api/alerts/${a.id}/ack`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'on it (wall reading test)', version: a.version }),
    });
  }
}

describe.skipIf(skip !== null)('the wall read from across the room', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows all eight segments in every scene over two rotations and in a takeover, at 24 px and more', async () => {
    const traffic = segmentTraffic(SIMULATOR_SEGMENTS);
    const wf = await startTestServer(inject('redisUrl'), {}, { clientDir: CLIENT_DIR });
    const feeder = { current: null as ReturnType<typeof startFeeder> | null };
    try {
      const token = (await wf.tokens.create({ label: 'Ops room A' }, 'test')).token;
      const lead = await wf.userCookie('lead');
      await writeWallHandover(wf, lead);
      await backfill(wf, traffic);
      feeder.current = startFeeder(wf, traffic);
      const { page, errors } = await openPage(browser, { width: 1920, height: 1080 });
      await page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}&rotate=3`);
      await page.locator('.wall--live').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid=network-strip] .wtile').nth(7).waitFor({ timeout: 20_000 });

      // The loud host's critical alert takes the detail panel: the counts and every segment stay.
      await page
        .locator('[data-scene=takeover]')
        .waitFor({ timeout: 40_000 })
        .catch(async (e) => {
          await screenshot(page, 'wall-no-takeover');
          const res = await fetch(`${wf.url}/api/alerts`, { headers: { cookie: lead } });
          console.log(JSON.stringify(await res.json()).slice(0, 2000));
          throw e;
        });
      await page.waitForTimeout(300);
      const t = await readWall(page, 24);
      expectWholeNetwork(t, SIMULATOR_SEGMENTS, 'takeover');
      expect(t.small, 'takeover: text under 24 px').toEqual([]);
      expect(t.keyMin).toBeGreaterThanOrEqual(64);
      expect(t.overflowing, 'takeover: blocks cut off').toEqual([]);
      expect(t.docFits).toBe(true);
      expectCountsAgree(t, 'takeover');
      expect(Number(t.counts.critical)).toBeGreaterThanOrEqual(1);
      expect(t.tiles.find((x) => x.name === 'defence-liaison')?.band).toMatch(
        /CRITICAL|HIGH|MEDIUM|elevated/,
      );
      await screenshot(page, 'wall-takeover');
      await ackCriticals(wf, lead);
      await page.locator('[data-scene]:not([data-scene=takeover])').waitFor({ timeout: 20_000 });

      // Two rotations of the detail panel (network, handover, eight segments, alerts): the strip never changes its
      // members.
      const scenes = 1 + 1 + SIMULATOR_SEGMENTS.length + 1;
      const visits: string[] = [];
      let last = '';
      const until = Date.now() + 2 * scenes * 3000 + 30_000;
      while (Date.now() < until && visits.length < 2 * scenes) {
        const scene = (await page.locator('.wall__scene').getAttribute('data-scene')) ?? '';
        if (scene === 'takeover') await ackCriticals(wf, lead);
        else if (scene !== last) {
          last = scene;
          await page.waitForTimeout(250);
          const r = await readWall(page, 24);
          if (r.scene !== scene) continue;
          visits.push(scene);
          expectWholeNetwork(r, SIMULATOR_SEGMENTS, scene);
          expect(r.small, `${scene}: text under 24 px`).toEqual([]);
          expect(r.keyMin, `${scene}: key numbers`).toBeGreaterThanOrEqual(64);
          expect(r.overflowing, `${scene}: blocks cut off`).toEqual([]);
          expect(r.docFits, `${scene}: page fits`).toBe(true);
          expectCountsAgree(r, scene);
          if (scene.startsWith('segment:') || scene === 'network') {
            expect(r.yTicks.length, `${scene}: values on the y axis`).toBe(3);
            expect(r.yTicks.every((v) => /\d/.test(v))).toBe(true);
          }
          if (scene === 'network') await screenshot(page, 'wall-1080');
          if (scene === 'alerts') await screenshot(page, 'wall-alerts');
          if (scene === 'handover') {
            // as many items as fit are shown, the others counted: none is lost without a word
            const shown = await page.locator('[data-testid=wall-handover-item]').count();
            const more = Number(
              /\+ (\d+) more/.exec((await page.locator('.whand').textContent()) ?? '')?.[1] ?? 0,
            );
            expect(shown).toBeGreaterThanOrEqual(2);
            expect(shown + more).toBe(5);
            await screenshot(page, 'wall-handover');
          }
          if (scene === 'segment:defence-liaison') await screenshot(page, 'wall-segment');
        }
        await page.waitForTimeout(150);
      }
      expect(visits.length).toBeGreaterThanOrEqual(2 * scenes - 1);
      expect(new Set(visits).size).toBe(scenes);
      expect(errors).toEqual([]);
    } finally {
      await feeder.current?.stop();
      await wf.close();
    }
  }, 180_000);

  it.each([11, 20])(
    'reads %i segments at 1920×1080 in rows of five at 24 px, the alert counts of those that have any, nothing cut off',
    async (n) => {
      const segments = Array.from(
        { length: n },
        (_, i) => `segment-${String(i + 1).padStart(2, '0')}-long-name`,
      );
      const traffic = segmentTraffic(segments, 2);
      const wf = await startTestServer(inject('redisUrl'), {}, { clientDir: CLIENT_DIR });
      const feeder = { current: null as ReturnType<typeof startFeeder> | null };
      try {
        const token = (await wf.tokens.create({ label: 'Ops room B' }, 'test')).token;
        await writeWallHandover(wf, await wf.userCookie('lead'));
        await backfill(wf, traffic, 40);
        feeder.current = startFeeder(wf, traffic);
        // a high alert on the fourth segment and on the ninth; then (the takeover) two critical ones on the fourth
        for (const segment of [segments[3]!, segments[8]!]) await raiseAlert(wf, { segment, score: 80 });
        const { page, errors } = await openPage(browser, { width: 1920, height: 1080 });
        for (const scene of ['network', 'handover', 'alerts', `segment:${segments[3]}`, 'takeover']) {
          if (scene === 'takeover')
            for (const score of [95, 96]) await raiseAlert(wf, { segment: segments[3]!, score });
          const pinned = scene === 'takeover' ? '' : `&scene=${scene}`;
          await page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}${pinned}`);
          await page
            .locator('[data-testid=network-strip] .wtile')
            .nth(n - 1)
            .waitFor({ timeout: 20_000 });
          await page.waitForTimeout(300);
          const r = await readWall(page, 16, 24);
          const what = `${n} segments, ${scene}`;
          expectWholeNetwork(r, segments, what);
          expect(r.stripSmall, `${what}: strip text under 24 px`).toEqual([]);
          expect(r.small, `${what}: text under 16 px`).toEqual([]);
          expect(r.keyMin, `${what}: scores and counts`).toBeGreaterThanOrEqual(47.5);
          expect(r.overflowing, `${what}: blocks cut off`).toEqual([]);
          expect(r.docFits).toBe(true);
          const counts = Object.fromEntries(r.tiles.map((t) => [t.name, t.counts]));
          expect(r.scene === 'takeover', what).toBe(scene === 'takeover');
          expect(counts[segments[3]!], what).toBe(scene === 'takeover' ? '◆ 2 · ▲ 1' : '◆ 0 · ▲ 1');
          expect(counts[segments[8]!], what).toBe('◆ 0 · ▲ 1');
          expect(counts[segments[0]!], `${what}: a tile with no alert shows no counts`).toBe('');
          if (n === 20 && (scene === 'network' || scene === 'takeover'))
            await screenshot(page, `wall-20-segments${scene === 'takeover' ? '-takeover' : ''}`);
        }
        expect(errors).toEqual([]);
      } finally {
        await feeder.current?.stop();
        await wf.close();
      }
    },
    120_000,
  );

  it('names every segment in full at 1366×768, 1920×1080 and 3840×2160 with two 63-character names that differ at the end', async () => {
    // the wall has no hover: "Ministry-of-Internal-Affair…" on two tiles could not be told apart
    const north = 'Ministry-of-Internal-Affairs-Regional-Directorate-Network-North';
    const south = 'Ministry-of-Internal-Affairs-Regional-Directorate-Network-South';
    const segments = [
      north,
      south,
      'energy',
      'health',
      'interior-affairs-region-north',
      'interior-affairs-region-south',
    ];
    const traffic = segmentTraffic(segments, 2);
    const wf = await startTestServer(inject('redisUrl'), {}, { clientDir: CLIENT_DIR });
    const feeder = { current: null as ReturnType<typeof startFeeder> | null };
    try {
      const token = (await wf.tokens.create({ label: 'Regional wall' }, 'test')).token;
      await writeWallHandover(wf, await wf.userCookie('lead'));
      await backfill(wf, traffic, 40);
      feeder.current = startFeeder(wf, traffic);
      await raiseAlert(wf, { segment: south, score: 80 });
      const { page, errors } = await openPage(browser, { width: 1920, height: 1080 });
      for (const scene of ['network', 'handover', 'alerts', `segment:${north}`, 'takeover']) {
        if (scene === 'takeover') await raiseAlert(wf, { segment: north, score: 96 });
        for (const [width, height] of [
          [1366, 768],
          [1920, 1080],
          [3840, 2160],
        ] as const) {
          await page.setViewportSize({ width, height });
          const pinned = scene === 'takeover' ? '' : `&scene=${scene}`;
          await page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}${pinned}`);
          await page
            .locator('[data-testid=network-strip] .wtile')
            .nth(segments.length - 1)
            .waitFor({ timeout: 20_000 });
          await page.locator(`.wall__scene[data-scene="${scene}"]`).waitFor({ timeout: 20_000 });
          await page.waitForTimeout(300);
          // the wall's type scales with its width: 24 px at 1920 px
          const scale = width / 1920;
          const r = await readWall(page, 24 * scale);
          const what = `${width}×${height}, ${scene}`;
          expectWholeNetwork(r, segments, what);
          expect(r.small, `${what}: text under ${24 * scale} px`).toEqual([]);
          expect(r.keyMin, `${what}: scores and counts`).toBeGreaterThanOrEqual(64 * scale);
          expect(r.overflowing, `${what}: blocks cut off`).toEqual([]);
          expect(r.docFits, what).toBe(true);
          const names = (await page.evaluate(`[...document.querySelectorAll('.wtile__name')].map((el) => ({
            cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
              || getComputedStyle(el).textOverflow === 'ellipsis' && getComputedStyle(el).whiteSpace === 'nowrap',
            inTile: el.getBoundingClientRect().bottom <= el.closest('.wtile').getBoundingClientRect().bottom + 1,
            name: el.textContent,
          }))`)) as { cut: boolean; inTile: boolean; name: string }[];
          expect(
            names.filter((n) => n.cut || !n.inTile).map((n) => n.name),
            `${what}: names cut`,
          ).toEqual([]);
          if (scene === 'takeover') expect(r.scene, what).toBe('takeover');
        }
      }
      expect(errors).toEqual([]);
    } finally {
      await feeder.current?.stop();
      await wf.close();
    }
  }, 180_000);
});
