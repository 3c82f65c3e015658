/**
 * Geo databases read again without a restart: a second database written over the first (tests/support/mmdb-writer.ts)
 * replaces it at the next check; a file that does not open keeps the one before, says why once and raises a system
 * alert's evidence until a good file is back.
 */
import { mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { GeoDatabases } from '../../server/geo/geo-databases.js';
import { writeWorldDatabases } from '../support/geo-world.js';
import { asnRecord, countryRecord, writeMmdb } from '../support/mmdb-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'wf-geo-reload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let bump = 0;
/** Writes `data` over `path` with a modification time surely after the last one. */
function replace(path: string, data: Buffer | string) {
  writeFileSync(path, data);
  const at = Date.now() / 1000 + ++bump * 10;
  utimesSync(path, at, at);
}

describe('geo databases read again when their files change', () => {
  it('takes a new database, keeps the loaded one when the new file does not open, and says why once', () => {
    const paths = writeWorldDatabases(dir);
    const errors: string[] = [];
    const reloads: number[] = [];
    const geo = new GeoDatabases(paths, {
      onError: (variable, message) => errors.push(`${variable}: ${message}`),
      onReloaded: () => reloads.push(1),
    });
    expect(geo.lookup('203.0.113.9')).toMatchObject({ country: 'KP', asn: 64500 });
    const first = geo.lookupNow;
    expect(geo.check().map((s) => s.state)).toEqual(['ok', 'ok']);
    expect(geo.lookupNow).toBe(first);

    // a second country database over the first: the range moved to another country, built later
    replace(
      paths.country,
      writeMmdb({
        databaseType: 'GeoLite2-Country',
        buildEpoch: 1_800_000_000,
        networks: [{ cidr: '203.0.113.0/24', data: countryRecord('RU') }],
      }),
    );
    const after = geo.check();
    expect(geo.lookup('203.0.113.9')).toEqual({
      country: 'RU',
      asn: 64500,
      org: 'Example Bulletproof Hosting',
    });
    expect(after[0]).toMatchObject({ variable: 'WF_GEOIP_DB', state: 'ok', builtAt: 1_800_000_000_000 });
    expect(reloads).toHaveLength(1);

    // junk over the ASN database: the AS database loaded before stays in use
    replace(paths.asn, 'this is no database');
    const bad = geo.check();
    expect(bad[1]).toMatchObject({ variable: 'WF_ASN_DB', state: 'error', type: 'GeoLite2-ASN' });
    expect(bad[1]!.error).toMatch(/WF_ASN_DB: .* is not a MaxMind DB/);
    expect(geo.lookup('203.0.113.9')?.asn).toBe(64500);
    expect(geo.observations(5).map((o) => [o.entityId, o.score])).toEqual([['geo-db:WF_ASN_DB', 70]]);
    geo.check();
    expect(errors).toHaveLength(1);

    // a good file again: loaded, and the evidence is gone
    replace(
      paths.asn,
      writeMmdb({
        databaseType: 'GeoLite2-ASN',
        networks: [{ cidr: '203.0.113.0/24', data: asnRecord(64999, 'Example New Owner') }],
      }),
    );
    expect(geo.check()[1]).toMatchObject({ state: 'ok', error: undefined });
    expect(geo.lookup('203.0.113.9')).toEqual({ country: 'RU', asn: 64999, org: 'Example New Owner' });
    expect(geo.observations(6)).toEqual([]);

    // the file taken away: the database loaded before is kept, and the reason names the variable
    unlinkSync(paths.country);
    expect(geo.check()[0]!.error).toMatch(/^WF_GEOIP_DB: cannot read /);
    expect(geo.lookup('203.0.113.9')?.country).toBe('RU');
  });

  it('checks the files on its own every so often', async () => {
    const sub = mkdtempSync(join(dir, 'timer-'));
    const paths = writeWorldDatabases(sub);
    const geo = new GeoDatabases({ country: paths.country, asn: null }).start(20);
    try {
      expect(geo.lookup('198.51.100.1')?.country).toBe('EE');
      replace(
        paths.country,
        writeMmdb({
          databaseType: 'DBIP-Country-Lite',
          networks: [{ cidr: '198.51.100.0/24', data: countryRecord('FI') }],
        }),
      );
      for (let i = 0; i < 100 && geo.lookup('198.51.100.1')?.country !== 'FI'; i++) await sleep(20);
      expect(geo.lookup('198.51.100.1')?.country).toBe('FI');
      expect(geo.databases.map((d) => d.type)).toEqual(['DBIP-Country-Lite']);
    } finally {
      geo.stop();
    }
  });
});
