/**
 * Hand-off and pivots in Chromium: pivot links on the alert, the host and its events (values URL-encoded, a new tab
 * with neither opener nor referrer); a lead exports the alert and sends it to a TheHive receiver on loopback; each
 * hand-off shows in the alert's history at once; an operator is offered the exports only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHandoffReceiver } from '../support/handoff-receivers.js';
import { eventually } from '../support/server.js';
import { liveBrowserSuite, loginThroughForm, noBrowser, openPage } from './support/browser.js';

const KEY = 'hive-e2e-key';
const HOST = '10.1.0.99';
const C2 = '198.51.100.77';
const QUIET = '10.1.0.200';
const hive = await startHandoffReceiver(KEY);
afterAll(() => hive.close());
const pivots = join(mkdtempSync(join(tmpdir(), 'wf-e2e-pivots-')), 'pivots.json');
writeFileSync(
  pivots,
  JSON.stringify([
    {
      name: 'Arkime',
      url: 'https://arkime.example/sessions?expression={query}&startTime={from}&stopTime={to}',
    },
    { name: 'Peer lookup', url: 'https://intel.example/ip/{peer}' },
  ]),
);
let alertId = '';

describe.skipIf(noBrowser())('hand-off and pivots in Chromium', () => {
  const suite = liveBrowserSuite({ lena: 'lead', otto: 'operator' }, undefined, {
    env: () => ({ WF_PIVOTS: pivots, WF_THEHIVE_URL: hive.url, WF_THEHIVE_KEY: KEY }),
    prepare: async (wf) => {
      const event = {
        ts: Date.now(),
        sensor: 'sensor-energy',
        kind: 'flow',
        src_ip: HOST,
        segment: 'energy',
        dst_ip: C2,
        dst_port: 8443,
        proto: 'tcp',
      };
      const id = await wf.redis.xadd(wf.stream, '*', 'event', JSON.stringify(event));
      const now = Date.now();
      for (let i = 0; i <= 4; i++) {
        await wf.alertEngine.tick(
          [
            {
              entityType: 'host',
              entityId: HOST,
              segment: 'energy',
              score: 85,
              at: now + i * 1000,
              reasons: [
                {
                  detector: 'intel',
                  feature: 'indicator',
                  observed: 1,
                  expected: 0,
                  contribution: 85,
                  examples: [`${wf.stream}/${id}`],
                  attack: ['T1071'],
                  intel: {
                    indicator: C2,
                    field: 'dst_ip',
                    feed: 'cert',
                    id: 'line 3',
                    confidence: 90,
                    labels: [],
                  },
                },
              ],
            },
          ],
          now + i * 1000,
          now,
        );
      }
      alertId = (await wf.alerts.store.idForKey(`intel:host:${HOST}`))!;
    },
  });

  it('a lead pivots from the alert, exports it and sends it to TheHive; the history shows each', async () => {
    const { page, errors, dialogs } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'lena', `/alerts?id=${alertId}`);
    const detail = page.locator('article.detail');
    const arkime = detail.locator('a.pivot', { hasText: 'Arkime' });
    await arkime.waitFor({ timeout: 20_000 });
    expect(await arkime.getAttribute('target')).toBe('_blank');
    expect(await arkime.getAttribute('rel')).toBe('noopener noreferrer');
    const href = new URL((await arkime.getAttribute('href'))!);
    expect(href.origin).toBe('https://arkime.example');
    expect(href.searchParams.get('expression')).toBe(`ip == ${HOST} && ip == ${C2}`);
    expect((await detail.locator('a.pivot', { hasText: 'Peer lookup' }).getAttribute('href')) ?? '').toBe(
      `https://intel.example/ip/${C2}`,
    );

    await detail.locator('button', { hasText: 'Send to TheHive' }).click();
    await detail
      .locator('[data-testid=handoff-message]', { hasText: 'Sent to TheHive as alert ~4000' })
      .waitFor();
    expect(hive.received.map((r) => r.problems)).toEqual([[]]);
    const download = page.waitForEvent('download');
    await detail.locator('button', { hasText: 'Export STIX 2.1' }).click();
    expect((await download).suggestedFilename()).toBe(`watchfloor-alert-${alertId}.stix.json`);
    const history = detail.locator('ol.history');
    await history.locator('li', { hasText: 'sent it to TheHive' }).waitFor({ timeout: 10_000 });
    await history.locator('li', { hasText: 'exported the alert' }).waitFor({ timeout: 10_000 });
    expect(await history.locator('li', { hasText: 'sent to TheHive as alert ~4000' }).count()).toBe(1);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 90_000);

  it('the host page and its events carry pivots; an operator may export but not send', async () => {
    // a host of its own, quiet but for this event (the loud host's events page on too quickly)
    const ahead = {
      ts: Date.now(),
      sensor: 'sensor-energy',
      kind: 'flow',
      src_ip: QUIET,
      segment: 'energy',
      dst_ip: C2,
      dst_port: 8443,
      proto: 'tcp',
    };
    await suite.wf.redis.xadd(suite.wf.stream, '*', 'event', JSON.stringify(ahead));
    await eventually(async () => suite.wf.live.engine.host(QUIET) ?? undefined);
    const { page, errors } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'otto', `/hosts/${QUIET}`);
    const head = page.locator('main.host > [data-testid=pivots]');
    await head.locator('a.pivot', { hasText: 'Arkime' }).waitFor({ timeout: 20_000 });
    // a host alone has no peer: the peer's template is left out there
    expect(await head.locator('a.pivot', { hasText: 'Peer lookup' }).count()).toBe(0);
    const row = page.locator('table.events tbody tr', { hasText: C2 });
    await row.waitFor({ timeout: 20_000 });
    const peer = new URL((await row.locator('a.pivot', { hasText: 'Arkime' }).getAttribute('href'))!);
    expect(peer.searchParams.get('expression')).toBe(`ip == ${QUIET} && ip == ${C2} && port == 8443`);
    await page.goto(`${suite.wf.url}/alerts?id=${alertId}`);
    await page
      .locator('article.detail button', { hasText: 'Export MISP event' })
      .waitFor({ timeout: 20_000 });
    expect(await page.locator('article.detail button', { hasText: 'Send to TheHive' }).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);
});
