/**
 * `npm run bench:cluster`: ingest on a real 3-master Redis Cluster against one Redis (issue 15), input streams
 * against input lists, on compiled code: CPU per event of each Watchfloor process (1 ingest + 1 scorer + 1 web) and of
 * each Redis server; on the cluster, the share of Redis's CPU taken by the master holding Watchfloor's own slot
 * (`{<prefix>}`: counters, marks, alerts, sessions, the adapter's stream; the inputs are put on the other two); and the
 * share of Redis's command time the `event_id` marks take (`SET`). Figures are read against the others of the same
 * run (the machine is shared).
 */
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { TestRedisCluster } from '../tests/support/redis-cluster.js';
import { TestRedis } from '../tests/support/redis-server.js';
import {
  appliedByParts,
  keysOn,
  median,
  onCluster,
  oneRedis,
  simulatorEvents,
  startServer,
  type Target,
  until,
} from './processes.js';
import { compileBench, processCpuS } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const WARM = Number(process.env.BENCH_WARM ?? 20_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const PARTITIONS = 8;
const KINDS = ['streams', 'lists'] as const;
type Kind = (typeof KINDS)[number];

/** Writes `evs` over `inputs` in turn, 1,000 at a time (XADD, or LPUSH as Suricata's list mode does). */
async function fill(redis: Redis | Cluster, kind: Kind, inputs: readonly string[], evs: readonly string[]) {
  for (let i = 0, k = 0; i < evs.length; i += 1000, k++) {
    const input = inputs[k % inputs.length]!;
    const chunk = evs.slice(i, i + 1000);
    if (kind === 'lists') await redis.lpush(input, ...chunk);
    else {
      const p = redis.pipeline();
      for (const ev of chunk) p.xadd(input, '*', 'event', ev);
      await p.exec();
    }
  }
}

/** The index (in `cluster.ports`) of the master serving `key`. */
async function masterOf(redis: Redis | Cluster, cluster: TestRedisCluster, key: string): Promise<number> {
  const slot = Number(await redis.call('CLUSTER', 'KEYSLOT', key));
  const ranges = (await redis.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
  return cluster.ports.indexOf(ranges.find(([from, to]) => slot >= from && slot <= to)![2][1]);
}

const serversOf = (redis: Redis | Cluster): Redis[] => ('nodes' in redis ? redis.nodes('master') : [redis]);

/** Command time (µs) per command name on every server since the last reset. */
async function commandTime(redis: Redis | Cluster): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const node of serversOf(redis))
    for (const m of ((await node.info('commandstats')) as string).matchAll(/cmdstat_(\S+?):.*?usec=(\d+)/g))
      out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[2]));
  return out;
}

interface Result {
  /** Seconds from the timed events' first write until the scorer applied the last. */
  wallS: number;
  /** µs of CPU per event: ingest, scorer, web, and each Redis server (in `pids` order). */
  ingest: number;
  scorer: number;
  web: number;
  servers: number[];
  /** On the cluster, the index of the master holding `{<prefix>}` (the inputs are on the others); else 0. */
  own: number;
  /** Share of Redis's command time taken by SET (the event-id marks). */
  setShare: number;
}

async function run(target: Target, kind: Kind, all: readonly string[]): Promise<Result> {
  const redis = target.client();
  const id = randomUUID().slice(0, 6);
  const prefix = `cb${id}:`;
  const keys = keysOn(target, prefix);
  const inputs = [`${kind}-${id}-a`, `${kind}-${id}-b`];
  let own = 0;
  if (target.cluster) {
    // two inputs, on the two masters that do not hold Watchfloor's own slot, so that master's figure is its keys'
    const cluster = target.cluster;
    own = await masterOf(redis, cluster, keys.counters);
    inputs.length = 0;
    for (let n = 0; inputs.length < 2; n++) {
      const input = `${kind}-${id}-${n}`;
      const at = await masterOf(redis, cluster, input);
      const taken = await Promise.all(inputs.map((i) => masterOf(redis, cluster, i)));
      if (at !== own && !taken.includes(at)) inputs.push(input);
    }
  }
  const env = {
    WF_PREFIX: prefix,
    WF_STREAMS: kind === 'streams' ? inputs.join(',') : `unused-${id}`,
    WF_LISTS: kind === 'lists' ? inputs.join(',') : '',
  };
  const procs = [
    startServer(target, PARTITIONS, { ...env, WF_ROLES: 'ingest', WF_MEMBER_ID: 'i1' }),
    startServer(target, PARTITIONS, { ...env, WF_ROLES: 'score', WF_MEMBER_ID: 's1' }),
    startServer(target, PARTITIONS, { ...env, WF_ROLES: 'web', WF_MEMBER_ID: 'w1' }),
  ];
  await fill(redis, kind, inputs, all.slice(0, WARM));
  await until(async () => (await appliedByParts(redis, keys, PARTITIONS)) >= WARM, 600_000, 50);
  for (const node of serversOf(redis)) await node.config('RESETSTAT');
  const wf0 = procs.map((p) => processCpuS(p.pid!));
  const redis0 = target.pids.map(processCpuS);
  const t0 = performance.now();
  await fill(redis, kind, inputs, all.slice(WARM));
  await until(async () => (await appliedByParts(redis, keys, PARTITIONS)) >= all.length, 600_000, 50);
  const wallS = (performance.now() - t0) / 1000;
  const per = (s: number) => (s / EVENTS) * 1e6;
  const [ingest, scorer, web] = procs.map((p, k) => per(processCpuS(p.pid!) - wf0[k]!));
  const servers = target.pids.map((pid, k) => per(processCpuS(pid) - redis0[k]!));
  const time = await commandTime(redis);
  const total = [...time.values()].reduce((a, b) => a + b, 0);
  for (const p of procs) p.kill('SIGKILL');
  redis.disconnect();
  return {
    wallS,
    ingest: ingest!,
    scorer: scorer!,
    web: web!,
    servers,
    own,
    setShare: (time.get('set') ?? 0) / total,
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

compileBench();
const one = await TestRedis.start();
const cluster = await TestRedisCluster.start(3);
const targets: Target[] = [oneRedis(one), onCluster(cluster)];
// with their event ids, so that the marks are set, as with real producers that give ids
const all = simulatorEvents(WARM + EVENTS, Date.now() - 3_600_000, true);
const results = new Map<string, Result[]>();
try {
  for (let rep = 0; rep < REPS; rep++)
    for (const target of targets)
      for (const kind of KINDS) {
        const key = `${target.name}, 2 ${kind}`;
        results.set(key, [...(results.get(key) ?? []), await run(target, kind, all)]);
      }
} finally {
  await cluster.stop();
  await one.stop();
}
console.log(
  `\nIngest on one Redis and on a 3-master cluster (${EVENTS} events after ${WARM} untimed, median of ${REPS}):\n`,
);
console.log(
  '| where, inputs | wall s | ingest µs/event | scorer | web | Redis, all servers | Watchfloor’s master (share) | SET share of command time |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [key, r] of results) {
  const m = (f: (x: Result) => number) => median(r.map(f)).toFixed(2);
  const own = key.startsWith('cluster')
    ? `${m((x) => x.servers[x.own]!)} (${m((x) => x.servers[x.own]! / sum(x.servers))})`
    : '—';
  console.log(
    `| ${key} | ${m((x) => x.wallS)} | ${m((x) => x.ingest)} | ${m((x) => x.scorer)} | ${m((x) => x.web)} | ${m((x) => sum(x.servers))} | ${own} | ${m((x) => x.setShare)} |`,
  );
}
console.log('\nPer run, the cluster’s masters in µs/event (Watchfloor’s marked *):');
for (const [key, r] of results)
  if (key.startsWith('cluster'))
    for (const x of r)
      console.log(
        `  ${key}: ${x.servers.map((v, k) => `${v.toFixed(2)}${k === x.own ? '*' : ''}`).join(' / ')}`,
      );
process.exit(0);
