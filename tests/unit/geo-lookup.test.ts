import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GeoDatabaseError, loadGeoDatabases } from '../../server/geo/geo-databases.js';
import { GeoLookup } from '../../server/geo/geo-lookup.js';
import { peerOfFeature, placeEvent, placeReasons } from '../../server/scoring/geo-places.js';
import { geoSchema } from '../../shared/schemas/geo.js';
import type { Reason } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { worldDatabases, writeWorldDatabases } from '../support/geo-world.js';
import { countryRecord, writeMmdb } from '../support/mmdb-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'wf-geo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('geo lookup over MaxMind-format databases', () => {
  const geo = new GeoLookup(worldDatabases());

  it('places IPv4 and IPv6 addresses by country and AS, each answer a valid wire shape', () => {
    expect(geo.lookup('203.0.113.9')).toEqual({
      country: 'KP',
      asn: 64500,
      org: 'Example Bulletproof Hosting',
    });
    expect(geo.lookup('198.51.100.200')).toEqual({ country: 'EE', asn: 3249, org: 'Telia Eesti AS' });
    expect(geo.lookup('192.0.2.130')).toEqual({ country: 'EE', asn: 64502, org: 'Example Eesti Cloud' });
    expect(geo.lookup('2001:db8:1::5')).toEqual({ country: 'DE', asn: 64503, org: 'Example IPv6 Carrier' });
    for (const ip of ['203.0.113.9', '2001:db8:1::5']) expect(geoSchema.parse(geo.lookup(ip))).toBeTruthy();
  });

  it('answers null for local addresses (never looked up) and addresses the databases do not know', () => {
    for (const ip of ['10.1.2.3', '192.168.0.1', '172.16.5.5', 'fe80::1', '127.0.0.1', '8.8.8.8', '2a00::1'])
      expect(geo.lookup(ip)).toBeNull();
  });

  it('caches answers: the second lookup of an address is a hit, and a full cache still answers the same', () => {
    const small = new GeoLookup({ ...worldDatabases(), cacheSize: 4 });
    const first = small.lookup('203.0.113.9');
    expect(small.lookup('203.0.113.9')).toBe(first);
    expect([small.hits, small.misses]).toEqual([1, 1]);
    for (let i = 1; i < 50; i++) small.lookup(`203.0.113.${i}`);
    expect(small.lookup('203.0.113.9')).toEqual(first);
  });

  it('reads the country of a more specific network inside a broader one', () => {
    const db = writeMmdb({
      databaseType: 'GeoLite2-Country',
      networks: [
        { cidr: '0.0.0.0/1', data: countryRecord('US') },
        { cidr: '100.128.0.0/9', data: countryRecord('fr') },
        { cidr: '100.200.1.0/24', data: { registered_country: { iso_code: 'NL' } } },
      ],
    });
    const g = new GeoLookup({ country: db });
    expect(g.lookup('1.2.3.4')).toEqual({ country: 'US' });
    expect(g.lookup('100.130.0.1')).toEqual({ country: 'FR' });
    expect(g.lookup('100.200.1.1')).toEqual({ country: 'NL' });
    expect(g.lookup('200.1.1.1')).toBeNull();
  });

  it('reads the other published layouts: ip-location-db `country_code`, IPinfo `country`/`asn`/`as_name`', () => {
    const ipl = writeMmdb({
      databaseType: 'country',
      networks: [{ cidr: '1.0.0.0/8', data: { country_code: 'AU' } }],
    });
    expect(new GeoLookup({ country: ipl }).lookup('1.1.1.1')).toEqual({ country: 'AU' });
    const ipinfo = writeMmdb({
      databaseType: 'ipinfo country_asn.mmdb',
      networks: [{ cidr: '9.9.9.0/24', data: { country: 'CH', asn: 'AS19281', as_name: 'Quad9' } }],
    });
    expect(new GeoLookup({ country: ipinfo }).lookup('9.9.9.9')).toEqual({
      country: 'CH',
      asn: 19281,
      org: 'Quad9',
    });
  });

  it('ignores values that are not a country code or an AS number, and cuts long names', () => {
    const db = writeMmdb({
      databaseType: 'odd',
      networks: [
        { cidr: '5.0.0.0/8', data: { country: { iso_code: '<b>' }, autonomous_system_number: 'x' } },
        {
          cidr: '6.0.0.0/8',
          data: { autonomous_system_number: 7, autonomous_system_organization: 'o'.repeat(500) },
        },
      ],
    });
    const g = new GeoLookup({ country: db });
    expect(g.lookup('5.1.1.1')).toBeNull();
    expect(g.lookup('6.1.1.1')).toEqual({ asn: 7, org: 'o'.repeat(128) });
  });

  it('loads the files WF_GEOIP_DB and WF_ASN_DB name, and says which variable is wrong', () => {
    const paths = writeWorldDatabases(dir);
    const loaded = loadGeoDatabases(paths);
    expect(loaded?.lookup('203.0.113.1')?.country).toBe('KP');
    expect(loaded?.databases.map((d) => [d.role, d.type])).toEqual([
      ['country', 'GeoLite2-Country'],
      ['asn', 'GeoLite2-ASN'],
    ]);
    expect(loadGeoDatabases({ country: null, asn: null })).toBeNull();
    expect(() => loadGeoDatabases({ country: join(dir, 'missing.mmdb'), asn: null })).toThrow(
      /WF_GEOIP_DB: cannot read .*missing\.mmdb/,
    );
    const junk = join(dir, 'junk.mmdb');
    writeFileSync(junk, 'this is no database');
    expect(() => loadGeoDatabases({ country: null, asn: junk })).toThrow(GeoDatabaseError);
    expect(() => loadGeoDatabases({ country: null, asn: junk })).toThrow(/WF_ASN_DB: .* is not a MaxMind DB/);
  });
});

describe('placing events and reasons', () => {
  const geo = new GeoLookup(worldDatabases());

  it('gives a copy of an event the place of its external source and destination, never of a local one', () => {
    const read: NormalizedEvent = {
      ts: 1,
      sensor: 's',
      kind: 'flow',
      segment: 'x',
      src_ip: '10.0.0.5',
      dst_ip: '203.0.113.7',
    };
    const ev = placeEvent(read, geo);
    expect(read.dst_geo).toBeUndefined();
    expect(ev.dst_geo?.country).toBe('KP');
    expect(ev.src_geo).toBeUndefined();
    const inboundRead: NormalizedEvent = {
      ts: 1,
      sensor: 's',
      kind: 'ids',
      segment: 'x',
      src_ip: '2001:db8::9',
      dst_ip: '10.0.0.5',
    };
    const inbound = placeEvent(inboundRead, geo);
    expect([inbound.src_geo?.country, inbound.dst_geo]).toEqual(['DE', undefined]);
  });

  it('finds the address a feature names as its last word, port or not', () => {
    expect(peerOfFeature('beacon_score 203.0.113.7:443')).toBe('203.0.113.7');
    expect(peerOfFeature('indicator 198.51.100.9')).toBe('198.51.100.9');
    expect(peerOfFeature('beacon_score [2001:db8::1]:8443')).toBe('2001:db8::1');
    expect(peerOfFeature('indicator evil.example')).toBeNull();
    expect(peerOfFeature('distinct_ports_10s')).toBeNull();
  });

  it('places the reasons that name an external address, and leaves the others and placed ones alone', () => {
    const r = (feature: string): Reason => ({
      detector: 'beacon',
      feature,
      observed: 1,
      expected: 0,
      contribution: 30,
    });
    const reasons = [
      r('beacon_score 203.0.113.7:443'),
      r('beacon_score 10.0.0.9:443'),
      r('distinct_ports_10s'),
    ];
    reasons.push({ ...r('first_contact country=BR'), geo: { country: 'BR' } });
    placeReasons(reasons, geo);
    expect(reasons[0]!.geo).toEqual({
      ip: '203.0.113.7',
      country: 'KP',
      asn: 64500,
      org: 'Example Bulletproof Hosting',
    });
    expect([reasons[1]!.geo, reasons[2]!.geo, reasons[3]!.geo]).toEqual([
      undefined,
      undefined,
      { country: 'BR' },
    ]);
  });
});
