/**
 * The wall: opened with a display token (removed from the address bar), no overflow at 1920×1080 and
 * 3840×2160, a critical unacknowledged alert takes over; then the server stops → a STALE/OFFLINE banner at
 * once → a server on the same port and Redis prefix → live again without a reload.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  liveBrowserSuite,
  loginThroughForm,
  noBrowser,
  openPage,
  PASSWORD,
  screenshot,
  waitShowing,
} from './support/browser.js';
import { endedEpisode } from './support/ended-episode.js';

interface Fit {
  docW: number;
  docH: number;
  winW: number;
  winH: number;
  overflowing: string[];
}

/** The document does not scroll, and no scene block is cut off inside its box. */
async function measureFit(page: Page): Promise<Fit> {
  return (await page.evaluate(`(() => {
    const d = document.documentElement;
    const overflowing = [];
    for (const el of document.querySelectorAll('.wall__data, .wall__scene, .wall__scene > *, .scene > *, .wall__head, .wall__foot, .wstrip, .wtile, .wkpi, .board__row, .whost, .takeover > *')) {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        overflowing.push(el.className + ' ' + el.scrollWidth + 'x' + el.scrollHeight + ' in ' + el.clientWidth + 'x' + el.clientHeight);
      }
    }
    return { docW: d.scrollWidth, docH: d.scrollHeight, winW: innerWidth, winH: innerHeight, overflowing };
  })()`)) as Fit;
}

async function expectFits(page: Page, what: string) {
  const f = await measureFit(page);
  expect(f.docW, `${what}: page width`).toBeLessThanOrEqual(f.winW);
  expect(f.docH, `${what}: page height`).toBeLessThanOrEqual(f.winH);
  expect(f.overflowing, `${what}: blocks cut off`).toEqual([]);
}

describe.skipIf(noBrowser())('wall display in Chromium', () => {
  let token = '';
  let leadCookie = '';
  const suite = liveBrowserSuite({ olav: 'operator' }, undefined, {
    prepare: async (wf) => {
      token = (await wf.tokens.create({ label: 'Ops room A' }, 'test')).token;
      leadCookie = await wf.userCookie('lead');
    },
  });

  async function ackCriticals() {
    const { wf } = suite;
    const res = await fetch(`${wf.url}/api/alerts?state=open`, { headers: { cookie: leadCookie } });
    const { alerts } = (await res.json()) as { alerts: { id: string; severity: string; version: number }[] };
    for (const a of alerts.filter((x) => x.severity === 'critical')) {
      await fetch(`${wf.url}/api/alerts/${a.id}/ack`, {
        method: 'POST',
        headers: { cookie: leadCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'on it (wall test)', version: a.version }),
      });
    }
  }

  it('fits 1920×1080 and 3840×2160, takes over for a critical alert, survives a server restart', async () => {
    const { wf, browser } = suite;
    const hd = await openPage(browser, { width: 1920, height: 1080 });
    const page = hd.page;
    await page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}&rotate=3`);
    await page.locator('.wall--live').waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain('token=');
    expect(page.url()).toContain('rotate=3');
    expect(await page.locator('.wall__label').textContent()).toBe('Ops room A');
    expect(await page.locator('button, input, select, a').count()).toBe(0);

    // The loud host raises a critical alert: it takes the screen until acknowledged.
    await page.locator('[data-scene=takeover]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await expectFits(page, 'takeover 1080p');
    await ackCriticals();
    await page.locator('[data-scene]:not([data-scene=takeover])').waitFor({ timeout: 20_000 });

    // Every scene fits at 1080p.
    const seen = new Set<string>();
    const until = Date.now() + 45_000;
    while (Date.now() < until && seen.size < 5) {
      const scene = (await page.locator('.wall__scene').getAttribute('data-scene')) ?? '';
      if (scene === 'takeover') await ackCriticals();
      else if (!seen.has(scene)) {
        seen.add(scene);
        await page.waitForTimeout(250);
        await expectFits(page, `${scene} 1080p`);
      }
      await page.waitForTimeout(200);
    }
    expect([...seen]).toEqual(expect.arrayContaining(['network', 'alerts', 'segment:energy']));

    // 4K: the same content, type scaled up, still no overflow.
    const uhd = await openPage(browser, { width: 3840, height: 2160 });
    await uhd.page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}&scene=network`);
    await uhd.page.locator('.wall--live [data-scene=network]').waitFor({ timeout: 20_000 });
    await uhd.page.waitForTimeout(500);
    await expectFits(uhd.page, 'network 2160p');
    const size = (p: Page) =>
      p.evaluate(`parseFloat(getComputedStyle(document.querySelector('.wall')).fontSize)`);
    expect(Number(await size(uhd.page))).toBeGreaterThan(1.8 * Number(await size(page)));
    await screenshot(uhd.page, 'wall-2160');

    // an operator's overview beside it: no notice while live
    const ops = await openPage(browser, { width: 1440, height: 900 });
    await loginThroughForm(ops.page, wf.url, 'olav', '/');
    await ops.page.locator('.conn--live').waitFor({ timeout: 20_000 });
    const notice = ops.page.locator('[data-testid=connection-notice]');
    expect(await notice.count()).toBe(0);

    // Server stops: the banner says so at once, the last data stays (greyed).
    await page.evaluate('window.__sameDocument = 42');
    const stoppedAt = Date.now();
    await suite.stopServer();
    await page.locator('[data-testid=wall-banner]').waitFor({ timeout: 10_000 });
    const bannerDelay = Date.now() - stoppedAt;
    console.log(
      `wall: banner ${await page.locator('.wall__bannerword').textContent()} ${bannerDelay} ms after the server stopped`,
    );
    expect(await page.locator('.wall__data--stale').count()).toBe(1);
    // the last data stays on screen: counts, every segment's tile and whichever detail was showing
    const kept = (await page.locator('.wall__data--stale').textContent()) ?? '';
    expect(await page.locator('.wall__data--stale .wtile').count()).toBe(3);
    expect(kept.trim().length).toBeGreaterThan(0);
    await screenshot(page, 'wall-offline');
    // the overview says why under its header, in words, not only in the badge's hover title
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/^(RECONNECTING|OFFLINE|STALE): /);

    // Same port, same Redis prefix (the token is still valid): the wall recovers by itself.
    await suite.startServerAgain();
    leadCookie = await suite.wf.userCookie('lead');
    const restartedAt = Date.now();
    await page.locator('.wall--live').waitFor({ timeout: 30_000 });
    console.log(`wall: live again ${Date.now() - restartedAt} ms after the server restarted (no reload)`);
    expect(await page.evaluate('window.__sameDocument')).toBe(42);
    await ops.page.locator('.conn--live').waitFor({ timeout: 30_000 });
    expect(await notice.count()).toBe(0);

    // a link whose token was cut short (a chat client) is refused, not "no display token"
    const cut = await openPage(browser, { width: 1920, height: 1080 });
    await cut.page.goto(`${suite.wf.url}/wall?token=bogus`);
    // one request decides it; on a loaded two-core CI the page's load and that request took over 10 s once
    await waitShowing(cut, cut.page.getByText('This display token was refused'), 30_000);
    // a wall for a segment nothing has come from (a typo in its name) says which it waits for, not an empty screen
    const typo = (await suite.wf.tokens.create({ label: 'typo', segments: ['ministry-finanse'] }, 'test'))
      .token;
    await cut.page.goto(`${suite.wf.url}/wall?token=${encodeURIComponent(typo)}`);
    await cut.page
      .locator('[data-testid=network-strip-empty]', { hasText: 'No data yet from ministry-finanse' })
      .waitFor({ timeout: 15_000 });
    await cut.context.close();
    expect(await page.locator('[data-testid=wall-banner]').count()).toBe(0);

    for (const p of [hd, uhd]) {
      // While the server was down the browser logs failed socket connections; nothing else is allowed.
      expect(p.errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|socket\.io/.test(e))).toEqual([]);
      expect(p.dialogs).toEqual([]);
    }
  }, 150_000);

  it('a critical alert whose episode is over takes over with no score now, as the queue says "— / 92"', async () => {
    const { wf, browser } = suite;
    // raised critical at 92, never acknowledged, its episode over at 20 while its host has gone quiet
    const ended = await endedEpisode(wf, { host: '10.2.0.77', segment: 'finance', score: 20, peak: 92 });
    const wall = await openPage(browser, { width: 1920, height: 1080 });
    await wall.page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}&scene=network`);
    const takeover = wall.page.locator('[data-scene=takeover] .takeover', { hasText: '10.2.0.77' });
    await takeover.waitFor({ timeout: 20_000 });
    const what = (await takeover.locator('.takeover__what').textContent()) ?? '';
    // it read "scan · segment finance · score 20 (peak 92)" beside the finance tile at 4
    expect(what).toBe('scan · segment finance · episode over (peak 92)');
    expect(await takeover.locator('.takeover__reason').textContent()).toMatch(/\(was \+20\)$/);
    await expectFits(wall.page, 'takeover of an ended episode');
    await screenshot(wall.page, 'wall-takeover-ended');
    // the queue reads the same alert "— / 92"
    const lead = await openPage(browser, { width: 1600, height: 1000 });
    await wf.users.add('lena', 'lead', PASSWORD);
    await loginThroughForm(lead.page, wf.url, 'lena', `/alerts?id=${ended.id}`);
    const row = lead.page.locator('tr.queue__row', { hasText: '10.2.0.77' });
    await row.waitFor({ timeout: 20_000 });
    expect((await row.locator('td.num').textContent())?.trim()).toBe('— / 92');
    for (const p of [wall, lead]) expect(p.errors).toEqual([]);
  }, 60_000);
});
