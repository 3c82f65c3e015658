/**
 * @module The simulated network's world for `npm run eval` and `npm run bench`: a country and an AS database (MaxMind
 * format, written with tests/support/mmdb-writer.ts) placing the simulator's external services, public resolvers and
 * hostile hosting, plus `filler` random networks so that the search tree is as deep as a real database's.
 */
import { GeoLookup } from '../server/geo/geo-lookup.js';
import { EXTERNAL_SERVICES, HOSTILE_ADDRESSES, UPSTREAM_RESOLVERS } from '../server/simulate/catalog.js';
import { mulberry32 } from '../server/simulate/random.js';
import { asnRecord, countryRecord, type MmdbNetwork, writeMmdb } from '../tests/support/mmdb-writer.js';

/** Operators of the simulator's external addresses, by /16 (country, AS, organisation). */
const OPERATORS: Record<string, readonly [string, number, string]> = {
  '13.107': ['US', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  '20.190': ['US', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  '20.109': ['US', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  '52.113': ['US', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  '23.50': ['NL', 20940, 'Akamai International B.V.'],
  '23.215': ['NL', 20940, 'Akamai International B.V.'],
  '142.250': ['US', 15169, 'GOOGLE'],
  '151.101': ['US', 54113, 'FASTLY'],
  '199.232': ['US', 54113, 'FASTLY'],
  '104.16': ['US', 13335, 'CLOUDFLARENET'],
  '1.1': ['US', 13335, 'CLOUDFLARENET'],
  '140.82': ['US', 36459, 'GITHUB'],
  '185.199': ['US', 54113, 'FASTLY'],
  '72.21': ['US', 15133, 'EDGECAST'],
  '17.253': ['US', 714, 'APPLE-ENGINEERING'],
  '91.189': ['GB', 41231, 'Canonical Group Limited'],
  '13.33': ['US', 16509, 'AMAZON-02'],
  '157.240': ['IE', 32934, 'FACEBOOK'],
  '9.9': ['CH', 19281, 'QUAD9-AS-1'],
  '149.112': ['CH', 19281, 'QUAD9-AS-1'],
};
/** Where the scenarios' hostile infrastructure is hosted (documentation ranges). */
const HOSTILE: Record<string, readonly [string, number, string]> = {
  '203.0.113': ['SC', 64500, 'Example Offshore Hosting'],
  '198.51.100': ['PA', 64501, 'Example Bulletproof VPS'],
  '192.0.2': ['BZ', 64502, 'Example Anonymous Servers'],
};

/** The two databases; `filler` random /24s (documentation and private ranges left alone) deepen the tree. */
export function simulatedWorld(filler = 0): { country: Buffer; asn: Buffer } {
  const country: MmdbNetwork[] = [];
  const asn: MmdbNetwork[] = [];
  const add = (cidr: string, [cc, n, org]: readonly [string, number, string]) => {
    country.push({ cidr, data: countryRecord(cc) });
    asn.push({ cidr, data: asnRecord(n, org) });
  };
  const rng = mulberry32(21);
  const codes = ['DE', 'FR', 'PL', 'LT', 'LV', 'FI', 'SE', 'JP', 'BR', 'IN', 'ZA', 'CA'];
  for (let i = 0; i < filler; i++) {
    const a = 1 + Math.floor(rng() * 222);
    if (a === 10 || a === 127 || a === 100 || a === 172 || a === 192 || a === 198 || a === 203) continue;
    const cidr = `${a}.${Math.floor(rng() * 256)}.${Math.floor(rng() * 256)}.0/24`;
    add(cidr, [codes[i % codes.length]!, 65_000 + (i % 4000), `Filler network ${i % 4000}`]);
  }
  const addresses = [...EXTERNAL_SERVICES.map((e) => e[0]), ...UPSTREAM_RESOLVERS];
  for (const ip of addresses) {
    const parts = ip.split('.');
    const op = OPERATORS[`${parts[0]}.${parts[1]}`];
    if (op) add(`${parts.slice(0, 3).join('.')}.0/24`, op);
  }
  for (const ip of HOSTILE_ADDRESSES) {
    const net = ip.split('.').slice(0, 3).join('.');
    const host = HOSTILE[net];
    if (host) add(`${net}.0/24`, host);
  }
  return {
    country: writeMmdb({ databaseType: 'Watchfloor-Simulated-Country', networks: country }),
    asn: writeMmdb({ databaseType: 'Watchfloor-Simulated-ASN', networks: asn }),
  };
}

/** The lookup over the simulated world. */
export function simulatedGeo(filler = 0): GeoLookup {
  return new GeoLookup(simulatedWorld(filler));
}
