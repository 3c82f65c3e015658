/**
 * Watch marks on the wall in Chromium: a lead watches the loud host; the wall (a display token limited to its
 * segment) marks it in the critical takeover, the segment's top hosts and the alert board, as large as the text
 * beside it (24 px and more at 1920×1080), in the wall's language; an unwatched host carries no mark.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { API } from '../../shared/contract.js';
import { callChecked } from '../support/contract.js';
import { liveBrowserSuite, noBrowser, openPage, screenshot } from './support/browser.js';

const LOUD = '10.1.0.99';
const QUIET = '10.1.0.10';

/** The smallest font size of the marks on the page, px. */
const markSize = (page: Page) =>
  page.evaluate(
    `Math.min(...[...document.querySelectorAll('[data-testid=wall-watch-mark]')].map((e) => parseFloat(getComputedStyle(e).fontSize)))`,
  ) as Promise<number>;

describe.skipIf(noBrowser())('watch marks on the wall in Chromium', () => {
  let token = '';
  let leadCookie = '';
  const suite = liveBrowserSuite({}, undefined, {
    prepare: async (wf) => {
      token = (await wf.tokens.create({ label: 'Energy wall', segments: ['energy'] }, 'test')).token;
      leadCookie = await wf.userCookie('lead');
      await callChecked({ url: wf.url, cookie: leadCookie }, API.addWatch, {
        body: { kind: 'host', value: LOUD, reason: 'tip from the partner CERT', expiresInHours: 4 },
      });
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
        body: JSON.stringify({ note: 'on it (wall watch test)', version: a.version }),
      });
    }
  }

  it('marks the watched host in the takeover, the segment and the alert board, readable from 5 m', async () => {
    const { wf, browser } = suite;
    const { page, errors, dialogs } = await openPage(browser, { width: 1920, height: 1080 });
    await page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}&scene=segment:energy`);
    await page.locator('.wall--live').waitFor({ timeout: 20_000 });

    // the loud host's alert is critical: the takeover names it, marked
    const takeover = page.locator('[data-scene=takeover]');
    await takeover.waitFor({ timeout: 40_000 });
    await takeover.locator('[data-testid=wall-watch-mark]').waitFor({ timeout: 20_000 });
    expect(await takeover.locator('.takeover__entity').textContent()).toBe(LOUD);
    expect(await takeover.locator('[data-testid=wall-watch-mark]').textContent()).toBe(
      '◉ WATCHED · by address',
    );
    expect(await markSize(page)).toBeGreaterThanOrEqual(24);
    await screenshot(page, 'wall-watched-takeover');

    // acknowledged: the segment's top hosts mark it, and only it
    await ackCriticals();
    const segment = page.locator('[data-scene="segment:energy"]');
    await segment.waitFor({ timeout: 20_000 });
    const loudRow = segment.locator('.whost', { hasText: LOUD });
    await loudRow.locator('[data-testid=wall-watch-mark]').waitFor({ timeout: 20_000 });
    expect(await loudRow.locator('[data-testid=wall-watch-mark]').textContent()).toBe('◉ WATCHED');
    expect(await segment.locator('[data-testid=wall-watch-mark]').count()).toBe(1);
    expect(await segment.locator('.whost', { hasText: QUIET }).locator('.wwatch').count()).toBe(0);
    expect(await markSize(page)).toBeGreaterThanOrEqual(24);
    await screenshot(page, 'wall-watched');

    // the alert board marks its row; in Lithuanian the mark says so in Lithuanian
    const lt = await openPage(browser, { width: 1920, height: 1080 });
    await lt.page.goto(`${wf.url}/wall?token=${encodeURIComponent(token)}&scene=alerts&lang=lt`);
    const row = lt.page.locator('[data-scene=alerts] .board__row', { hasText: LOUD }).first();
    await row.locator('[data-testid=wall-watch-mark]').waitFor({ timeout: 30_000 });
    expect(await row.locator('[data-testid=wall-watch-mark]').textContent()).toBe('◉ STEBIMAS');
    expect(await markSize(lt.page)).toBeGreaterThanOrEqual(24);

    for (const p of [{ errors, dialogs }, lt]) {
      expect(p.errors).toEqual([]);
      expect(p.dialogs).toEqual([]);
    }
  }, 150_000);
});
