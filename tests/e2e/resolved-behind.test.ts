/**
 * A score that stays in an alert band after a lead resolved its alert (detection does not forget) is explained, not
 * left as "100 CRITICAL · no critical or high alert": the wall's tile and segment hosts, the overview's top hosts and
 * segment tile and the host page say which alert was resolved, by whom and when.
 */
import { describe, expect, it } from 'vitest';
import {
  browserSkipReason,
  liveBrowserSuite,
  loginThroughForm,
  openPage,
  PASSWORD,
  screenshot,
} from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

const HOST = '10.1.0.99';

describe.skipIf(skip !== null)('a score in an alert band whose alert was resolved', () => {
  const suite = liveBrowserSuite({ otto: 'operator', lea: 'lead' });

  it('says on the wall, the overview and the host page which alert was resolved, by whom and when', async () => {
    const token = (await suite.wf.tokens.create({ label: 'resolved' }, 'test')).token;
    const wall = await openPage(suite.browser, { width: 1920, height: 1080 });
    await wall.page.goto(`${suite.wf.url}/wall?token=${encodeURIComponent(token)}&scene=segment:energy`);
    await wall.page.locator('[data-scene=takeover]').waitFor({ timeout: 30_000 });
    const lead = await suite.wf.login('lea', PASSWORD);
    const open = (await (
      await fetch(`${suite.wf.url}/api/alerts?state=open`, { headers: { cookie: lead } })
    ).json()) as { alerts: { id: string; entity: { id: string }; severity: string }[] };
    const loud = open.alerts.find((a) => a.entity.id === HOST);
    expect(loud?.severity).toBe('critical');
    for (const a of open.alerts) {
      const res = await fetch(`${suite.wf.url}/api/alerts/${a.id}/resolve`, {
        method: 'POST',
        headers: { cookie: lead, 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'the nightly backup, agreed with its owner', disposition: 'benign' }),
      });
      expect(res.status).toBe(200);
    }
    const said = new RegExp(`^✓ ${loud!.id} resolved \\d\\d:\\d\\d by lea$`);
    const tile = wall.page.locator('.wtile[data-segment=energy]');
    await tile.locator('[data-testid=resolved-behind]').waitFor({ timeout: 20_000 });
    expect(await tile.locator('.wtile__sev').textContent()).toMatch(/CRITICAL|HIGH|MEDIUM/);
    expect((await tile.locator('[data-testid=resolved-behind]').textContent())?.trim()).toMatch(said);
    const row = wall.page.locator('.whost', { hasText: HOST });
    expect((await row.locator('[data-testid=resolved-behind]').textContent())?.trim()).toMatch(said);
    await screenshot(wall.page, 'wall-resolved');

    // a screen opened after the resolve hears of it with its snapshot
    const overview = await openPage(suite.browser, { width: 1440, height: 900 });
    await loginThroughForm(overview.page, suite.wf.url, 'otto');
    const hostRow = overview.page.locator(`table.hosts tr:has(a.hosts__link:text-is("${HOST}"))`);
    await hostRow.locator('[data-testid=resolved-behind]').waitFor({ timeout: 20_000 });
    const line = new RegExp(
      `^Alert ${loud!.id} resolved by lea at \\d\\d:\\d\\d UTC; the score still holds its evidence$`,
    );
    expect(await hostRow.locator('[data-testid=resolved-behind]').textContent()).toMatch(line);
    const strip = overview.page.locator('.strip__tile', { hasText: 'energy' });
    expect(await strip.locator('[data-testid=resolved-behind]').textContent()).toMatch(line);
    const link = hostRow.locator('[data-testid=resolved-behind] a');
    expect(await link.getAttribute('href')).toBe(`/alerts?state=all&id=${loud!.id}`);

    const host = await openPage(suite.browser, { width: 1440, height: 900 });
    await loginThroughForm(host.page, suite.wf.url, 'otto', `/hosts/${HOST}`);
    await host.page.locator('[data-testid=resolved-behind]').waitFor({ timeout: 20_000 });
    expect(await host.page.locator('[data-testid=resolved-behind]').textContent()).toMatch(line);
    await screenshot(host.page, 'host-resolved');
    for (const p of [wall, overview, host]) expect(p.errors).toEqual([]);
  }, 120_000);
});
