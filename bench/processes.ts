/**
 * What the benchmarks of several processes share (`bench:partition`, `bench:cluster`): where the processes run (one
 * Redis or a Redis Cluster), the compiled server started as a child with a benchmark's settings, the simulator's
 * events as JSON, and the partitions' applied counts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Cluster, Redis } from 'ioredis';
import { Keys } from '../server/redis/keys.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { PartitionPart } from '../shared/schemas/cluster.js';
import type { TestRedisCluster } from '../tests/support/redis-cluster.js';
import type { TestRedis } from '../tests/support/redis-server.js';
import { NODE_FLAGS, root } from './support.js';

/** Where the processes run: its environment, a client, its servers' process ids, and the cluster when it is one. */
export interface Target {
  name: 'one Redis' | 'cluster';
  env: Record<string, string>;
  client(): Redis | Cluster;
  pids: number[];
  cluster: TestRedisCluster | null;
}

export const oneRedis = (redis: TestRedis): Target => ({
  name: 'one Redis',
  env: { REDIS_URL: redis.url },
  client: () => redis.client(),
  pids: [redis.pid!],
  cluster: null,
});

export const onCluster = (cluster: TestRedisCluster): Target => ({
  name: 'cluster',
  env: { REDIS_CLUSTER_NODES: cluster.nodes },
  client: () => cluster.client(),
  pids: cluster.pids,
  cluster,
});

/** Watchfloor's keys under `prefix` where `target` runs (hash-tagged on a cluster). */
export const keysOn = (target: Target, prefix: string) =>
  new Keys(prefix, { hashTag: target.cluster !== null });

/** The compiled server (`.bench-dist`) as a child: no simulator, read from 0, 200 ms ticks, batches of 1,000. */
export function startServer(target: Target, partitions: number, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...NODE_FLAGS, '.bench-dist/server/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      ...target.env,
      PORT: '0',
      WF_SIMULATE: '0',
      WF_AUTO_REDIS: '0',
      WF_START: '0',
      WF_TICK_MS: '200',
      WF_BATCH: '1000',
      WF_PARTITIONS: String(partitions),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'ignore',
  });
}

export async function until(check: () => Promise<boolean>, timeoutMs = 600_000, everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Events applied over every partition, from each owner's last part (one GET each: a partition is a slot). */
export async function appliedByParts(
  redis: Redis | Cluster,
  keys: Keys,
  partitions: number,
): Promise<number> {
  const texts = await Promise.all(
    Array.from({ length: partitions }, (_, n) => redis.get(keys.partition(n, 'part'))),
  );
  return texts.reduce((s, t) => s + (t ? (JSON.parse(t) as PartitionPart).applied : 0), 0);
}

/** `n` simulator events as JSON from `start` (seed 7, 2,000 a second); `ids`: with their `event_id`s. */
export function simulatorEvents(n: number, start: number, ids: boolean): string[] {
  const gen = createGenerator({ seed: 7, topology: buildTopology(7), rate: 2000, rhythm: 0 });
  const out: string[] = [];
  for (let t = start; out.length < n; t += 1000)
    for (const e of gen.eventsBetween(t, t + 1000)) {
      if (out.length >= n) break;
      if (ids) out.push(JSON.stringify(e));
      else {
        const { event_id: _id, ...rest } = e;
        out.push(JSON.stringify(rest));
      }
    }
  return out;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
