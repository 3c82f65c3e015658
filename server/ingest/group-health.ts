/**
 * @module The consumer group's lag, pending entries and entries lost to producer trimming, without trusting Redis's
 * `entries-read`. In Redis 7.0 that counter counts reads, not positions: after the group reads past entries that
 * trimming removed unread, Redis's lag stays too high by their number for good; and after a restart from AOF it comes
 * back as it was at the last AOF rewrite (reads are replayed as XCLAIMs, which do not carry it). So:
 * - lag: 0 when the group has read the stream's last entry; the stream's length when trimming has overtaken the
 *   group; otherwise the entries after the group's last-delivered id, counted by a read-only script (up to a cap).
 * - lost to trimming: the group's position (entries ever added up to its last-delivered id) minus the entries it
 *   really read, which Watchfloor counts itself (`acked`, written in the MULTI that acknowledges them, plus pending).
 *   The position is known whenever the lag is; the loss is kept in Redis, so a trim while Watchfloor was down is
 *   found and reported when it starts again. (On a Redis Cluster only from readings that fit together: see `read`.)
 */
import type { InputSource } from '../config.js';
import type { Logger } from '../logger.js';
import { isCluster, type Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';

export interface GroupHealth {
  lag: number;
  pending: number;
  /** Entries the producers' trimming removed before the group read them, since Watchfloor watched the streams. */
  lostToTrim: number;
  /** Losses found since the previous sample (or while Watchfloor was down), by stream. */
  newlyLost: { source: string; entries: number }[];
}

export interface GroupMonitorOptions {
  redis: Redis;
  keys: Keys;
  sources: readonly InputSource[];
  group: string;
  logger: Logger;
  /**
   * Most entries counted for a lag each sample (the count runs inside Redis). Above it the lag is Redis's own figure,
   * and the loss is worked out once the lag is below it again.
   */
  countCap: number;
}

export class GroupMonitor {
  private readonly lags = new Map<string, number>();
  private readonly lost = new Map<string, number>();
  private readonly warned = new Set<string>();

  constructor(private readonly o: GroupMonitorOptions) {}

  /** The lag last seen on a stream (what it held unread), 0 before the first sample. */
  lastLag(source: string): number {
    return this.lags.get(source) ?? 0;
  }

  /**
   * The stream's and the group's XINFO with the kept state, and whether they fit together. One snapshot on one Redis:
   * the acknowledgement and its `acked` count move together, so they are read together. On a Redis Cluster they are in
   * different slots; an entry is counted (and marked) before it is acknowledged, then unmarked. The reading fits when
   * no entry was marked before it and the count did not move during it: then no acknowledgement happened in between,
   * and the count is exactly the entries acknowledged. Otherwise the loss is left for the next sample (a reading across
   * a change would lower the baseline and later report a loss that is not one).
   */
  private async read(
    key: string,
    state: string,
  ): Promise<{ res: [Error | null, unknown][] | null; fits: boolean }> {
    const { redis } = this.o;
    const xinfo = () => redis.multi().call('XINFO', 'STREAM', key).call('XINFO', 'GROUPS', key);
    if (!isCluster(redis)) return { res: await xinfo().hgetall(state).exec(), fits: true };
    const marks = this.o.keys.ingestRecorded(this.o.group, key);
    const before = await redis.multi().hget(state, 'acked').hlen(marks).exec();
    const info = await xinfo().exec();
    const kept = await redis.hgetall(state);
    if (!info) return { res: null, fits: false };
    const fits = Number(before?.[1]?.[1] ?? 0) === 0 && (before?.[0]?.[1] ?? undefined) === kept.acked;
    return { res: [...info, [null, kept]], fits };
  }

  async sample(): Promise<GroupHealth> {
    const out: GroupHealth = { lag: 0, pending: 0, lostToTrim: 0, newlyLost: [] };
    for (const s of this.o.sources) {
      const state = this.o.keys.ingestState(this.o.group, s.key);
      const { res, fits } = await this.read(s.key, state);
      if (!res || res[0]![0] || res[1]![0]) continue; // stream not created yet
      const stream = toRecord(res[0]![1]);
      const info = (res[1]![1] as unknown[]).map(toRecord).find((g) => g.name === this.o.group);
      if (!info) continue;
      const kept = (res[2]![1] ?? {}) as Record<string, string>;
      const pending = Number(info.pending ?? 0);
      const { lag, position } = await this.position(s.key, stream, info);
      this.lags.set(s.key, lag);
      out.lag += lag;
      out.pending += pending;
      this.compareWithRedis(s.key, info, lag);
      const raw = position === null || !fits ? null : position - (Number(kept.acked ?? 0) + pending);
      // a negative figure is a reading taken across a change (it cannot be a loss): skipped
      if (raw !== null && raw >= 0) {
        // first look: a group that never read counts every loss; otherwise what was lost before is not news
        const first = info['last-delivered-id'] === '0-0' ? 0 : raw;
        const base = kept.base === undefined ? first : Math.min(raw, Number(kept.base));
        const seen = kept.lostSeen === undefined ? raw : Math.max(base, Number(kept.lostSeen));
        if (raw > seen) out.newlyLost.push({ source: s.key, entries: raw - seen });
        if (String(base) !== kept.base || String(Math.max(raw, base)) !== kept.lostSeen)
          await this.o.redis
            .hset(state, { base: String(base), lostSeen: String(Math.max(raw, base)) })
            .catch(() => {});
        this.lost.set(s.key, Math.max(raw, base) - base);
      }
      out.lostToTrim += this.lost.get(s.key) ?? 0;
    }
    return out;
  }

  /** The lag, and the group's position among every entry ever added (null when the lag had to be capped). */
  private async position(
    key: string,
    stream: Record<string, unknown>,
    info: Record<string, unknown>,
  ): Promise<{ lag: number; position: number | null }> {
    const added = Number(stream['entries-added'] ?? 0);
    const length = Number(stream.length ?? 0);
    const delivered = String(info['last-delivered-id'] ?? '0-0');
    const lastGenerated = String(stream['last-generated-id'] ?? '0-0');
    if (delivered === lastGenerated) return { lag: 0, position: added };
    const first = Array.isArray(stream['first-entry']) ? String(stream['first-entry'][0]) : null;
    if (first === null || compareIds(delivered, first) < 0) return { lag: length, position: added - length };
    // up to the snapshot's last entry: entries added since are not in its `entries-added`
    const lag = Number(
      await runScript(this.o.redis, 'streamCountAfter', [key], [delivered, lastGenerated, this.o.countCap]),
    );
    if (lag < this.o.countCap) return { lag, position: added - lag };
    // too many to count each second (the script would hold Redis): Redis's own lag, never below what was counted
    // (it can only be too high: its entries-read is short after an AOF reload or a trim past the group)
    const redisLag = info.lag === null || info.lag === undefined ? 0 : Number(info.lag);
    return { lag: Math.max(lag, redisLag), position: null };
  }

  /** Says once per stream when Redis's own lag disagrees with the counted one (so nobody is misled by XINFO). */
  private compareWithRedis(key: string, info: Record<string, unknown>, lag: number): void {
    const redisLag = info.lag === null || info.lag === undefined ? null : Number(info.lag);
    if (redisLag === null || redisLag === lag || this.warned.has(key) || lag >= this.o.countCap) return;
    this.warned.add(key);
    this.o.logger.warn(
      { source: key, redisLag, lag },
      "Redis's lag for the group is off (entries-read is unreliable after a restart from AOF or a trim past the group); using the counted lag",
    );
  }
}

/** Compares two stream ids (`ms-seq`) numerically. */
export function compareIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const seq = BigInt(as) - BigInt(bs);
  return seq === 0n ? 0 : seq < 0n ? -1 : 1;
}

function toRecord(reply: unknown): Record<string, unknown> {
  if (Array.isArray(reply)) {
    const out: Record<string, unknown> = {};
    for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = reply[i + 1];
    return out;
  }
  return (reply ?? {}) as Record<string, unknown>;
}
