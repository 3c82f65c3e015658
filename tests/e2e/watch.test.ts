/**
 * The watchlist and saved hunts in Chromium: a lead watches a host from the overview's watch panel (the reason is
 * hostile text, shown as text), the host is marked on the overview, the alert queue and its own page; a saved hunt
 * lists what it finds and opens to it; an operator sees the marks and hunts but no forms.
 */
import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../support/alerts.js';
import { liveBrowserSuite, loginThroughForm, noBrowser, openPage } from './support/browser.js';

const LOUD = '10.1.0.99';
const HOSTILE = '<img src=x onerror=alert(1)> tip from CERT';

describe.skipIf(noBrowser())('watchlist and saved hunts in Chromium', () => {
  const suite = liveBrowserSuite({ lena: 'lead', otto: 'operator' }, undefined, {
    prepare: async (wf) => {
      await raiseAlert(wf, { ip: LOUD, score: 70, detector: 'volume', segment: 'energy' });
    },
  });

  it('a lead watches a host and saves a hunt from the overview; the host is marked on every screen', async () => {
    const { page, errors, dialogs } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'lena');
    const panel = page.locator('section.watch-panel');
    await panel.waitFor({ timeout: 20_000 });
    await panel.locator('input[name=watch-value]').fill(LOUD);
    await panel.locator('input[name=watch-reason]').fill(HOSTILE);
    await panel.locator('button', { hasText: /^Watch$/ }).click();
    await panel.locator('.watchlist__item', { hasText: 'tip from CERT' }).waitFor();
    expect(await panel.locator('.watchlist__item img').count()).toBe(0);
    // the overview's top hosts and alert feed mark it
    await page
      .locator('table.hosts tr', { hasText: LOUD })
      .locator('[data-testid=watch-mark]')
      .waitFor({ timeout: 30_000 });
    await page
      .locator('.feed__item', { hasText: LOUD })
      .first()
      .locator('[data-testid=watch-mark]')
      .waitFor();
    expect(await page.locator('table.hosts [data-testid=watch-mark]').getAttribute('title')).toContain(
      HOSTILE,
    );

    await panel.locator('input[name=hunt-name]').fill('Loud energy hosts');
    await panel.locator('label', { hasText: 'Segment' }).locator('select').selectOption('energy');
    const detectors = panel.locator('label', { hasText: 'Detector' }).locator('select');
    // the detectors of behaviour, not an asset's criticality nor Watchfloor's own health
    const offered = await detectors
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(expect.arrayContaining(['', 'volume', 'beacon', 'intel', 'first-contact']));
    expect(offered.filter((v) => ['asset', 'ingest', 'geo'].includes(v))).toEqual([]);
    await detectors.selectOption('volume');
    await panel.locator('button', { hasText: 'Save hunt' }).click();
    const hunt = panel.locator('[data-testid=hunt]', { hasText: 'Loud energy hosts' });
    await hunt.waitFor();
    await expect
      .poll(async () => hunt.locator('[data-testid=hunt-counts]').textContent())
      .toMatch(/^[1-9]\d* alerts? · /);
    await hunt.locator('button.hunts__name').click();
    await hunt.locator('.feed__item', { hasText: LOUD }).waitFor();

    await page.goto(`${suite.wf.url}/alerts`);
    await page
      .locator('table.queue tr', { hasText: LOUD })
      .first()
      .locator('[data-testid=watch-mark]')
      .waitFor({ timeout: 20_000 });
    await page.goto(`${suite.wf.url}/hosts/${LOUD}`);
    await page.locator('main.host [data-testid=watch-mark]').first().waitFor({ timeout: 20_000 });
    // the button follows the watchlist's answer, which may come a moment after the frame's mark
    await expect
      .poll(() => page.locator('main.host button', { hasText: 'Watch this host' }).count(), {
        timeout: 10_000,
      })
      .toBe(0);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 120_000);

  it('an operator sees the marks and the hunts, and no forms to change them', async () => {
    const { page, errors } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'otto');
    const panel = page.locator('section.watch-panel');
    await panel.locator('[data-testid=hunt]', { hasText: 'Loud energy hosts' }).waitFor({ timeout: 20_000 });
    await panel.locator('.watchlist__item', { hasText: LOUD }).waitFor();
    expect(await panel.locator('form').count()).toBe(0);
    expect(await panel.locator('button', { hasText: 'Remove' }).count()).toBe(0);
    await page.locator('table.hosts [data-testid=watch-mark]').first().waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
  }, 60_000);
});
