/**
 * Every signed-in route at 1440, 1600, 1760 and 1920 px for the longest navigation (an admin), in English and in
 * Lithuanian (longer words): the header keeps one line with nothing in it cut and nothing past the window's right
 * edge (Log out wrapped onto a second line in Lithuanian at 1440 px), and the page's content lies within the window
 * and within the box that holds it (the account page's sessions table ran past its panel in Lithuanian at 1440 px,
 * the alert queue's table past the queue's box). The queue holds alerts of two segments with 63-character names that
 * differ only at their end: its table stays inside its scroll box, every column heading on screen (the name stayed on
 * one line, 586 px, and pushed Score, Age and State out of view at 1440 px, State cut at 1920 px).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../support/alerts.js';
import { browserSkipReason, liveBrowserSuite, loginThroughForm, openPage } from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

/** Every route a signed-in admin reaches, and what shows it has its content. */
const ROUTES: [path: string, ready: string][] = [
  ['/', '.conn__age'],
  ['/hosts/10.1.0.10', '[data-testid=top-reason], table.events'],
  ['/alerts', 'tr.queue__row'],
  ['/handover', '[data-testid=handover-summary]'],
  ['/sensors', 'table.sensors'],
  ['/attack', 'main h1'],
  ['/admin', '#admin-dlq'],
  ['/account', 'main table'],
  ['/no-such-page', 'main h1'],
];

/** Two segment names of 63 characters (the limit is 64) that differ only at the end. */
const LONG_SEGMENTS = [
  'Ministry-of-Internal-Affairs-Regional-Directorate-Network-North',
  'Ministry-of-Internal-Affairs-Regional-Directorate-Network-South',
];

/**
 * What is wrong with the alert queue's width: its table wider than the box it scrolls in, a column heading past the
 * box or the window, a long segment name on one line.
 */
async function queueMisfits(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    const box = document.querySelector('.alerts__queue');
    if (box.scrollWidth > box.clientWidth + 1) out.push('queue scrolls sideways: ' + box.scrollWidth + ' px in ' + box.clientWidth);
    const right = Math.min(box.getBoundingClientRect().right, innerWidth);
    for (const th of box.querySelectorAll('.queue thead th')) {
      const b = th.getBoundingClientRect();
      if (b.right > right + 1) out.push('heading past the queue: ' + th.textContent + ' ends at ' + Math.round(b.right) + ' of ' + Math.round(right));
    }
    return out;
  })()`)) as string[];
}

/** What is wrong with the header and the page's width: cut, past the window, past its panel, or a second line. */
async function misfits(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    const name = (el) => el.tagName.toLowerCase() + '.' + String(el.className).split(' ').join('.') + ' “' + (el.textContent || '').trim().slice(0, 40) + '”';
    // the header: nothing cut inside it, nothing past its end, all of it on one line
    const bar = document.querySelector('.topbar');
    const barBox = bar.getBoundingClientRect();
    if (barBox.right > innerWidth) out.push('topbar wider than the window');
    const items = [...document.querySelectorAll('.topbar > *')].filter((el) => el.getBoundingClientRect().width > 0);
    for (const el of [...items, ...document.querySelectorAll('.topbar .conn__age, .topbar .conn__label, .topbar__nav a')]) {
      if (el.scrollWidth > el.clientWidth + 1) out.push('cut: ' + name(el));
    }
    const boxes = items.map((el) => el.getBoundingClientRect());
    for (const [i, b] of boxes.entries()) {
      if (b.right > barBox.right + 0.5) out.push('past the bar: ' + name(items[i]));
      const mid = (b.top + b.bottom) / 2;
      if (!boxes.every((o) => mid > o.top && mid < o.bottom)) out.push('on another line: ' + name(items[i]));
    }
    // from 1920 px the search box shows its whole hint (in Lithuanian it showed "Ieškoti I…" there)
    const search = document.querySelector('.topbar .search__input');
    if (innerWidth >= 1920 && search) {
      const s = getComputedStyle(search);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily;
      const room = search.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      if (ctx.measureText(search.placeholder).width > room) out.push('search hint cut: ' + search.placeholder);
    }
    // the page: no sideways scrolling, and nothing past the right edge of the panel (or page) that holds it
    if (document.documentElement.scrollWidth > innerWidth) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' px');
    const main = document.querySelector('main');
    for (const el of main ? main.querySelectorAll('*') : []) {
      if (el.closest('.visually-hidden')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      // the box that holds it: the nearest with a right border (a panel, the queue, a button), else the page
      let holder = el.parentElement;
      while (holder !== main && !(parseFloat(getComputedStyle(holder).borderRightWidth) > 0)) holder = holder.parentElement;
      let scroller = el.parentElement;
      while (scroller && scroller !== holder && !/auto|scroll/.test(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
      if (scroller && scroller !== holder) continue; // inside its own scroll box, by design
      if (box.right > holder.getBoundingClientRect().right + 1) out.push('past its ' + (holder === main ? 'page' : 'box ' + holder.className) + ': ' + name(el));
    }
    return [...new Set(out)].slice(0, 12);
  })()`)) as string[];
}

describe.skipIf(skip !== null)('header and page width from 1440 to 1920 px', () => {
  const suite = liveBrowserSuite({ administrator: 'admin' }, undefined, {
    seconds: 30,
    // and a dead letter: the admin page's widest table has a row
    prepare: async (wf) => {
      // alerts on long addresses in long-named segments: the queue's widest rows
      await raiseAlert(wf, {
        ip: '10.111.116.145',
        score: 100,
        segment: 'ministry-foreign',
        detector: 'scan',
      });
      await raiseAlert(wf, {
        ip: '10.112.116.143',
        score: 100,
        segment: 'ministry-interior',
        detector: 'auth',
      });
      for (const [i, segment] of LONG_SEGMENTS.entries()) {
        await raiseAlert(wf, { ip: `192.168.50.${20 + i}`, score: 100, segment, detector: 'scan' });
      }
      await wf.redis.xadd(
        wf.stream,
        '*',
        'event',
        '{"ts":"2026-12-06T10:00:00Z","sensor":"s1","kind":"flow"}',
      );
    },
  });

  it.each(['en-GB', 'lt-LT'])(
    'keeps the header on one line, whole, and every page within its width on every route (%s)',
    async (locale) => {
      const { page, errors } = await openPage(suite.browser, { width: 1440, height: 900 }, locale);
      await loginThroughForm(page, suite.wf.url, 'administrator', '/account');
      for (const width of [1440, 1600, 1760, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        for (const [path, ready] of ROUTES) {
          await page.goto(`${suite.wf.url}${path}`);
          await page.locator('.topbar .conn__age').waitFor({ timeout: 20_000 });
          await page.locator(ready).first().waitFor({ timeout: 20_000 });
          await page.waitForTimeout(600);
          expect(await misfits(page), `${path} at ${width} px`).toEqual([]);
          if (path === '/alerts') expect(await queueMisfits(page), `${path} at ${width} px`).toEqual([]);
        }
      }
      expect(await page.locator('.topbar__user').textContent()).toContain('administrator');
      expect(errors).toEqual([]);
    },
    240_000,
  );

  it.each([
    ['en-GB', 1280],
    ['en-GB', 1366],
    ['lt-LT', 1366],
  ])(
    'at %s %i px keeps the search box its hint and the data age its words',
    async (locale, width) => {
      const { page, errors } = await openPage(suite.browser, { width, height: 800 }, locale);
      await loginThroughForm(page, suite.wf.url, 'administrator', '/');
      await page.locator('.topbar .conn--live .conn__age').waitFor({ timeout: 20_000 });
      const bar = (await page.evaluate(`(() => {
      const input = document.querySelector('.topbar .search__input').getBoundingClientRect();
      const bar = document.querySelector('.topbar').getBoundingClientRect();
      const ageBox = document.querySelector('.topbar .conn__age');
      const age = ageBox.scrollWidth - ageBox.clientWidth;
      const boxes = [...document.querySelectorAll('.topbar > *')].map((el) => el.getBoundingClientRect()).filter((b) => b.width > 0);
      // one line: every item's middle lies within every other's height
      const lines = boxes.every((b) => boxes.every((o) => (b.top + b.bottom) / 2 > o.top && (b.top + b.bottom) / 2 < o.bottom)) ? 1 : 2;
      return { search: input.width, age, right: bar.right, width: innerWidth, lines };
    })()`)) as { search: number; age: number; right: number; width: number; lines: number };
      // "Search IP, …" rather than "Se…"; the data age whole (it was "įvy…" at 1366 px in Lithuanian)
      expect(bar.search).toBeGreaterThanOrEqual(110);
      expect(bar.age).toBeLessThanOrEqual(1);
      expect(bar.right).toBeLessThanOrEqual(bar.width);
      // from 1366 px one line; below it, a second rather than less room
      if (width >= 1366) expect(bar.lines).toBe(1);
      // the alert queue keeps every column in view with a 63-character segment name
      await page.goto(`${suite.wf.url}/alerts`);
      await page.locator('tr.queue__row', { hasText: LONG_SEGMENTS[0] }).waitFor({ timeout: 20_000 });
      await page.waitForTimeout(300);
      expect(await queueMisfits(page), `/alerts at ${width} px`).toEqual([]);
      expect(errors).toEqual([]);
    },
    60_000,
  );
});
