/**
 * @module The watchlist: hosts, CIDR ranges and domains a lead put under watch, with a reason and an expiry (audited).
 * Its entries alert at the settings' lower `watchRaise` (through the one alert rule) and are marked on every screen.
 */
import { randomUUID } from 'node:crypto';
import {
  type NewWatchEntry,
  type WatchEntry,
  type WatchIndex,
  type WatchKind,
  type WatchSubject,
  watchEntrySchema,
  watchIndex,
  watchValue,
} from '../../shared/schemas/watch.js';
import type { AuditLog } from '../alerts/audit.js';
import type { Actor } from '../alerts/state-machine.js';
import { conflict, notFound } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { withLock } from '../redis/lock.js';

/** How long the alert rule's view of the watchlist may be old, ms. */
const CACHE_MS = 5_000;

export class WatchlistStore {
  private index: WatchIndex = watchIndex([], 0);
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly audit: AuditLog,
  ) {}

  /** Live entries, newest first; expired ones are removed as they are found. */
  async list(now = Date.now()): Promise<WatchEntry[]> {
    const all = await this.redis.hgetall(this.keys.watchlist);
    const live: WatchEntry[] = [];
    const expired: string[] = [];
    for (const [id, json] of Object.entries(all)) {
      const parsed = watchEntrySchema.safeParse(safeJson(json));
      if (!parsed.success || parsed.data.expiresAt <= now) expired.push(id);
      else live.push(parsed.data);
    }
    if (expired.length) await this.redis.hdel(this.keys.watchlist, ...expired);
    this.index = watchIndex(live, now);
    this.loadedAt = now;
    return live.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Puts a value under watch (the router validated the body); audited. */
  add(input: NewWatchEntry, actor: Actor, now = Date.now()): Promise<WatchEntry> {
    return withLock(this.redis, this.keys.watchlistLock, () => this.addAlone(input, actor, now), {
      message: 'another watchlist change is under way; try again',
      key: 'watch.busy',
    });
  }

  private async addAlone(input: NewWatchEntry, actor: Actor, now: number): Promise<WatchEntry> {
    const value = watchValue(input.kind, input.value)!;
    // one entry per value: a second would only split its reason and expiry in two
    const same = (await this.list(now)).find((e) => e.kind === input.kind && e.value === value);
    if (same)
      throw conflict(`${value} is already on the watchlist (${same.id})`, {
        key: 'watch.exists',
        params: { value, id: same.id },
      });
    const entry: WatchEntry = {
      id: `W${randomUUID().slice(0, 8)}`,
      kind: input.kind,
      value,
      reason: input.reason.trim(),
      expiresAt: now + input.expiresInHours * 3_600_000,
      author: actor.name,
      createdAt: now,
    };
    await this.redis.hset(this.keys.watchlist, entry.id, JSON.stringify(entry));
    await this.audit.append({
      at: now,
      actor: actor.name,
      role: actor.role,
      action: 'watchlist.add',
      note: entry.reason,
      detail: JSON.stringify({
        id: entry.id,
        kind: entry.kind,
        value: entry.value,
        expiresAt: entry.expiresAt,
      }),
    });
    this.loadedAt = 0;
    return entry;
  }

  async remove(id: string, actor: Actor, now = Date.now()): Promise<void> {
    const json = await this.redis.hget(this.keys.watchlist, id);
    if (!json || !(await this.redis.hdel(this.keys.watchlist, id)))
      throw notFound(`no watchlist entry ${id}`, { key: 'watch.no_entry', params: { id } });
    const entry = watchEntrySchema.safeParse(safeJson(json));
    await this.audit.append({
      at: now,
      actor: actor.name,
      role: actor.role,
      action: 'watchlist.remove',
      detail: JSON.stringify(entry.success ? { id, kind: entry.data.kind, value: entry.data.value } : { id }),
    });
    this.loadedAt = 0;
  }

  /**
   * Whether a subject is watched, from a copy at most a few seconds old (refreshed in the background, so the alert
   * engine's tick never waits for Redis; a failed refresh keeps the copy and tries again).
   */
  watches(s: WatchSubject, now = Date.now()): boolean {
    return this.kindOf(s, now) !== null;
  }

  /** The kind of the entry a subject matches (address, range, domain), or null; from the same copy as `watches`. */
  kindOf(s: WatchSubject, now = Date.now()): WatchKind | null {
    if (now - this.loadedAt > CACHE_MS && !this.loading) {
      this.loading = this.list(now)
        .then(() => undefined)
        .catch(() => {
          this.loadedAt = now;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    return this.index.kindOf(s);
  }

  /**
   * Whether a host is watched, and how: its address is an entry, falls in a range, or its recent events reached a
   * watched domain (read only while a domain is listed). The one answer the alert rule's lower threshold and every
   * screen's mark (frames' `watched`, the wall's included) are given.
   */
  hostWatch(ip: string, recent: () => readonly Record<string, unknown>[]): WatchKind | null {
    return this.kindOf({ ip, domains: this.hasDomains ? recent().flatMap(eventNames) : [] });
  }

  /** Whether a live entry is a domain (only then are a host's names worth reading). */
  get hasDomains(): boolean {
    return this.index.hasDomains;
  }

  /** Loads the copy the alert rule reads (at start, so the first ticks see the watchlist). */
  async load(): Promise<void> {
    await this.list();
  }
}

/** The names an event reached (DNS query, TLS server name, HTTP host): what a domain entry is matched against. */
export function eventNames(e: Record<string, unknown>): string[] {
  return [e.query, e.tls_sni, e.http_host].filter((v): v is string => typeof v === 'string' && v.length > 0);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
