/**
 * `npm run bench:load`: the soak. A producer at `BENCH_RATE` events/s (default 10,000) with producer ids, for
 * `BENCH_MINUTES` (default 30), into the compiled server (the flags of `npm start`, Redis with AOF) with
 * `BENCH_DASHBOARDS` (default 100) Socket.IO dashboards. Every `BENCH_SAMPLE_S` s: lag, RSS, the server's CPU, and the
 * dashboards' frame delay p99 beside its baseline, a bare Socket.IO server broadcasting the same frame to as many
 * clients in the same run. At the end: 0 lost and 0 counted twice (producer ids against the counters), the RSS slope
 * per 10 minutes, and the server's CPU per event beside the raw drain's (same machine, same run).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { UserStore } from '../server/auth/users.js';
import { Keys } from '../server/redis/keys.js';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { Frame } from '../shared/schemas/frame.js';
import type { Stats } from '../shared/schemas/stats.js';
import { freePort, TestRedis } from '../tests/support/redis-server.js';
import { compileBench, NODE_FLAGS, root, worker } from './support.js';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 30);
const RATE = Number(process.env.BENCH_RATE ?? 10_000);
const DASHBOARDS = Number(process.env.BENCH_DASHBOARDS ?? 100);
const SAMPLE_S = Number(process.env.BENCH_SAMPLE_S ?? 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p99 = (xs: number[]) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]! : Number.NaN;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** RSS (bytes) and CPU seconds (user + system) of a process, from /proc. */
function usage(pid: number): { rss: number; cpuS: number } {
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { rss, cpuS: (Number(stat[11]) + Number(stat[12])) / 100 };
}

/** Least-squares slope of (t s, y) points. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den ? num / den : 0;
}

compileBench();
const redis = await TestRedis.start({ appendonly: true });
const cmd = redis.client();
const id = randomUUID().slice(0, 6);
const prefix = `load${id}:`;
const stream = `load-${id}`;
const port = await freePort();
const server = spawn(process.execPath, [...NODE_FLAGS, '.bench-dist/server/main.js'], {
  cwd: root,
  env: {
    ...process.env,
    REDIS_URL: redis.url,
    PORT: String(port),
    WF_PREFIX: prefix,
    WF_STREAMS: stream,
    WF_SIMULATE: '0',
    WF_START: '0',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 150; i++) {
  if (
    await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await sleep(200);
}
await new UserStore(cmd, new Keys(prefix)).add('load', 'operator', 'correct horse battery');
const login = await fetch(`${base}/api/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'load', password: 'correct horse battery' }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

// the baseline: a bare Socket.IO server broadcasting each Watchfloor frame, as received, to as many clients
const bareHttp = createServer();
const bare = new Server(bareHttp);
bareHttp.listen(0, '127.0.0.1');
await once(bareHttp, 'listening');
const bareUrl = `http://127.0.0.1:${(bareHttp.address() as AddressInfo).port}`;
let wfDelays: number[] = [];
let bareDelays: number[] = [];
const sockets: Socket[] = [];
for (let i = 0; i < DASHBOARDS; i++) {
  const wf = connect(base, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true });
  wf.on('frame', (f: Frame) => {
    wfDelays.push(Date.now() - f.now);
    if (i === 0) bare.emit('frame', { ...f, now: Date.now() });
  });
  const b = connect(bareUrl, { transports: ['websocket'], forceNew: true });
  b.on('frame', (f: Frame) => bareDelays.push(Date.now() - f.now));
  sockets.push(wf, b);
}
await sleep(3_000);

// the producer: simulator events with ids, at RATE, in 50 ms slices
const gen = createGenerator({ seed: 11, topology: buildTopology(11), rate: 2000, rhythm: 0 });
const template = gen.eventsBetween(Date.now() - 1000, Date.now()).slice(0, 1000);
const producer = cmd.duplicate();
let written = 0;
let stop = false;
const started = Date.now();
const producing = (async () => {
  while (!stop) {
    // at most a second's worth per pipeline: after a stall of this process the producer catches up in bounded
    // slices instead of building one pipeline of millions of entries in memory
    const due = Math.min(Math.floor(((Date.now() - started) / 1000) * RATE), written + RATE);
    const p = producer.pipeline();
    for (; written < due; written++) {
      const ev = { ...template[written % template.length]!, ts: Date.now(), event_id: `L-${written}` };
      p.xadd(stream, 'MAXLEN', '~', 3_000_000, '*', 'event', JSON.stringify(ev));
    }
    await p.exec();
    await sleep(50);
  }
})();

const stats = async (): Promise<Stats> =>
  (await (await fetch(`${base}/api/stats`, { headers: { cookie } })).json()) as Stats;
console.log(
  `soak: ${RATE} events/s for ${MINUTES} min, ${DASHBOARDS} dashboards, Redis with AOF, server pid ${server.pid}`,
);
console.log('| min | written | lag | RSS MB | server CPU % | frame delay p99 ms (bare Socket.IO) |');
console.log('| --- | --- | --- | --- | --- | --- |');
const rss: [number, number][] = [];
let maxLag = 0;
let last = usage(server.pid!);
const cpu0 = last.cpuS;
while (Date.now() - started < MINUTES * 60_000) {
  await sleep(SAMPLE_S * 1000);
  const s = await stats();
  const u = usage(server.pid!);
  const t = (Date.now() - started) / 1000;
  rss.push([t, u.rss]);
  maxLag = Math.max(maxLag, s.lag);
  console.log(
    `| ${(t / 60).toFixed(1)} | ${fmt(written)} | ${fmt(s.lag)} | ${(u.rss / 2 ** 20).toFixed(0)} | ` +
      `${(((u.cpuS - last.cpuS) / SAMPLE_S) * 100).toFixed(0)} | ${p99(wfDelays)} (${p99(bareDelays)}) |`,
  );
  last = u;
  wfDelays = [];
  bareDelays = [];
}
stop = true;
await producing;
const total = written;
const until = Date.now() + 300_000;
let counters: Record<string, string> = {};
while (Date.now() < until) {
  counters = await cmd.hgetall(`${prefix}counters`);
  if (Number(counters.ingested ?? 0) + Number(counters.duplicates ?? 0) >= total) break;
  await sleep(500);
}
await sleep(2_000);
counters = await cmd.hgetall(`${prefix}counters`);
const serverCpu = usage(server.pid!).cpuS - cpu0;
// entries still unread or pending when the wait ran out are a backlog, not a loss
const group = ((await cmd.call('XINFO', 'GROUPS', stream)) as unknown[][])[0] ?? [];
const backlog =
  Number(group[group.indexOf('lag') + 1] ?? 0) + Number(group[group.indexOf('pending') + 1] ?? 0);
for (const s of sockets) s.disconnect();
bare.close();
server.kill('SIGTERM');
producer.disconnect();

// the raw drain of the same kind of events, on this machine now
const drain = `drain-${id}`;
for (let i = 0; i < 200_000; i += 2000) {
  const p = cmd.pipeline();
  for (let k = i; k < i + 2000; k++)
    p.xadd(drain, '*', 'event', JSON.stringify({ ...template[k % 1000]!, ts: Date.now() }));
  await p.exec();
}
const raw = worker('raw', redis.url, drain, 150_000, 50_000);
cmd.disconnect();
await redis.stop();

const ingested = Number(counters.ingested ?? 0);
const steady = rss.filter(([t]) => t >= (MINUTES * 60) / 5);
console.log(
  `\nwritten ${fmt(total)}, counted ${fmt(ingested)}, still unread or pending ${fmt(backlog)}, ` +
    `lost ${fmt(total - ingested - backlog)}, counted twice ${fmt(Number(counters.duplicates ?? 0))}`,
);
console.log(`lag at most ${fmt(maxLag)} entries`);
console.log(
  `RSS slope ${((slope(steady.length > 2 ? steady : rss) * 600) / 2 ** 20).toFixed(1)} MB per 10 min (after the first fifth)`,
);
console.log(
  `server CPU per 10k events ${((serverCpu / ingested) * 10_000).toFixed(2)} s (ingest, scoring, ${DASHBOARDS} dashboards); ` +
    `raw drain ${((raw.cpuS / raw.events) * 10_000).toFixed(2)} s`,
);
process.exit(total === ingested + backlog ? 0 : 1);
