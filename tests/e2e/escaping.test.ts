/**
 * Attacker-controlled strings (segment, sensor, DNS query, IDS signature) render as text everywhere they
 * appear: no dialog opens, no element is created from them.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type FeedEvent,
  liveBrowserSuite,
  loginThroughForm,
  noBrowser,
  openPage,
  screenshot,
} from './support/browser.js';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const HOST = '10.66.0.1';

function hostile(round: number): FeedEvent[] {
  const loud = round > 5 ? 8 : 1;
  const out: FeedEvent[] = [];
  for (let i = 0; i < loud; i++) {
    out.push({
      sensor: IMG,
      kind: 'flow',
      src_ip: HOST,
      segment: IMG,
      bytes_out: round > 5 ? 4_000_000 : 2000,
    });
  }
  out.push({ sensor: SCRIPT, kind: 'dns', src_ip: HOST, segment: IMG, query: `${SCRIPT}.evil.example` });
  out.push({ sensor: IMG, kind: 'ids', src_ip: HOST, segment: IMG, signature: `ET ${IMG} ${SCRIPT}` });
  out.push({ sensor: 'ok-sensor', kind: 'flow', src_ip: '10.67.0.1', segment: SCRIPT, bytes_out: 1500 });
  return out;
}

/** No element was made from the payloads, and no dialog opened. */
async function assertInert(page: Page, dialogs: string[]) {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('img').count()).toBe(0);
  const scripts = await page
    .locator('script')
    .evaluateAll((els) => els.map((e) => (e as unknown as { textContent: string }).textContent));
  expect(scripts.filter((t) => t.includes('alert('))).toEqual([]);
  expect(dialogs).toEqual([]);
}

describe.skipIf(noBrowser())('hostile strings in Chromium', () => {
  const suite = liveBrowserSuite({ lena: 'lead' }, hostile);

  it('shows segment, sensor, DNS query and signature as text on the overview, host page and alerts', async () => {
    const { page, errors, dialogs } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'lena');
    const tile = page.locator('.strip__name', { hasText: IMG });
    await tile.first().waitFor({ timeout: 20_000 });
    expect(await tile.first().textContent()).toBe(IMG);
    await page.locator('.strip__name', { hasText: SCRIPT }).first().waitFor({ timeout: 10_000 });
    await page.locator('.legend__name', { hasText: IMG }).first().waitFor({ timeout: 10_000 });
    await assertInert(page, dialogs);

    await page.goto(`${suite.wf.url}/hosts/${HOST}`);
    await page.locator('table.events').waitFor({ timeout: 30_000 });
    await page
      .locator('table.events td', { hasText: `${SCRIPT}.evil.example` })
      .first()
      .waitFor();
    await page
      .locator('table.events td', { hasText: `ET ${IMG} ${SCRIPT}` })
      .first()
      .waitFor();
    await page.locator('table.events td', { hasText: IMG }).first().waitFor();
    await assertInert(page, dialogs);

    // Alerts raised for the hostile host or segment carry the segment name into the queue and detail.
    await page.goto(`${suite.wf.url}/alerts?state=all`);
    await page.locator('h1.page__title').waitFor();
    const rows = page.locator('tr.queue__row');
    const hasAlerts = await rows
      .first()
      .waitFor({ timeout: 30_000 })
      .then(() => true)
      .catch(() => false);
    if (hasAlerts) {
      await rows.first().click();
      await page.locator('.detail').waitFor();
      await page.locator('td', { hasText: IMG }).first().waitFor({ timeout: 5000 });
    } else {
      console.warn('escaping test: no alert was raised in time; the alert views were not checked');
    }
    await assertInert(page, dialogs);
    await screenshot(page, 'escaping-alerts');
    expect(errors).toEqual([]);
  }, 90_000);
});
