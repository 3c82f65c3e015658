/**
 * @module Reads the MaxMind-format databases named by `WF_GEOIP_DB` and `WF_ASN_DB` into a {@link GeoLookup}, once
 * at start-up (no network: the files are the operator's). A file that cannot be read or is not a MaxMind DB stops
 * start-up with a message naming its variable.
 */
import { readFileSync } from 'node:fs';
import { Reader } from 'mmdb-lib';
import { GeoLookup } from './geo-lookup.js';

export class GeoDatabaseError extends Error {
  override name = 'GeoDatabaseError';
}

export interface GeoFiles {
  /** Path of a country or city database (`WF_GEOIP_DB`). */
  country: string | null;
  /** Path of an autonomous-system database (`WF_ASN_DB`). */
  asn: string | null;
}

function readDatabase(variable: string, path: string): Buffer {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw new GeoDatabaseError(`${variable}: cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    new Reader(buf);
  } catch (err) {
    throw new GeoDatabaseError(`${variable}: ${path} is not a MaxMind DB file (${(err as Error).message})`);
  }
  return buf;
}

/** The lookup over the configured databases; null when neither is configured. */
export function loadGeoDatabases(files: GeoFiles): GeoLookup | null {
  if (!files.country && !files.asn) return null;
  const country = files.country ? readDatabase('WF_GEOIP_DB', files.country) : undefined;
  const asn = files.asn ? readDatabase('WF_ASN_DB', files.asn) : undefined;
  return new GeoLookup({ country, asn });
}
