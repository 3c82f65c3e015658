/**
 * Geo databases replaced while the server runs: the admin's "Reload now" (`POST /api/intel/refresh`) reads a changed
 * file again and `GET /api/intel` says what is loaded; a file that does not open keeps the database before, says why
 * and raises a system alert; the next good file is taken.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/contract.js';
import { callChecked, send } from '../support/contract.js';
import { writeWorldDatabases } from '../support/geo-world.js';
import { countryRecord, writeMmdb } from '../support/mmdb-writer.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'wf-geo-int-'));
const paths = writeWorldDatabases(dir);
let wf: TestServer;
let admin: string;

beforeAll(async () => {
  // the timer is set long: the reloads here come from the admin's refresh
  wf = await startTestServer(inject('redisUrl'), {
    WF_GEOIP_DB: paths.country,
    WF_ASN_DB: paths.asn,
    WF_GEO_CHECK_S: '3600',
  });
  admin = await wf.userCookie('admin');
});
afterAll(async () => {
  await wf?.close();
  rmSync(dir, { recursive: true, force: true });
});

let bump = 0;
function replace(path: string, data: Buffer | string) {
  writeFileSync(path, data);
  const at = Date.now() / 1000 + ++bump * 10;
  utimesSync(path, at, at);
}

describe('geo databases without a restart', () => {
  it('the admin page says what is loaded; reload takes a new file, keeps the old one when the new one is bad', async () => {
    const me = { url: wf.url, cookie: admin };
    const before = await callChecked(me, API.intel, {});
    expect(before.geo).toMatchObject([
      { variable: 'WF_GEOIP_DB', path: paths.country, state: 'ok', type: 'GeoLite2-Country' },
      { variable: 'WF_ASN_DB', path: paths.asn, state: 'ok', type: 'GeoLite2-ASN' },
    ]);
    expect((await send({ url: wf.url, cookie: await wf.userCookie('lead') }, API.intel, {})).status).toBe(
      403,
    );

    replace(
      paths.country,
      writeMmdb({
        databaseType: 'GeoLite2-City',
        buildEpoch: 1_800_000_000,
        networks: [{ cidr: '203.0.113.0/24', data: countryRecord('RU') }],
      }),
    );
    const reloaded = await callChecked(me, API.intelRefresh, {});
    expect(reloaded.geo?.[0]).toMatchObject({
      state: 'ok',
      type: 'GeoLite2-City',
      builtAt: 1_800_000_000_000,
    });

    replace(paths.country, 'half a database');
    const broken = await callChecked(me, API.intelRefresh, {});
    expect(broken.geo?.[0]).toMatchObject({ state: 'error', type: 'GeoLite2-City' });
    expect(broken.geo?.[0]?.error).toMatch(/WF_GEOIP_DB: .* is not a MaxMind DB/);
    const lead = { url: wf.url, cookie: await wf.userCookie('lead') };
    await eventually(async () =>
      (await callChecked(lead, API.alerts, { query: {} })).alerts.find(
        (a) => a.entity.id === 'geo-db:WF_GEOIP_DB',
      ),
    );

    replace(
      paths.country,
      writeMmdb({
        databaseType: 'GeoLite2-Country',
        networks: [{ cidr: '203.0.113.0/24', data: countryRecord('KP') }],
      }),
    );
    const fixed = await callChecked(me, API.intelRefresh, {});
    expect(fixed.geo?.[0]).toMatchObject({ state: 'ok', type: 'GeoLite2-Country' });
    expect(fixed.geo?.[0]?.error).toBeUndefined();
  });
});
