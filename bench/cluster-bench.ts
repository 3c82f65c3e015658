/**
 * `npm run bench:cluster`: ingest on a real 3-master Redis Cluster (issue 15), input streams against input lists, on
 * compiled code: CPU per event of each Watchfloor process (1 ingest + 1 scorer + 1 web) and of each master, which
 * master holds Watchfloor's own slot (`{<prefix>}`: counters, marks, alerts, sessions, the adapter's stream; the inputs
 * are put on the other two) and its share of Redis's CPU, and the share of Redis's command time the `event_id` marks take (`SET`, in the input keys'
 * slots). Each figure is read against the others of the same run (the machine is shared).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { Keys } from '../server/redis/keys.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { PartitionPart } from '../shared/schemas/cluster.js';
import { TestRedisCluster } from '../tests/support/redis-cluster.js';
import { compileBench, NODE_FLAGS, processCpuS, root } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const WARM = Number(process.env.BENCH_WARM ?? 20_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const PARTITIONS = 8;
type Kind = 'streams' | 'lists';

/** Simulator events with their `event_id`s (so the marks are set, as with real producers that give ids). */
function events(n: number, start: number): string[] {
  const gen = createGenerator({ seed: 7, topology: buildTopology(7), rate: 2000, rhythm: 0 });
  const out: string[] = [];
  for (let t = start; out.length < n; t += 1000)
    for (const e of gen.eventsBetween(t, t + 1000)) if (out.length < n) out.push(JSON.stringify(e));
  return out;
}

/** Writes `evs` over `inputs` in turn, 1,000 at a time (XADD, or LPUSH as Suricata's list mode does). */
async function fill(redis: Cluster, kind: Kind, inputs: readonly string[], evs: readonly string[]) {
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

function start(nodes: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...NODE_FLAGS, '.bench-dist/server/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      REDIS_CLUSTER_NODES: nodes,
      PORT: '0',
      WF_SIMULATE: '0',
      WF_AUTO_REDIS: '0',
      WF_START: '0',
      WF_TICK_MS: '200',
      WF_BATCH: '1000',
      WF_PARTITIONS: String(PARTITIONS),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'ignore',
  });
}

async function until(check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function applied(redis: Cluster, keys: Keys): Promise<number> {
  const texts = await Promise.all(
    Array.from({ length: PARTITIONS }, (_, n) => redis.get(keys.partition(n, 'part'))),
  );
  return texts.reduce((s, t) => s + (t ? (JSON.parse(t) as PartitionPart).applied : 0), 0);
}

/** The index (in `cluster.ports`) of the master serving `key`. */
async function masterOf(redis: Cluster, cluster: TestRedisCluster, key: string): Promise<number> {
  const slot = Number(await redis.call('CLUSTER', 'KEYSLOT', key));
  const ranges = (await redis.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
  return cluster.ports.indexOf(ranges.find(([from, to]) => slot >= from && slot <= to)![2][1]);
}

/** Command time (µs) per command name on every master since the last reset. */
async function commandTime(redis: Cluster): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const node of redis.nodes('master'))
    for (const m of ((await node.info('commandstats')) as string).matchAll(/cmdstat_(\S+?):.*?usec=(\d+)/g))
      out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[2]));
  return out;
}

interface Result {
  /** µs of CPU per event: ingest, scorer, web, and each master (in `ports` order). */
  ingest: number;
  scorer: number;
  web: number;
  masters: number[];
  /** Index of the master holding `{<prefix>}`, and of the masters holding the inputs. */
  own: number;
  inputs: number[];
  /** Share of the masters' command time taken by SET (the event-id marks). */
  setShare: number;
}

async function run(cluster: TestRedisCluster, kind: Kind, all: readonly string[]): Promise<Result> {
  const redis = cluster.client();
  const id = randomUUID().slice(0, 6);
  const prefix = `cb${id}:`;
  const keys = new Keys(prefix, { hashTag: true });
  // two inputs, on the two masters that do not hold Watchfloor's own slot, so that master's figure is its keys'
  const own = await masterOf(redis, cluster, keys.counters);
  const inputs: string[] = [];
  for (let n = 0; inputs.length < 2; n++) {
    const input = `${kind}-${id}-${n}`;
    const at = await masterOf(redis, cluster, input);
    if (at !== own && !(await Promise.all(inputs.map((i) => masterOf(redis, cluster, i)))).includes(at))
      inputs.push(input);
  }
  const env = {
    WF_PREFIX: prefix,
    WF_STREAMS: kind === 'streams' ? inputs.join(',') : `unused-${id}`,
    WF_LISTS: kind === 'lists' ? inputs.join(',') : '',
  };
  const procs = [
    start(cluster.nodes, { ...env, WF_ROLES: 'ingest', WF_MEMBER_ID: 'i1' }),
    start(cluster.nodes, { ...env, WF_ROLES: 'score', WF_MEMBER_ID: 's1' }),
    start(cluster.nodes, { ...env, WF_ROLES: 'web', WF_MEMBER_ID: 'w1' }),
  ];
  await fill(redis, kind, inputs, all.slice(0, WARM));
  await until(async () => (await applied(redis, keys)) >= WARM);
  for (const node of redis.nodes('master')) await node.config('RESETSTAT');
  await fill(redis, kind, inputs, all.slice(WARM));
  const wf0 = procs.map((p) => processCpuS(p.pid!));
  const redis0 = cluster.pids.map(processCpuS);
  await until(async () => (await applied(redis, keys)) >= all.length);
  const per = (s: number) => (s / EVENTS) * 1e6;
  const [ingest, scorer, web] = procs.map((p, k) => per(processCpuS(p.pid!) - wf0[k]!));
  const masters = cluster.pids.map((pid, k) => per(processCpuS(pid) - redis0[k]!));
  const time = await commandTime(redis);
  const total = [...time.values()].reduce((a, b) => a + b, 0);
  const result: Result = {
    ingest: ingest!,
    scorer: scorer!,
    web: web!,
    masters,
    own,
    inputs: await Promise.all(inputs.map((i) => masterOf(redis, cluster, i))),
    setShare: (time.get('set') ?? 0) / total,
  };
  for (const p of procs) p.kill('SIGKILL');
  redis.disconnect();
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

compileBench();
const cluster = await TestRedisCluster.start(3);
const all = events(WARM + EVENTS, Date.now() - 3_600_000);
const results: Record<Kind, Result[]> = { streams: [], lists: [] };
try {
  for (let rep = 0; rep < REPS; rep++)
    for (const kind of ['streams', 'lists'] as const) results[kind].push(await run(cluster, kind, all));
} finally {
  await cluster.stop();
}
console.log(
  `\nIngest on a 3-master Redis Cluster (${EVENTS} events after ${WARM} untimed, median of ${REPS}):\n`,
);
console.log(
  '| inputs | ingest µs/event | scorer | web | Redis, all masters | Watchfloor’s master (share) | SET share of command time |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const kind of ['streams', 'lists'] as const) {
  const r = results[kind];
  const m = (f: (x: Result) => number) => median(r.map(f));
  const redisAll = m((x) => x.masters.reduce((a, b) => a + b, 0));
  const own = m((x) => x.masters[x.own]!);
  console.log(
    `| 2 ${kind} | ${m((x) => x.ingest).toFixed(2)} | ${m((x) => x.scorer).toFixed(2)} | ${m((x) => x.web).toFixed(2)} | ${redisAll.toFixed(2)} | ${own.toFixed(2)} (${m((x) => x.masters[x.own]! / x.masters.reduce((a, b) => a + b, 0)).toFixed(2)}) | ${m((x) => x.setShare).toFixed(2)} |`,
  );
}
console.log('\nPer run (masters µs/event, Watchfloor’s master marked *, inputs’ masters marked i):');
for (const kind of ['streams', 'lists'] as const)
  for (const x of results[kind])
    console.log(
      `  ${kind}: ${x.masters.map((v, k) => `${v.toFixed(2)}${k === x.own ? '*' : ''}${x.inputs.includes(k) ? 'i' : ''}`).join(' / ')}`,
    );
process.exit(0);
