/**
 * @module The stream consumer: reads the input streams through the consumer group and hands each batch to the
 * ingest loop, which acknowledges it only with its effect. It re-reads its own pending entries first: on start, after
 * any failed attempt, after a blocking read outlived its BLOCK time (Redis may still deliver to that read), and after
 * taking over another consumer's entries. A group that vanishes (the stream was deleted) is created again at the
 * start of the new stream, and said so. On a Redis Cluster each stream is read by its own XREADGROUP and each delivery
 * is recorded in steps (`ingest-loop.ts`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TextRef } from '../../shared/locale.js';
import { fieldOf, type InputSource } from '../config.js';
import { BLOCKING_GRACE_MS, type BlockingRedis, isCluster } from '../redis/connections.js';
import { queueEval } from '../redis/scripts.js';
import type { BatchSource, RawItem, Refusals } from './batch.js';
import { decoderFor } from './decoders/index.js';
import {
  backoff,
  type ClusterDelivery,
  type Delivery,
  type IngestFailure,
  IngestLoop,
  type IngestLoopOptions,
} from './ingest-loop.js';

export type { AcceptedEvent, BatchOutcome, EventSink } from './ingest-loop.js';

export interface StreamConsumerOptions extends IngestLoopOptions {
  /** Dedicated connection for blocking reads (nothing else may use it). */
  blocking: BlockingRedis;
  sources: readonly InputSource[];
  group: string;
  consumer: string;
  /** Where a new group starts (`WF_START`); a group that vanished is created again at `0`. */
  start: '$' | '0';
  maxDeliveries: number;
  reclaimIdleMs: number;
  /** Entries per read (`WF_BATCH`). */
  batch: number;
  /** BLOCK time of a read, ms (`WF_BLOCK_MS`). */
  blockMs: number;
}

interface Source extends BatchSource, InputSource {}

export class StreamConsumer extends IngestLoop {
  private readonly sources: Source[];
  /** Wall clock of the last completed read; the readiness check looks at it. */
  lastReadAt = 0;
  private groupsReady = false;
  /** The next read takes this consumer's pending entries (`0`) instead of new ones (`>`). */
  private ownPending = true;
  /** After a failed apply: pending entries are re-read one at a time, so only a poison entry collects deliveries. */
  private oneAtATime = false;

  constructor(private readonly o: StreamConsumerOptions) {
    super(o);
    this.sources = o.sources.map((s) => ({ ...s, decode: decoderFor(s.format), ctxField: fieldOf(s) }));
  }

  protected get idle(): boolean {
    return this.sources.length === 0;
  }

  /** Runs the read loop and, beside it, the reclaimer. */
  override async run(signal: AbortSignal): Promise<void> {
    if (this.idle) return;
    const reclaimer = this.reclaimLoop(signal);
    await super.run(signal);
    await reclaimer;
  }

  protected afterFailure(failure: IngestFailure): void {
    this.ownPending = true;
    if (failure.stage === 'apply') this.oneAtATime = true;
    if (failure.stage === 'group') this.groupsReady = false;
  }

  protected async next(): Promise<Delivery[]> {
    if (!this.groupsReady) {
      await this.ensureGroups();
      this.groupsReady = true;
    }
    const from = this.ownPending ? '0' : '>';
    const started = Date.now();
    let reply: [string, RawItem[]][] | null;
    try {
      reply = await this.read(from);
    } catch (err) {
      if (!isNoGroup(err)) throw err;
      await this.recreateGroups();
      return [];
    }
    const waited = Date.now() - started;
    if (!reply && (from === '0' || waited >= this.o.blockMs + BLOCKING_GRACE_MS / 2)) {
      // (a read of own pending entries answers at once, never null: a null is the watchdog's)
      // The connection gave up on the read while Redis still holds it (a stalled server). Another read now would queue
      // behind it, and every read of own pending entries that Redis finally runs counts a delivery: wait until Redis
      // has answered the held read (a PING queued behind it), then re-read what it delivered, once.
      this.note(
        { waitedMs: waited },
        'a read outlived its time (Redis stalled?); re-reading own pending entries once it answers',
      );
      await this.o.blocking.ping();
      this.ownPending = true;
      return [];
    }
    this.lastReadAt = Date.now();
    if (!reply) return [];
    const out: Delivery[] = [];
    for (const [key, entries] of reply) {
      if (entries.length === 0) continue;
      const source = this.sources.find((s) => s.key === key)!;
      out.push(await this.delivery(source, entries, from === '0'));
    }
    if (from === '0' && out.length === 0) {
      this.ownPending = false;
      this.oneAtATime = false;
    }
    return out;
  }

  /**
   * One XREADGROUP over every input stream; on a Redis Cluster, where one command may not read keys of several
   * slots, one per stream, sent together (null when none had anything).
   */
  private async read(from: '0' | '>'): Promise<[string, RawItem[]][] | null> {
    const args = (keys: string[]): (string | number)[] => [
      'GROUP',
      this.o.group,
      this.o.consumer,
      'COUNT',
      this.oneAtATime ? 1 : this.o.batch,
      // BLOCK on a read of own pending entries too: Redis answers it at once, and the connection then allows it
      // BLOCK + 2 s (without BLOCK a cluster's ioredis watchdog gives 1 s, which a busy event loop overruns; each
      // retry would count a delivery)
      'BLOCK',
      this.o.blockMs,
      'STREAMS',
      ...keys,
      ...keys.map(() => from),
    ];
    const xread = (keys: string[]) =>
      this.o.blocking.call('XREADGROUP', ...args(keys)) as Promise<[string, RawItem[]][] | null>;
    if (!isCluster(this.o.blocking) || this.sources.length === 1)
      return xread(this.sources.map((s) => s.key));
    const replies = await Promise.all(this.sources.map((s) => xread([s.key])));
    const out = replies.flatMap((r) => r ?? []);
    return out.length > 0 ? out : null;
  }

  private async delivery(source: Source, entries: RawItem[], redelivered: boolean): Promise<Delivery> {
    const ids = entries.map(([id]) => id);
    const state = this.o.keys.ingestState(this.o.group, source.key);
    return {
      source,
      items: entries,
      // only entries seen again (after a restart, a failure or a takeover) can have been delivered too often
      refusals: redelivered ? await this.refusals(source, entries) : undefined,
      // the group-health monitor counts real reads from `acked` (Redis's entries-read cannot be trusted)
      ack: (m) => {
        // a read of new entries (`>`) is acknowledged by its range (a few bytes instead of every id); entries read
        // again (own pending ones, after a restart or a failure) by their ids
        if (redelivered) m.xack(source.key, this.o.group, ...ids);
        else
          queueEval(
            m,
            'streamAckRange',
            [source.key],
            [this.o.group, this.o.consumer, ids[0]!, ids[ids.length - 1]!, ids.length],
          );
        m.hincrby(state, 'acked', ids.length);
      },
      // resets their idle time without counting a delivery, so no reclaimer takes them while Redis refuses writes
      hold: async () => {
        await this.o.redis.call('XCLAIM', source.key, this.o.group, this.o.consumer, 0, ...ids, 'JUSTID');
      },
      ...(isCluster(this.o.redis)
        ? {
            cluster: {
              // a read of new entries (`>`) got every entry from its first to its last: one range names them
              range: redelivered ? null : [ids[0]!, ids[ids.length - 1]!],
              recorded: this.o.keys.ingestRecorded(this.o.group, source.key),
              count: (m, n) => m.hincrby(state, 'acked', n),
              acknowledge: async (acked) => {
                await this.o.redis.xack(source.key, this.o.group, ...acked);
              },
            } satisfies ClusterDelivery,
          }
        : {}),
    };
  }

  /** Entries of the batch delivered more than `maxDeliveries` times (XPENDING's delivery counts). */
  private async refusals(source: Source, entries: RawItem[]): Promise<Refusals> {
    const rows = (await this.o.redis.call(
      'XPENDING',
      source.key,
      this.o.group,
      entries[0]![0],
      entries[entries.length - 1]![0],
      entries.length * 2,
    )) as [string, string, number, number][];
    const out = new Map<string, { reason: 'too_many_deliveries'; detail: string; text: TextRef }>();
    for (const [id, , , n] of rows) {
      if (Number(n) > this.o.maxDeliveries)
        out.set(id, {
          reason: 'too_many_deliveries',
          detail: `delivered ${n} times (limit ${this.o.maxDeliveries})`,
          text: { key: 'dlq.delivered_times', params: { count: Number(n), limit: this.o.maxDeliveries } },
        });
    }
    return out;
  }

  /**
   * Creates each group with MKSTREAM: at `start` for a stream never consumed, at `0` for one this group consumed
   * before (its group is gone, so the stream was deleted, maybe while Watchfloor was down: every entry in it is new).
   */
  async ensureGroups(): Promise<void> {
    for (const s of this.sources) {
      const state = this.o.keys.ingestState(this.o.group, s.key);
      if (await this.hasGroup(s.key)) {
        await this.o.redis.hset(state, 'group', '1');
        continue;
      }
      const consumedBefore = (await this.o.redis.hget(state, 'group')) === '1';
      await this.createGroup(s.key, consumedBefore ? '0' : this.o.start);
      await this.o.redis.multi().del(state).hset(state, 'group', '1').exec();
      if (consumedBefore) this.groupRecreated(s.key);
    }
  }

  /** A read found a group missing: the stream was deleted while read. */
  private async recreateGroups(): Promise<void> {
    for (const s of this.sources) {
      if (await this.hasGroup(s.key)) continue;
      await this.createGroup(s.key, '0');
      // a new stream: its reads and losses start again
      const state = this.o.keys.ingestState(this.o.group, s.key);
      await this.o.redis.multi().del(state).hset(state, 'group', '1').exec();
      this.groupRecreated(s.key);
    }
    this.ownPending = true;
  }

  private groupRecreated(source: string): void {
    this.o.logger.warn(
      { source, group: this.o.group },
      'the consumer group was gone (input stream deleted?): created again at the start of the stream',
    );
    this.emit('group-recreated', { source, at: Date.now() });
  }

  private async hasGroup(key: string): Promise<boolean> {
    try {
      const groups = (await this.o.redis.call('XINFO', 'GROUPS', key)) as unknown[][];
      return groups.some((g) => g[g.indexOf('name') + 1] === this.o.group);
    } catch (err) {
      if (/no such key/i.test((err as Error).message)) return false;
      throw err;
    }
  }

  private async createGroup(key: string, at: '$' | '0'): Promise<void> {
    try {
      await this.o.redis.xgroup('CREATE', key, this.o.group, at, 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  /** Takes over entries idle past the limit from consumers that died, every half limit. */
  private async reclaimLoop(signal: AbortSignal): Promise<void> {
    const every = Math.max(500, Math.floor(this.o.reclaimIdleMs / 2));
    let failures = 0;
    while (!signal.aborted) {
      await sleep(failures ? backoff(failures) : every, undefined, { signal }).catch(() => {});
      if (signal.aborted) return;
      try {
        await this.reclaimAll();
        failures = 0;
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        this.o.logger.warn(
          { err: (err as Error).message },
          'reclaiming idle pending entries failed; retrying',
        );
      }
    }
  }

  /**
   * Claims other consumers' entries idle past the limit (XCLAIM JUSTID, which counts no delivery) and has the loop
   * re-read them as its own pending entries (which counts one). This consumer's own entries are never claimed: the
   * loop holds them. Returns the entries taken over.
   */
  async reclaimAll(): Promise<number> {
    let taken = 0;
    let ownIdle = false;
    for (const s of this.sources) {
      let start = '-';
      for (;;) {
        const rows = (await this.o.redis.call(
          'XPENDING',
          s.key,
          this.o.group,
          'IDLE',
          this.o.reclaimIdleMs,
          start,
          '+',
          this.o.batch,
        )) as [string, string, number, number][];
        const theirs = rows.filter((r) => r[1] !== this.o.consumer).map((r) => r[0]);
        if (theirs.length < rows.length) ownIdle = true;
        if (theirs.length) {
          const claimed = (await this.o.redis.call(
            'XCLAIM',
            s.key,
            this.o.group,
            this.o.consumer,
            this.o.reclaimIdleMs,
            ...theirs,
            'JUSTID',
          )) as string[];
          if (claimed.length)
            this.note(
              { source: s.key, entries: claimed.length },
              'took over idle pending entries of another consumer',
            );
          taken += claimed.length;
        }
        if (rows.length < this.o.batch) break;
        start = `(${rows[rows.length - 1]![0]}`;
      }
    }
    if (taken > 0 || ownIdle) this.ownPending = true;
    if (isCluster(this.o.redis)) for (const s of this.sources) await this.dropStaleMarks(s.key);
    return taken;
  }

  /**
   * On a Redis Cluster: removes the marks of entries acknowledged by an ingest that stopped before unmarking them (a
   * mark older than the idle limit whose entry is no longer pending). A mark only matters while its entry is pending,
   * so removing one of an acknowledged entry is always safe; left, it would keep the loss figures from being read.
   */
  private async dropStaleMarks(key: string): Promise<void> {
    const marks = this.o.keys.ingestRecorded(this.o.group, key);
    if ((await this.o.redis.hlen(marks)) === 0) return;
    const old = Date.now() - this.o.reclaimIdleMs;
    const stale = Object.entries(await this.o.redis.hgetall(marks))
      .filter(([, at]) => Number(at) < old)
      .slice(0, 1_000);
    const gone: string[] = [];
    for (const [id] of stale) {
      const rows = (await this.o.redis.call('XPENDING', key, this.o.group, id, id, 1)) as unknown[];
      if (rows.length === 0) gone.push(id);
    }
    if (gone.length > 0) await this.o.redis.hdel(marks, ...gone);
  }
}

const isNoGroup = (err: unknown) => String((err as Error)?.message).includes('NOGROUP');
