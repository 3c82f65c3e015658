/** @module Fault-test helpers: a producer whose events carry ids, and what Watchfloor counted of them. */
import { Cluster, type Redis } from 'ioredis';
import { Keys } from '../../server/redis/keys.js';

export interface Produced {
  /** Event ids written, in order. */
  ids: string[];
}

/** One native event with a producer id; `i` spreads the source address so scoring sees many hosts. */
export function eventJson(id: string, i: number, segment = 'faults'): string {
  return JSON.stringify({
    ts: Date.now(),
    sensor: 'fault-producer',
    kind: 'flow',
    src_ip: `10.77.${(i >> 8) & 255}.${i & 255}`,
    segment,
    bytes_out: 100,
    event_id: id,
  });
}

/** Writes `n` events with ids `<tag>-<k>` in pipelines of 1,000; returns the ids. */
export async function produce(
  redis: Redis,
  stream: string,
  tag: string,
  n: number,
  from = 0,
): Promise<string[]> {
  const ids: string[] = [];
  for (let k = from; k < from + n; k += 1000) {
    const p = redis.pipeline();
    for (let j = k; j < Math.min(k + 1000, from + n); j++) {
      const id = `${tag}-${j}`;
      ids.push(id);
      p.xadd(stream, '*', 'event', eventJson(id, j));
    }
    const res = await p.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }
  return ids;
}

/**
 * Writes at about `perSecond` events/s in 50 ms slices until stopped; `written` is exact (an XADD refused or lost
 * with its connection is not counted, and the test says so by checking the stream).
 */
export function steadyProducer(redis: Redis, stream: string, tag: string, perSecond: number, max = Infinity) {
  let stop = false;
  let written = 0;
  let failures = 0;
  const slice = Math.max(1, Math.round(perSecond / 20));
  const done = (async () => {
    while (!stop && written < max) {
      const started = Date.now();
      const p = redis.pipeline();
      for (let j = 0; j < Math.min(slice, max - written); j++)
        p.xadd(stream, '*', 'event', eventJson(`${tag}-${written + j}`, written + j));
      const res = await p.exec().catch(() => null);
      const ok = res?.filter(([err]) => !err).length ?? 0;
      // ids stay dense only when a slice is written whole; a partial slice is a failure the test sees
      if (ok !== Math.min(slice, max - written)) failures++;
      written += ok;
      await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - started))));
    }
  })();
  return {
    get written() {
      return written;
    },
    get failures() {
      return failures;
    },
    async stop(): Promise<number> {
      stop = true;
      await done;
      return written;
    },
  };
}

export interface Counted {
  ingested: number;
  duplicates: number;
  rejected: number;
  other: number;
  lostToDelete: number;
  byReason: Record<string, number>;
}

/** `prefix` names one Redis's keys; give `Keys` for a cluster's. */
export async function counted(redis: Redis | Cluster, prefix: string | Keys): Promise<Counted> {
  const keys = typeof prefix === 'string' ? new Keys(prefix) : prefix;
  const h = await redis.hgetall(keys.counters);
  const byReason: Record<string, number> = {};
  for (const [k, v] of Object.entries(h)) if (k.startsWith('rejected:')) byReason[k.slice(9)] = Number(v);
  return {
    ingested: Number(h.ingested ?? 0),
    duplicates: Number(h.duplicates ?? 0),
    rejected: Number(h.rejected ?? 0),
    other: Number(h.other ?? 0),
    lostToDelete: Number(h.lostToDelete ?? 0),
    byReason,
  };
}

/** Distinct producer ids Watchfloor has seen (its dedup keys for the stream), on every master of a cluster. */
export async function idsSeen(
  redis: Redis | Cluster,
  prefix: string | Keys,
  stream: string,
): Promise<number> {
  const keys = typeof prefix === 'string' ? new Keys(prefix) : prefix;
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  let n = 0;
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', keys.dedup(stream, '*'), 'COUNT', 10_000);
      cursor = next;
      n += found.length;
    } while (cursor !== '0');
  }
  return n;
}

export async function pendingOf(redis: Redis, stream: string, group = 'watchfloor'): Promise<number> {
  try {
    return Number(((await redis.xpending(stream, group)) as [number])[0]);
  } catch {
    return 0;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
