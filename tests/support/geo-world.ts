/**
 * @module A small world for tests: a country and an AS database (MaxMind format, written by ./mmdb-writer.ts) placing
 * the documentation ranges, written to a folder as `country.mmdb` and `asn.mmdb` (what WF_GEOIP_DB and WF_ASN_DB name).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asnRecord, countryRecord, type MmdbNetwork, writeMmdb } from './mmdb-writer.js';

/** Where each documentation range is: the usual partner (EE), a hosting AS abroad (KP), a transit (BR), IPv6 (DE). */
export const WORLD = [
  { cidr: '198.51.100.0/24', country: 'EE', asn: 3249, org: 'Telia Eesti AS' },
  { cidr: '203.0.113.0/24', country: 'KP', asn: 64500, org: 'Example Bulletproof Hosting' },
  { cidr: '192.0.2.0/25', country: 'BR', asn: 64501, org: 'Example Transit' },
  // the same country as the first range, another AS: new as an AS only
  { cidr: '192.0.2.128/25', country: 'EE', asn: 64502, org: 'Example Eesti Cloud' },
  { cidr: '2001:db8::/32', country: 'DE', asn: 64503, org: 'Example IPv6 Carrier' },
] as const;

export function worldDatabases(): { country: Buffer; asn: Buffer } {
  const country: MmdbNetwork[] = WORLD.map((w) => ({ cidr: w.cidr, data: countryRecord(w.country) }));
  const asn: MmdbNetwork[] = WORLD.map((w) => ({ cidr: w.cidr, data: asnRecord(w.asn, w.org) }));
  return {
    country: writeMmdb({ databaseType: 'GeoLite2-Country', networks: country }),
    asn: writeMmdb({ databaseType: 'GeoLite2-ASN', networks: asn }),
  };
}

/** Writes the two databases into `dir`; returns their paths. */
export function writeWorldDatabases(dir: string): { country: string; asn: string } {
  const dbs = worldDatabases();
  const paths = { country: join(dir, 'country.mmdb'), asn: join(dir, 'asn.mmdb') };
  writeFileSync(paths.country, dbs.country);
  writeFileSync(paths.asn, dbs.asn);
  return paths;
}
