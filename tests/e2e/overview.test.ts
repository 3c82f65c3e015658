import { describe, expect, it } from 'vitest';
import {
  chartPoints,
  liveBrowserSuite,
  loginThroughForm,
  noBrowser,
  openPage,
  screenshot,
} from './support/browser.js';

describe.skipIf(noBrowser())('overview in Chromium', () => {
  const suite = liveBrowserSuite({ olga: 'operator' });

  it('logs in through the form and shows live points, without console errors', async () => {
    const { page, errors, dialogs } = await openPage(suite.browser, { width: 1920, height: 1080 });
    await loginThroughForm(page, suite.wf.url, 'olga', '/?window=900000');
    expect(new URL(page.url()).pathname).toBe('/');
    // The baseline band: each segment tile draws its events/s against mean ± 2σ.
    await page.locator('.strip__tile .bandspark__band').first().waitFor({ timeout: 20_000 });
    await page.waitForSelector('.conn--live', { timeout: 20_000 });
    await expect.poll(() => chartPoints(page), { timeout: 20_000, interval: 250 }).toBeGreaterThan(20);
    const before = await chartPoints(page);
    // Live: the charts keep growing while events arrive.
    await expect.poll(() => chartPoints(page), { timeout: 10_000, interval: 250 }).toBeGreaterThan(before);
    await page.waitForSelector('.strip__tile', { timeout: 10_000 });
    expect(await page.locator('.strip__tile').count()).toBeGreaterThanOrEqual(3);
    // generous: the scorer must see the loud host hold above its peers; under load that takes longer
    await page.waitForSelector('table.hosts tbody tr', { timeout: 45_000 });
    await page.waitForTimeout(1500);
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 120_000);
});
