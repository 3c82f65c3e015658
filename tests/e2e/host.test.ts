/** From the overview's top hosts to the host page: score, reasons, recent events. */
import { describe, expect, it } from 'vitest';
import { liveBrowserSuite, loginThroughForm, noBrowser, openPage, screenshot } from './support/browser.js';

describe.skipIf(noBrowser())('host drill-down in Chromium', () => {
  const suite = liveBrowserSuite({ otto: 'operator' });

  it('opens the loudest host from the top hosts table', async () => {
    const { page, errors, dialogs } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'otto');
    const link = page.locator('table.hosts .hosts__link', { hasText: '10.1.0.99' });
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await page.waitForURL(`${suite.wf.url}/hosts/10.1.0.99`);
    expect(await page.locator('h1.host__title').textContent()).toBe('10.1.0.99');
    await page.locator('table.reasons tbody tr').first().waitFor({ timeout: 10_000 });
    // the page shows the fetched score first and the live one as it arrives: wait for the anomaly to show
    await expect
      .poll(async () => Number(await page.locator('.score--large .score__value').textContent()), {
        timeout: 20_000,
      })
      .toBeGreaterThan(50);
    await page.locator('table.events tbody tr').first().waitFor({ timeout: 10_000 });
    // A reason's examples open to the events themselves (kept among the recent events), not bare ids.
    const examples = page.locator('table.reasons details.examples').first();
    await examples.locator('summary').click();
    // (read back from the stream when the host no longer keeps them among its recent events)
    await expect
      .poll(async () => (await examples.locator('li').first().textContent()) ?? '', { timeout: 25_000 })
      .toMatch(/^\d\d:\d\d:\d\d (flow|dns|auth|ids) /);
    // A deep link opens the same view in a fresh page.
    const second = await openPage(suite.browser);
    await loginThroughForm(second.page, suite.wf.url, 'otto', '/hosts/10.1.0.99');
    await second.page.locator('h1.host__title').waitFor();
    expect(new URL(second.page.url()).pathname).toBe('/hosts/10.1.0.99');
    // Notes: saved on the server (author and time), listed newest first, text only; a reload still shows it.
    await page.fill('#host-note', 'Checked with <b>asset owner</b>: backup job');
    await page.locator('button', { hasText: 'Add note' }).click();
    await page.locator('.notes__item', { hasText: 'Checked with <b>asset owner</b>' }).waitFor();
    expect(await page.locator('.notes__item b').count()).toBe(0);
    await second.page.reload();
    await second.page.locator('.notes__item', { hasText: 'otto' }).waitFor({ timeout: 15_000 });
    // Its alerts come from the server answer too (unresolved and recently resolved).
    await page.locator('.feed__item', { hasText: 'energy' }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'host', true);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(second.errors).toEqual([]);
  }, 90_000);

  it('lists the hosts whose evidence names an address or a domain, from the host page and the search box', async () => {
    // a host refused by one address on port after port, and one asking TXT records under one domain
    const now = Date.now();
    const p = suite.wf.redis.pipeline();
    for (let i = 0; i < 20; i++) {
      const add = (ev: Record<string, unknown>) =>
        p.xadd(
          suite.wf.stream,
          '*',
          'event',
          JSON.stringify({ ts: now - 20_000 + i * 1000, sensor: 'sensor-health', segment: 'health', ...ev }),
        );
      add({
        kind: 'flow',
        src_ip: '10.3.0.77',
        dst_ip: '10.3.0.250',
        dst_port: 7000 + i,
        proto: 'tcp',
        conn_state: 'REJ',
      });
      add({
        kind: 'dns',
        src_ip: '10.3.0.78',
        query: `${(0x5eed0000 + i * 7919).toString(16)}.tunnel.example`,
        qtype: 'TXT',
        rcode: 'NOERROR',
      });
    }
    await p.exec();

    const { page, errors } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'otto', '/hosts/10.3.0.250');
    const named = page.locator('[data-testid=named-by-host]', { hasText: '10.3.0.77' });
    await named.waitFor({ timeout: 30_000 });
    expect(await named.textContent()).toContain('health');
    expect(await named.textContent()).toMatch(/scan/i);
    await named.locator('a', { hasText: '10.3.0.77' }).click();
    await page.waitForURL(`${suite.wf.url}/hosts/10.3.0.77`);

    // a name from a report: the search box offers the hosts whose evidence names it
    await page.fill('.topbar .search__input', 'c2.tunnel.example');
    await page.locator('[data-testid=search-named-by]').click();
    await page.waitForURL(`${suite.wf.url}/peers/c2.tunnel.example`);
    const dns = page.locator('[data-testid=named-by-host]', { hasText: '10.3.0.78' });
    await dns.waitFor({ timeout: 15_000 });
    expect(await dns.textContent()).toContain('tunnel.example');
    expect(await page.locator('h1').textContent()).toContain('c2.tunnel.example');
    // nothing names an address no host's evidence holds
    await page.goto(`${suite.wf.url}/hosts/192.0.2.250`);
    await page
      .locator('[data-testid=named-by] .empty', { hasText: 'No host’s evidence names 192.0.2.250' })
      .waitFor();
    expect(errors).toEqual([]);
  }, 90_000);
});
