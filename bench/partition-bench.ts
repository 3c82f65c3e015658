/**
 * `npm run bench:partition`: what splitting Watchfloor into processes costs and gives (issue 15), on compiled code,
 * each figure against a baseline measured in the same run.
 * 1. Partitioning cost: CPU per event summed over the processes (1 ingest + 1 scorer + 1 web, events routed through
 *    the partition streams) against one process doing everything; Redis's own CPU beside each.
 * 2. Scaling: events per second applied by 1 and by 2 scorers from the same pre-filled partition streams.
 * 3. Redis's own XADD and XREADGROUP rates (redis-benchmark), for the sizing on paper in the README.
 * 4. With `BENCH_CLUSTER=1`, the partitioning cost again on a 3-master Redis Cluster on loopback (the nodes' CPU summed),
 *    in the same run as one Redis.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { Keys } from '../server/redis/keys.js';
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

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const WARM = Number(process.env.BENCH_WARM ?? 50_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
/** Also measure the partitioning cost on a 3-master Redis Cluster. */
const CLUSTER = process.env.BENCH_CLUSTER === '1';
const PARTITIONS = 16;
/** How many times the scaling runs' partition streams hold the events. */
const SCALE_COPIES = 3;

async function fill(redis: Redis | Cluster, stream: string, evs: readonly string[]): Promise<void> {
  for (let i = 0; i < evs.length; i += 2000) {
    const p = redis.pipeline();
    for (const ev of evs.slice(i, i + 2000)) p.xadd(stream, '*', 'event', ev);
    await p.exec();
  }
}

const ingested = async (redis: Redis | Cluster, keys: Keys) =>
  Number((await redis.hget(keys.counters, 'ingested')) ?? 0);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** CPU seconds of Watchfloor's processes and of Redis for `EVENTS` events after `WARM` untimed ones. */
async function costRun(
  target: Target,
  routed: boolean,
  all: readonly string[],
): Promise<{ wf: number; redis: number; each: number[] }> {
  const client = target.client();
  const prefix = `pb${randomUUID().slice(0, 6)}:`;
  const keys = keysOn(target, prefix);
  const stream = `pb-${randomUUID().slice(0, 6)}`;
  const env = { WF_PREFIX: prefix, WF_STREAMS: stream };
  const procs = routed
    ? [
        startServer(target, PARTITIONS, { ...env, WF_ROLES: 'ingest', WF_MEMBER_ID: 'i1' }),
        startServer(target, PARTITIONS, { ...env, WF_ROLES: 'score', WF_MEMBER_ID: 's1' }),
        startServer(target, PARTITIONS, { ...env, WF_ROLES: 'web', WF_MEMBER_ID: 'w1' }),
      ]
    : [startServer(target, PARTITIONS, env)];
  const applied = () => (routed ? appliedByParts(client, keys, PARTITIONS) : ingested(client, keys));
  const redisCpu = () => target.pids.reduce((s, pid) => s + processCpuS(pid), 0);
  await fill(client, stream, all.slice(0, WARM));
  await until(async () => (await applied()) >= WARM);
  await fill(client, stream, all.slice(WARM));
  const each0 = procs.map((p) => processCpuS(p.pid!));
  const redis0 = redisCpu();
  await until(async () => (await applied()) >= all.length);
  const each = procs.map((p, k) => processCpuS(p.pid!) - each0[k]!);
  const out = { wf: each.reduce((a, b) => a + b, 0), redis: redisCpu() - redis0, each };
  for (const p of procs) p.kill('SIGKILL');
  client.disconnect();
  return out;
}

/** Events per second applied by `scorers` scorers from partition streams filled beforehand by an ingest process. */
async function scaleRun(target: Target, scorers: number, all: readonly string[]): Promise<number> {
  const client = target.client();
  const prefix = `ps${randomUUID().slice(0, 6)}:`;
  const stream = `ps-${randomUUID().slice(0, 6)}`;
  const env = { WF_PREFIX: prefix, WF_STREAMS: stream, WF_LEASE_MS: '3000' };
  const keys = keysOn(target, prefix);
  // the same events three times over (no ids, so none is a repeat): enough that the handover at start is a small part
  for (let k = 0; k < SCALE_COPIES; k++) await fill(client, stream, all);
  const total = all.length * SCALE_COPIES;
  const ingest = startServer(target, PARTITIONS, { ...env, WF_ROLES: 'ingest', WF_MEMBER_ID: 'i1' });
  await until(async () => (await ingested(client, keys)) >= total);
  ingest.kill('SIGKILL');
  // measured once every scorer holds its share (until then one of them may hold all, and hand some over)
  const procs = Array.from({ length: scorers }, (_, k) =>
    startServer(target, PARTITIONS, { ...env, WF_ROLES: 'score', WF_MEMBER_ID: `s${k}` }),
  );
  const owners = async () => {
    const leases = await client.mget(
      ...Array.from({ length: PARTITIONS }, (_, n) => keys.partition(n, 'lease')),
    );
    return new Set(leases.map((l) => l?.split(' ')[0] ?? null));
  };
  await until(async () => {
    const o = await owners();
    return o.size === scorers && !o.has(null);
  });
  const t0 = performance.now();
  const applied0 = await appliedByParts(client, keys, PARTITIONS);
  await until(async () => (await appliedByParts(client, keys, PARTITIONS)) >= total);
  const rate = (total - applied0) / ((performance.now() - t0) / 1000);
  for (const p of procs) p.kill('SIGKILL');
  client.disconnect();
  return rate;
}

function redisBenchmark(port: number, n: number, pipeline: number, args: string[]): number {
  const out = execFileSync(
    'redis-benchmark',
    ['-p', String(port), '-n', String(n), '-P', String(pipeline), '-c', '20', '--csv', ...args],
    { encoding: 'utf8' },
  );
  const line = out.trim().split('\n').at(-1)!;
  return Number(line.split(',')[1]!.replaceAll('"', ''));
}

compileBench();
const redis = await TestRedis.start();
const all = simulatorEvents(WARM + EVENTS, Date.now() - 3_600_000, false);
type Cost = { wf: number; redis: number; each: number[] };
const single = oneRedis(redis);
const cluster = CLUSTER ? await TestRedisCluster.start(3) : null;
const clustered = cluster && onCluster(cluster);
const one: Cost[] = [];
const routed: Cost[] = [];
const clusterOne: Cost[] = [];
const clusterRouted: Cost[] = [];
for (let rep = 0; rep < REPS; rep++) {
  one.push(await costRun(single, false, all));
  routed.push(await costRun(single, true, all));
  if (clustered) {
    clusterOne.push(await costRun(clustered, false, all));
    clusterRouted.push(await costRun(clustered, true, all));
  }
}
await cluster?.stop();
const per = (runs: Cost[], k: 'wf' | 'redis') => median(runs.map((r) => (r[k] / EVENTS) * 1e6));
const perRole = (runs: Cost[], k: number) => median(runs.map((r) => (r.each[k]! / EVENTS) * 1e6)).toFixed(2);
const byRole = (runs: Cost[]) =>
  `ingest ${perRole(runs, 0)}, scorer ${perRole(runs, 1)}, web ${perRole(runs, 2)}`;
const scale1: number[] = [];
const scale2: number[] = [];
for (let rep = 0; rep < REPS; rep++) {
  scale1.push(await scaleRun(single, 1, all));
  scale2.push(await scaleRun(single, 2, all));
}
const cmd = redis.client();
await cmd.xgroup('CREATE', 'rb-stream', 'rb', '0', 'MKSTREAM');
const xadd = redisBenchmark(redis.port, 400_000, 50, [
  'XADD',
  'rb-stream',
  'MAXLEN',
  '~',
  '1000000',
  '*',
  'b',
  'x'.repeat(200),
]);
// 3,000 reads of 100: fewer entries than the XADDs wrote, so every read returns a full batch
const xread = redisBenchmark(redis.port, 3_000, 1, [
  'XREADGROUP',
  'GROUP',
  'rb',
  'c',
  'COUNT',
  '100',
  'STREAMS',
  'rb-stream',
  '>',
]);
cmd.disconnect();
await redis.stop();

console.log(
  `\nPartitioning cost (${fmt(EVENTS)} events after ${fmt(WARM)} untimed, median of ${REPS}, compiled):\n`,
);
console.log('| setup | Watchfloor CPU µs/event | Redis CPU µs/event | ratio (Watchfloor) |');
console.log('| --- | --- | --- | --- |');
console.log(
  `| one process (ingest + score + web) | ${per(one, 'wf').toFixed(2)} | ${per(one, 'redis').toFixed(2)} | 1.00 |`,
);
console.log(
  `| routed: 1 ingest + 1 scorer + 1 web, ${PARTITIONS} partitions | ${per(routed, 'wf').toFixed(2)} | ${per(routed, 'redis').toFixed(2)} | ${(per(routed, 'wf') / per(one, 'wf')).toFixed(2)} |`,
);
if (clustered) {
  console.log(
    `| one process on a 3-master Redis Cluster | ${per(clusterOne, 'wf').toFixed(2)} | ${per(clusterOne, 'redis').toFixed(2)} | ${(per(clusterOne, 'wf') / per(one, 'wf')).toFixed(2)} |`,
  );
  console.log(
    `| routed on the cluster, ${PARTITIONS} partitions | ${per(clusterRouted, 'wf').toFixed(2)} | ${per(clusterRouted, 'redis').toFixed(2)} | ${(per(clusterRouted, 'wf') / per(one, 'wf')).toFixed(2)} |`,
  );
}
console.log(`\nRouted, by process (µs/event): ${byRole(routed)}`);
if (clustered) console.log(`Routed on the cluster, by process (µs/event): ${byRole(clusterRouted)}`);
console.log(
  `\nScaling (${fmt((WARM + EVENTS) * SCALE_COPIES)} events pre-filled in the partition streams, median of ${REPS}):\n`,
);
console.log(`| scorers | events/s | against 1 |\n| --- | --- | --- |`);
console.log(`| 1 | ${fmt(median(scale1))} | 1.00 |`);
console.log(`| 2 | ${fmt(median(scale2))} | ${(median(scale2) / median(scale1)).toFixed(2)} |`);
console.log(
  `\nRedis (redis-benchmark, same run): XADD of a 200-byte entry ${fmt(xadd)}/s (pipeline 50); XREADGROUP COUNT 100 ${fmt(xread)} calls/s = ${fmt(xread * 100)} entries/s\n`,
);
process.exit(0);
