/**
 * The remaining views in Chromium: login, overview (1 h window with history, pause and resume), the
 * alert queue by keyboard and grouped, sensors, search. Every control has an accessible name.
 */
import { describe, expect, it } from 'vitest';
import {
  liveBrowserSuite,
  loginThroughForm,
  noBrowser,
  normalTraffic,
  openPage,
  PASSWORD,
  screenshot,
  unnamedControls,
} from './support/browser.js';

/** Controls without an accessible name (label, aria-label, aria-labelledby, text or title). */
describe.skipIf(noBrowser())('screens in Chromium', () => {
  const suite = liveBrowserSuite({ lina: 'lead' }, normalTraffic, { seconds: 200 });

  it('login, overview window and pause, queue by keyboard, grouping, sensors, search', async () => {
    const { page, errors, dialogs } = await openPage(suite.browser);
    await page.goto(`${suite.wf.url}/alerts?state=all`);
    await page.waitForURL(/\/login\?next=/);
    await page.locator('input[name=username]').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'login');
    await page.fill('input[name=username]', 'lina');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${suite.wf.url}/alerts?state=all`);

    // Overview: 1 h window (history from /api/series), pause holds updates back, resume.
    await page.goto(`${suite.wf.url}/?window=3600000`);
    await page.locator('.range__btn[aria-pressed=true]', { hasText: '1 h' }).waitFor();
    await page.locator('.conn--live').waitFor({ timeout: 20_000 });
    await page.locator('figure.chart').first().waitFor({ timeout: 30_000 });
    await page.locator('.feed__item').first().waitFor({ timeout: 30_000 });
    await page.locator('button', { hasText: 'Pause' }).click();
    await expect
      .poll(
        async () => Number((await page.locator('.pausebar__count').textContent())?.match(/(\d+) new/)?.[1]),
        {
          timeout: 5000,
        },
      )
      .toBeGreaterThan(2);
    expect(await page.locator('.panel--stale').count()).toBeGreaterThan(0);
    await page.locator('button', { hasText: 'Resume' }).click();
    await page.locator('button', { hasText: 'Pause' }).waitFor();
    await page.locator('.range__btn', { hasText: '15 min' }).click();
    expect(page.url()).toContain('window=900000');
    await page.waitForTimeout(1000);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'overview-full', true);

    // Queue: j/k move the selection, ? shows the shortcuts, grouping by segment shows counts.
    await page.goto(`${suite.wf.url}/alerts`);
    await page.locator('tr.queue__row').first().waitFor({ timeout: 30_000 });
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await page.locator('tr.queue__row[aria-selected=true]').waitFor();
    expect(page.url()).toContain('id=');
    await page.keyboard.press('?');
    await page.locator('.shortcuts').waitFor();
    await page.locator('select[name=group]').selectOption('segment');
    await page.waitForURL(/group=segment/);
    await page.locator('.group__head').first().waitFor();
    expect(await page.locator('.group__counts').first().textContent()).toMatch(/\d+ alerts?: \d+ crit/);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'alerts-grouped');
    // A deep link restores the same filters.
    const link = page.url();
    const second = await openPage(suite.browser);
    await loginThroughForm(second.page, suite.wf.url, 'lina', new URL(link).pathname + new URL(link).search);
    await second.page.locator('.group__head').first().waitFor();
    expect(await second.page.locator('select[name=group]').inputValue()).toBe('segment');

    // Sensors: the list, silent first.
    await page.goto(`${suite.wf.url}/sensors`);
    await page.locator('h1', { hasText: 'Sensors' }).waitFor();
    await page.locator('table.sensors tbody tr, .panel .empty').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'sensors');

    // Search: ranked (an exact name first, then hosts by score), the count says what matched and is listed.
    await page.fill('input[name=q]', 'energy');
    await page.locator('[data-testid=search-count]').waitFor({ timeout: 10_000 });
    expect(await page.locator('.search__item').first().textContent()).toMatch(/^segment energy/);
    await page.fill('input[name=q]', '10.1.0');
    await page.locator('[data-testid=search-count]', { hasText: '5 matches' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.search__item').count()).toBe(5);
    // the loud host scores highest: it comes first, and Enter opens it
    expect(await page.locator('.search__item').first().textContent()).toMatch(/^host 10\.1\.0\.99/);
    await page.locator('input[name=q]').press('Enter');
    await page.waitForURL(`${suite.wf.url}/hosts/10.1.0.99`);
    // Enter before the answer has come still opens the best match
    await page.goto(`${suite.wf.url}/sensors`);
    await page.fill('input[name=q]', '10.1.0');
    await page.locator('input[name=q]').press('Enter');
    await page.waitForURL(`${suite.wf.url}/hosts/10.1.0.99`);

    // Nothing matched: the list says so where the results would be, and Enter leaves the page as it is
    await page.fill('input[name=q]', 'qqqqxyz');
    await page.locator('[data-testid=search-count]', { hasText: 'No matches' }).waitFor({ timeout: 10_000 });
    await page.locator('input[name=q]').press('Enter');
    await page.locator('[data-testid=search-count]', { hasText: 'No matches' }).waitFor({ timeout: 10_000 });
    expect(page.url()).toBe(`${suite.wf.url}/hosts/10.1.0.99`);

    // An IP goes straight to the host.
    await page.fill('input[name=q]', '10.1.0.99');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${suite.wf.url}/hosts/10.1.0.99`);
    expect(await unnamedControls(page)).toEqual([]);

    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(second.errors).toEqual([]);
  }, 120_000);
});
