/**
 * The explored charts in Chromium: recharts is not loaded by the overview, and is loaded with the pages that
 * explore a chart: the host's timeline by detector and its 1 h / 6 h / 24 h history (tooltip, brush zoom and back),
 * an alert's score history, the sensors' rate history, the handover's shift trend and the admin's ingest
 * throughput. Every chart draws no more points than twice its series per pixel.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { liveBrowserSuite, loginThroughForm, noBrowser, openPage, screenshot } from './support/browser.js';

/** The chart's figure: rows it was given, points it draws, and its plot width. */
async function chartFacts(page: Page, selector: string) {
  return (await page.evaluate(`(() => {
    const f = document.querySelector(${JSON.stringify(`${selector} figure.xchart`)});
    const svg = f?.querySelector('svg.recharts-surface');
    return {
      rows: Number(f?.getAttribute('data-rows')),
      points: Number(f?.getAttribute('data-points')),
      width: svg ? svg.getBoundingClientRect().width : 0,
      series: f ? f.querySelectorAll('.xchart__line, .xchart__area').length : 0,
    };
  })()`)) as { rows: number; points: number; width: number; series: number };
}

async function expectDecimated(page: Page, selector: string, minPoints = 2) {
  const f = await chartFacts(page, selector);
  expect(f.width, `${selector}: drawn`).toBeGreaterThan(100);
  expect(f.points, `${selector}: points`).toBeGreaterThanOrEqual(minPoints);
  expect(f.points, `${selector}: at most two points per pixel and series`).toBeLessThanOrEqual(
    2 * Math.max(1, f.series) * f.width + 2,
  );
  return f;
}

describe.skipIf(noBrowser())('explored charts (recharts, loaded with their page)', () => {
  const suite = liveBrowserSuite({ ada: 'admin' });

  it('host, alert, sensors, handover and admin explore their charts; the overview loads no recharts', async () => {
    const { page, errors } = await openPage(suite.browser, { width: 1440, height: 900 });
    const chunks: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/.*\.js$/.test(r.url())) chunks.push(r.url());
    });
    await loginThroughForm(page, suite.wf.url, 'ada');
    await page.locator('table.hosts .hosts__link', { hasText: '10.1.0.99' }).waitFor({ timeout: 30_000 });
    expect(chunks.some((u) => /ExploreChart/.test(u))).toBe(false);
    expect(await page.locator('.recharts-wrapper').count()).toBe(0);

    // The host: its timeline by detector and its segment's history, both recharts.
    await page.locator('table.hosts .hosts__link', { hasText: '10.1.0.99' }).click();
    await page.locator('.score-timeline .recharts-wrapper').first().waitFor({ timeout: 20_000 });
    expect(chunks.some((u) => /ExploreChart/.test(u))).toBe(true);
    await page.locator('[data-testid=host-history] .recharts-wrapper').first().waitFor({ timeout: 20_000 });
    await expectDecimated(page, '.score-timeline', 1);
    const hour = await expectDecimated(page, '[data-testid=host-history]');
    expect(hour.rows).toBeGreaterThan(60);
    for (const range of ['6 h', '24 h', '1 h']) {
      await page.locator('[data-testid=host-history] .range__btn', { hasText: range }).click();
      await page
        .locator('[data-testid=host-history] .range__btn[aria-pressed=true]', { hasText: range })
        .waitFor();
      await page.locator('[data-testid=host-history] .recharts-wrapper').first().waitFor();
      await expectDecimated(page, '[data-testid=host-history]');
    }

    // Tooltip: every series' value at the pointer, with its UTC time.
    const plot = page.locator('[data-testid=host-history] .recharts-wrapper').first();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5);
    const tip = page.locator('[data-testid=host-history] .recharts-tooltip-wrapper');
    await expect
      .poll(async () => (await tip.textContent()) ?? '', { timeout: 5000 })
      .toMatch(/\d\d:\d\d:\d\dZ/);
    // each value after its series' name as the legend names it ("energy events/s: 12"; it read "… events/s : 12")
    expect(await tip.textContent()).toMatch(/events\/s: \d/);
    await screenshot(page, 'host-history');

    // Brush: drag its left handle to the right; the chart zooms, "Whole window" brings it back.
    const before = await chartFacts(page, '[data-testid=host-history]');
    const handle = page.locator('[data-testid=host-history] .recharts-brush-traveller').first();
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + box.width * 0.6, h.y + h.height / 2, { steps: 8 });
    await page.mouse.up();
    const whole = page.locator('[data-testid=host-history] button', { hasText: 'Whole window' });
    await whole.waitFor({ timeout: 5000 });
    const zoomed = await chartFacts(page, '[data-testid=host-history]');
    expect(zoomed.points).toBeLessThan(before.points);
    // the stretch shown is said under the chart; the handles draw no time past the chart's edge (it was cut)
    expect(await page.locator('[data-testid=host-history] .xchart__shown').textContent()).toMatch(
      /^Shown: \d\d:\d\d(:\d\d)?Z to \d\d:\d\d(:\d\d)?Z$/,
    );
    expect(
      await page
        .locator('[data-testid=host-history] .recharts-brush-texts text')
        .evaluateAll((ts) => ts.map((t) => t.textContent).filter(Boolean)),
    ).toEqual([]);
    await whole.click();
    await expect
      .poll(async () => (await chartFacts(page, '[data-testid=host-history]')).points)
      .toBe(before.points);
    // and the handle with it: back at the left end of the brush
    await expect.poll(async () => Math.round((await handle.boundingBox())!.x)).toBe(Math.round(h.x));

    // An alert's score history (the loud host raises one).
    await page.goto(`${suite.wf.url}/alerts?state=all`);
    await page.locator('tr.queue__row').first().waitFor({ timeout: 40_000 });
    await page.locator('tr.queue__row').first().click();
    await page
      .locator('[data-testid=alert-score-history] .recharts-wrapper')
      .first()
      .waitFor({ timeout: 20_000 });
    await expectDecimated(page, '[data-testid=alert-score-history]');
    expect(
      await page.locator('[data-testid=alert-score-history] [data-mark=raised]').count(),
    ).toBeGreaterThan(0);
    // the peak's label, its line at the top of the plot, stands clear of the row of the marks' letters
    const clash = await page.evaluate(() => {
      const root = document.querySelector('[data-testid=alert-score-history]');
      const label = root?.querySelector('.xchart__threshold text')?.getBoundingClientRect();
      if (!label) return 'no threshold label';
      return [...(root?.querySelectorAll('.stl__mark text') ?? [])]
        .map((t) => t.getBoundingClientRect())
        .filter((r) => r.top < label.bottom && r.bottom > label.top)
        .map(
          (r) =>
            `letter at ${Math.round(r.top)}–${Math.round(r.bottom)}, label ${Math.round(label.top)}–${Math.round(label.bottom)}`,
        );
    });
    expect(clash).toEqual([]);

    // Sensors: their rates from the sensors' history (a chart once two 10 s buckets have ended).
    await page.goto(`${suite.wf.url}/sensors`);
    await page.locator('[data-testid=sensor-rates] .recharts-wrapper').first().waitFor({ timeout: 30_000 });
    await expectDecimated(page, '[data-testid=sensor-rates]');

    // The handover's shift trend and the admin's ingest throughput.
    await page.goto(`${suite.wf.url}/handover`);
    await page.locator('[data-testid=shift-trend] .recharts-wrapper').first().waitFor({ timeout: 20_000 });
    await expectDecimated(page, '[data-testid=shift-trend]');
    // a 12 h shift over a few minutes of history says where its chart starts (it looked like a quiet 12 h)
    expect(await page.locator('[data-testid=shift-trend] p.muted').first().textContent()).toMatch(
      /The chart starts at \d\d:\d\d UTC, its first point in this window \(\d+ min \d+ s of the 12 h shown\)\./,
    );
    // on paper: its lines and words, not its zoom brush and hint, and its axis words in black (they printed grey)
    const trend = page.locator('[data-testid=shift-trend]');
    expect(await trend.locator('.recharts-brush').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await trend.locator('.recharts-brush').first().isVisible()).toBe(false);
    expect(await trend.locator('.xchart__hint').isVisible()).toBe(false);
    expect(
      await trend
        .locator('.xchart__axis text')
        .first()
        .evaluate((el) => getComputedStyle(el).fill),
    ).toBe('rgb(0, 0, 0)');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${suite.wf.url}/admin`);
    await page
      .locator('[data-testid=ingest-throughput] .recharts-wrapper')
      .first()
      .waitFor({ timeout: 20_000 });
    const ingest = await expectDecimated(page, '[data-testid=ingest-throughput]');
    expect(ingest.rows).toBeGreaterThan(10);

    expect(errors).toEqual([]);
  }, 180_000);
});
