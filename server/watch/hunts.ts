/** @module Saved hunts, shared by the team: stored with their author (audited), and run against what is held now. */
import { randomUUID } from 'node:crypto';
import type { Alert } from '../../shared/schemas/alert.js';
import type { HostScore } from '../../shared/schemas/score.js';
import { type Hunt, type HuntResults, huntSchema, type NewHunt } from '../../shared/schemas/watch.js';
import type { AuditLog } from '../alerts/audit.js';
import type { Actor } from '../alerts/state-machine.js';
import { conflict, notFound } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { alertMatches, eventMatches, hostMatches, huntRange } from './hunt-match.js';

/** At most this many of each kind of result are listed (all are counted). */
export const HUNT_LIMIT = 100;
/** At most this many saved hunts. */
export const MAX_HUNTS = 200;

/** What a hunt runs over: the alerts since a time, the scored hosts, a host's recent events. */
export interface HuntSources {
  alerts(since: number): Promise<Alert[]>;
  hosts(): HostScore[];
  recent(ip: string): Record<string, unknown>[];
}

export class HuntStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<Hunt[]> {
    const all = await this.redis.hgetall(this.keys.hunts);
    return Object.values(all)
      .flatMap((json) => {
        try {
          const parsed = huntSchema.safeParse(JSON.parse(json));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      })
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  async get(id: string): Promise<Hunt> {
    const hunt = (await this.list()).find((h) => h.id === id);
    if (!hunt) throw notFound(`no hunt ${id}`, { key: 'watch.no_hunt', params: { id } });
    return hunt;
  }

  async create(input: NewHunt, actor: Actor, now = Date.now()): Promise<Hunt> {
    if ((await this.redis.hlen(this.keys.hunts)) >= MAX_HUNTS)
      throw conflict(`at most ${MAX_HUNTS} saved hunts: remove one first`, {
        key: 'watch.too_many_hunts',
        params: { max: MAX_HUNTS },
      });
    const hunt: Hunt = {
      id: `H${randomUUID().slice(0, 8)}`,
      name: input.name.trim(),
      filters: input.filters,
      author: actor.name,
      createdAt: now,
    };
    await this.redis.hset(this.keys.hunts, hunt.id, JSON.stringify(hunt));
    await this.audit.append({
      at: now,
      actor: actor.name,
      role: actor.role,
      action: 'hunt.create',
      note: hunt.name,
      detail: JSON.stringify({ id: hunt.id, filters: hunt.filters }),
    });
    return hunt;
  }

  async remove(id: string, actor: Actor, now = Date.now()): Promise<void> {
    if (!(await this.redis.hdel(this.keys.hunts, id)))
      throw notFound(`no hunt ${id}`, { key: 'watch.no_hunt', params: { id } });
    await this.audit.append({
      at: now,
      actor: actor.name,
      role: actor.role,
      action: 'hunt.delete',
      detail: JSON.stringify({ id }),
    });
  }
}

/** Runs a hunt: the alerts, hosts and (matched hosts') recent events it finds, strongest or newest first. */
export async function runHunt(hunt: Hunt, src: HuntSources, now: number): Promise<Omit<HuntResults, 'hunt'>> {
  const f = hunt.filters;
  const range = huntRange(f, now);
  const alerts = (await src.alerts(range.from))
    .filter((a) => alertMatches(a, f, range))
    .sort((a, b) => b.peakScore - a.peakScore);
  const hosts = src
    .hosts()
    .filter((h) => hostMatches(h, f, range))
    .sort((a, b) => b.score - a.score);
  const events = hosts
    .flatMap((h) => src.recent(h.ip))
    .filter((e) => eventMatches(e, f, range))
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  return {
    from: range.from,
    to: range.to,
    alerts: alerts.slice(0, HUNT_LIMIT),
    hosts: hosts.slice(0, HUNT_LIMIT),
    events: events.slice(0, HUNT_LIMIT),
    counts: { alerts: alerts.length, hosts: hosts.length, events: events.length },
  };
}

/** A saved hunt with how much it finds now. */
export type CountedHunt = Hunt & { counts: HuntResults['counts'] };

/**
 * The saved hunts with their counts, for the list: every hunt runs over one read of the alerts (since the earliest
 * hunt's start) and one of the hosts, and the same list is answered from memory for `ttlMs`. Each hunt read the
 * alerts anew: 200 hunts took 2–3 s a request, and every overview asks every 15 s.
 */
export class HuntCounts {
  private last: { key: string; at: number; value: Promise<CountedHunt[]> } | null = null;

  constructor(
    private readonly src: HuntSources,
    private readonly ttlMs = 5_000,
  ) {}

  list(hunts: readonly Hunt[], now: number): Promise<CountedHunt[]> {
    const key = JSON.stringify(hunts);
    if (this.last && this.last.key === key && now - this.last.at < this.ttlMs) return this.last.value;
    const value = this.count(hunts, now);
    const entry = { key, at: now, value };
    this.last = entry;
    value.catch(() => {
      if (this.last === entry) this.last = null;
    });
    return value;
  }

  private async count(hunts: readonly Hunt[], now: number): Promise<CountedHunt[]> {
    if (hunts.length === 0) return [];
    const since = Math.min(...hunts.map((h) => huntRange(h.filters, now).from));
    // the newest resolved since the earliest start hold the newest since any later one: filtering them gives each
    // hunt what its own read gave
    const alerts = await this.src.alerts(since);
    const hosts = this.src.hosts();
    const once: HuntSources = {
      alerts: async (from) => alerts.filter((a) => a.state !== 'resolved' || (a.resolvedAt ?? 0) >= from),
      hosts: () => hosts,
      recent: (ip) => this.src.recent(ip),
    };
    return Promise.all(hunts.map(async (h) => ({ ...h, counts: (await runHunt(h, once, now)).counts })));
  }
}
