/**
 * Where a peer is, end to end: the server reads a country and an AS database (written by the test, MaxMind format),
 * a host of the energy segment sends megabytes to a country nobody in its segment talked to in its baseline, and the
 * first-contact reason with that country and AS shows through the API (host detail, recent events, alerts) and on
 * the host page in Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alertListSchema } from '../../shared/schemas/alert-api.js';
import { hostDetailSchema } from '../../shared/schemas/api.js';
import { writeWorldDatabases } from '../support/geo-world.js';
import {
  type FeedEvent,
  liveBrowserSuite,
  loginThroughForm,
  noBrowser,
  openPage,
} from './support/browser.js';

const dir = mkdtempSync(join(tmpdir(), 'wf-geo-e2e-'));
const dbs = writeWorldDatabases(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOST = '10.1.0.50';
const KP = '203.0.113.7';
/** Live rounds (200 ms each) after which the host starts sending to KP. */
const TURN = 10;

/** Four hosts talking to the usual Estonian service (EE, AS3249); then HOST sends 4 MB a round to KP. */
function traffic(round: number): FeedEvent[] {
  const out: FeedEvent[] = [];
  for (let h = 0; h < 4; h++) {
    out.push({
      sensor: 'sensor-energy',
      kind: 'flow',
      src_ip: `10.1.0.${h + 10}`,
      segment: 'energy',
      dst_ip: `198.51.100.${10 + h}`,
      dst_port: 443,
      proto: 'tcp',
      bytes_out: 2000 + ((round * 37 + h * 101) % 900),
      bytes_in: 20_000,
    });
  }
  const away = round > TURN;
  out.push({
    sensor: 'sensor-energy',
    kind: 'flow',
    src_ip: HOST,
    segment: 'energy',
    dst_ip: away ? KP : '198.51.100.20',
    dst_port: 443,
    proto: 'tcp',
    bytes_out: away ? 4_000_000 : 2500,
    bytes_in: 8000,
  });
  return out;
}

describe.skipIf(noBrowser())('first contact with a country, through the API and on the host page', () => {
  const suite = liveBrowserSuite({ otto: 'operator', lena: 'lead' }, traffic, {
    seconds: 150,
    env: () => ({ WF_GEOIP_DB: dbs.country, WF_ASN_DB: dbs.asn, WF_FIRST_CONTACT_BASELINE_S: '60' }),
  });

  it('raises the reason, places the events, and shows country and AS', async () => {
    const cookie = await suite.wf.userCookie('lead');
    const hostDetail = async () => {
      const res = await fetch(`${suite.wf.url}/api/hosts/${HOST}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return hostDetailSchema.parse(await res.json());
    };
    let reason: NonNullable<Awaited<ReturnType<typeof hostDetail>>['host']>['reasons'][number] | undefined;
    await expect
      .poll(
        async () => {
          reason = (await hostDetail()).host?.reasons.find((r) => r.detector === 'first-contact');
          return reason?.feature;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe('first_contact country=KP');
    expect(reason!.geo).toEqual({ ip: KP, country: 'KP', asn: 64500, org: 'Example Bulletproof Hosting' });
    expect(reason!.observed).toBeGreaterThan(1_000_000);
    expect(reason!.contribution).toBeGreaterThan(10);
    // the events themselves carry the place of their destination; the usual one is placed too
    const detail = await hostDetail();
    const recent = detail.host!.recent;
    expect(recent.find((e) => e.dst_ip === KP)?.dst_geo).toEqual({
      country: 'KP',
      asn: 64500,
      org: 'Example Bulletproof Hosting',
    });
    // the other hosts, talking to what the segment knows, have no such reason
    const other = await fetch(`${suite.wf.url}/api/hosts/10.1.0.10`, { headers: { cookie } });
    const otherDetail = hostDetailSchema.parse(await other.json());
    expect(otherDetail.host?.reasons.some((r) => r.detector === 'first-contact') ?? false).toBe(false);
    expect(otherDetail.host?.recent[0]?.dst_geo).toEqual({ country: 'EE', asn: 3249, org: 'Telia Eesti AS' });

    // the megabytes also raise the host's volume: its alert carries the first contact with its place
    await expect
      .poll(
        async () => {
          const res = await fetch(`${suite.wf.url}/api/alerts?state=open`, { headers: { cookie } });
          const { alerts } = alertListSchema.parse(await res.json());
          const mine = alerts.find((a) => a.entity.id === HOST);
          return [...(mine?.reasons ?? []), ...(mine?.peakReasons ?? [])].find(
            (r) => r.detector === 'first-contact',
          )?.geo?.country;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('KP');

    const { page, errors } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'otto', `/hosts/${HOST}`);
    const place = page.locator('table.reasons [data-testid="reason-place"]', { hasText: 'North Korea (KP)' });
    await place.first().waitFor({ timeout: 20_000 });
    expect(await place.first().textContent()).toBe('North Korea (KP) · AS64500 Example Bulletproof Hosting');
    const row = page
      .locator('table.reasons tbody tr', {
        has: page.locator('[data-testid="reason-place"]', { hasText: 'North Korea (KP)' }),
      })
      .first();
    expect(await row.locator('td').nth(1).textContent()).toContain(
      'first contact, bytes since, with country=KP',
    );
    await page
      .locator('table.events tbody td', { hasText: `→ ${KP}:443 (North Korea (KP) · AS64500` })
      .first()
      .waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});
