/**
 * @module Reads the MaxMind-format databases named by `WF_GEOIP_DB` and `WF_ASN_DB` (no network: the files are the
 * operator's) and reads them again when a file changes (its modification time or size, checked every
 * `WF_GEO_CHECK_S` and on the admin's reload): the new lookup replaces the old in one assignment. At start a file
 * that cannot be read or is not a MaxMind DB stops start-up with a message naming its variable; later, it keeps the
 * database that was loaded, says why on the admin page and raises a system alert until a good file is in place.
 */
import { readFileSync, statSync } from 'node:fs';
import { Reader } from 'mmdb-lib';
import { OWN_REASONS } from '../../shared/schemas/alert.js';
import type { Geo } from '../../shared/schemas/geo.js';
import type { GeoDatabaseStatus } from '../../shared/schemas/intel.js';
import type { Observation } from '../alerts/raise-tracker.js';
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

type Role = 'country' | 'asn';
const VARIABLE: Record<Role, GeoDatabaseStatus['variable']> = { country: 'WF_GEOIP_DB', asn: 'WF_ASN_DB' };

/** What identifies one version of a file: its modification time and size. */
const versionOf = (path: string): string => {
  const st = statSync(path);
  return `${st.mtimeMs}:${st.size}`;
};

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

interface Loaded {
  path: string;
  /** The version last tried (loaded or failed), so a bad file is reported once, not at every check. */
  tried: string;
  buffer: Buffer;
  status: GeoDatabaseStatus;
}

export interface GeoDatabasesOptions {
  /** Told of each reload that replaced a database, and of each failure (the previous database is kept). */
  onReloaded?: (status: GeoDatabaseStatus[]) => void;
  onError?: (variable: string, message: string) => void;
  now?: () => number;
}

/** The configured databases, as one lookup that a changed file replaces. */
export class GeoDatabases {
  private current: GeoLookup;
  private readonly loaded: Partial<Record<Role, Loaded>> = {};
  private timer: NodeJS.Timeout | null = null;

  /** Throws {@link GeoDatabaseError} when a configured file cannot be read or is not a MaxMind DB. */
  constructor(
    files: GeoFiles,
    private readonly o: GeoDatabasesOptions = {},
  ) {
    const now = (o.now ?? Date.now)();
    for (const role of ['country', 'asn'] as const) {
      const path = files[role];
      if (!path) continue;
      const tried = safeVersion(path);
      const buffer = readDatabase(VARIABLE[role], path);
      this.loaded[role] = {
        path,
        tried,
        buffer,
        status: { variable: VARIABLE[role], path, state: 'ok', loadedAt: now },
      };
    }
    this.current = this.build();
  }

  /** Country and AS of an address, from the databases loaded now (see {@link GeoLookup.lookup}). */
  lookup(ip: string): Geo | null {
    return this.current.lookup(ip);
  }

  /** What is loaded (type, build date, size of each database). */
  get databases() {
    return this.current.databases;
  }

  /** The lookup in use now (a reload replaces it). */
  get lookupNow(): GeoLookup {
    return this.current;
  }

  /** Reads a database again when its file changed; keeps the loaded one when the new file does not open. */
  check(): GeoDatabaseStatus[] {
    const now = (this.o.now ?? Date.now)();
    let changed = false;
    for (const role of ['country', 'asn'] as const) {
      const db = this.loaded[role];
      if (!db) continue;
      const version = safeVersion(db.path);
      if (version === db.tried) continue;
      db.tried = version;
      db.status.attemptedAt = now;
      try {
        db.buffer = readDatabase(VARIABLE[role], db.path);
        db.status = { ...db.status, state: 'ok', error: undefined, loadedAt: now };
        changed = true;
      } catch (err) {
        const message = (err as Error).message.slice(0, 400);
        db.status = { ...db.status, state: 'error', error: message };
        this.o.onError?.(VARIABLE[role], message);
      }
    }
    if (changed) {
      this.current = this.build();
      this.o.onReloaded?.(this.status());
    }
    return this.status();
  }

  /** Checks the files every `everyMs`. */
  start(everyMs: number): this {
    this.timer ??= setInterval(() => this.check(), everyMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Each configured database: its file, whether its last read worked, what is loaded. */
  status(): GeoDatabaseStatus[] {
    const info = new Map(this.current.databases.map((d) => [d.role, d]));
    return (['country', 'asn'] as const).flatMap((role) => {
      const db = this.loaded[role];
      if (!db) return [];
      const d = info.get(role);
      return [{ ...db.status, ...(d ? { type: d.type, builtAt: d.builtAt } : {}) }];
    });
  }

  /** System alert evidence: one entity per database whose new file failed to open (as the intel feeds'). */
  observations(at: number): Observation[] {
    return this.status()
      .filter((s) => s.state === 'error')
      .map((s) => ({
        entityType: 'system' as const,
        entityId: `geo-db:${s.variable}`,
        segment: 'watchfloor',
        score: 70,
        at,
        reasons: [
          {
            detector: OWN_REASONS.geo,
            feature: `database_failed: ${s.error ?? ''}`.slice(0, 300),
            observed: 1,
            expected: 0,
            contribution: 70,
            attack: [],
          },
        ],
      }));
  }

  private build(): GeoLookup {
    return new GeoLookup({ country: this.loaded.country?.buffer, asn: this.loaded.asn?.buffer });
  }
}

/** The file's version, or a marker that it cannot be read now (a later read says why). */
function safeVersion(path: string): string {
  try {
    return versionOf(path);
  } catch (err) {
    return `unreadable:${(err as Error).message}`;
  }
}

/** The databases configured, loaded; null when neither is configured. */
export function loadGeoDatabases(files: GeoFiles, o: GeoDatabasesOptions = {}): GeoDatabases | null {
  if (!files.country && !files.asn) return null;
  return new GeoDatabases(files, o);
}
