/**
 * @module Fan-out with frames of a realistic size: `BENCH_FANOUT_CLIENTS` (default 1,500) Socket.IO dashboards on one
 * compiled Watchfloor process fed `BENCH_FANOUT_RATE` events/s (default 2,000) over 20 segments with attacks among
 * them, so that frames carry 20 segments and top hosts with reasons. Reports each frame's delay beyond its tick (the
 * client's arrival time minus the frame's build time, same clock) p50/p99, the server's CPU per frame above the same
 * run with no clients, the clients' own CPU, and the same figures for a bare Socket.IO server sending the same frame
 * to the same clients (the baseline, same run). The dashboards are thin Socket.IO protocol clients over `ws` that
 * read a frame's `now` (its first field) without parsing the rest, so that 1,500 of them in this one process measure
 * the server rather than their own JSON parsing. Run: `npx tsx bench/fanout.ts` (after `npm run bench` compiled it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createGenerator } from '../server/simulate/generator.js';
import { buildTopology } from '../server/simulate/network-model.js';
import type { Frame } from '../shared/schemas/frame.js';
import { freePort, type TestRedis } from '../tests/support/redis-server.js';
import { NODE_FLAGS, processCpuS, root, startBenchServer } from './support.js';

const CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 1500);
const RATE = Number(process.env.BENCH_FANOUT_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 20);
const SEGMENTS = 20;

interface Sample {
  p50: number;
  p99: number;
  frames: number;
  /** Server CPU ms per frame (for Watchfloor: above the same load with no clients). */
  serverMsPerFrame: number;
  clientMsPerFrame: number;
  frameBytes: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One received frame: its sequence number and build time, read from the text without parsing it whole. */
export type FrameStamp = { seq: number; now: number };
const STAMP = /^42\["frame",\{"now":(\d+),"seq":(\d+)/;

/**
 * Connects `n` dashboards (in batches, so the handshakes do not time out) speaking Socket.IO's protocol over a
 * websocket (engine.io 4: open, namespace connect, pings answered), each calling `onFrame` with a frame's stamp, its
 * text and the client's number.
 */
export async function dashboards(
  url: string,
  n: number,
  onFrame: (f: FrameStamp, text: string, client: number) => void,
  cookie?: string,
): Promise<WebSocket[]> {
  const target = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const clients: WebSocket[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = Array.from({ length: Math.min(100, n - i) }, () => {
      const ws = new WebSocket(target, { headers: cookie ? { cookie } : {} });
      const client = clients.push(ws) - 1;
      return new Promise<void>((resolve, reject) => {
        ws.on('message', (data: Buffer) => {
          const text = data.toString();
          if (text.startsWith('0'))
            ws.send('40'); // engine.io open → join the default namespace
          else if (text === '2')
            ws.send('3'); // ping → pong
          else if (text.startsWith('40')) resolve();
          else if (text.startsWith('44')) reject(new Error(`refused: ${text}`));
          else {
            const m = STAMP.exec(text);
            if (m) onFrame({ now: Number(m[1]), seq: Number(m[2]) }, text, client);
          }
        });
        ws.once('error', reject);
      });
    });
    await Promise.all(batch);
  }
  return clients;
}

/** Delay of every frame every client receives over `seconds`, with the CPU the server and this process spent. */
async function measure(
  clients: number,
  seconds: number,
  pid: number,
  connectAll: (onFrame: (f: FrameStamp, text: string) => void) => Promise<WebSocket[]>,
): Promise<Omit<Sample, 'serverMsPerFrame'> & { serverCpuS: number; last: Frame | null }> {
  const delays: number[] = [];
  let counting = false;
  const seqs = new Set<number>();
  let lastText = '';
  const sockets = await connectAll((f, text) => {
    lastText = text;
    if (!counting) return;
    delays.push(Date.now() - f.now);
    seqs.add(f.seq);
  });
  await sleep(3000);
  const cpu0 = processCpuS(pid);
  const own0 = process.cpuUsage();
  counting = true;
  await sleep(seconds * 1000);
  counting = false;
  const serverCpuS = processCpuS(pid) - cpu0;
  const own = process.cpuUsage(own0);
  for (const s of sockets) s.close();
  const frames = Math.max(1, seqs.size);
  const last = lastText ? (JSON.parse(lastText.slice(2)) as [string, Frame])[1] : null;
  return {
    p50: pct(delays, 0.5),
    p99: pct(delays, 0.99),
    frames,
    serverCpuS,
    clientMsPerFrame: (own.user + own.system) / 1000 / frames,
    frameBytes: lastText.length,
    last: clients > 0 ? last : null,
  };
}

export async function runFanoutBench(redis: TestRedis): Promise<{ wf: Sample; bare: Sample }> {
  const server = await startBenchServer(redis, { WF_TICK_MS: '1000' });
  const producer = redis.client();
  const gen = createGenerator({ seed: 11, topology: buildTopology(11), rate: RATE, rhythm: 0 });
  const segmentOf = (ip: string) =>
    `segment-${String((ip.split('.').reduce((h, x) => h * 31 + Number(x), 7) >>> 0) % SEGMENTS).padStart(2, '0')}`;
  let t = Date.now();
  const feeding = setInterval(() => {
    const now = Date.now();
    const p = producer.pipeline();
    for (const e of gen.eventsBetween(t, now)) {
      const { event_id: _id, ...ev } = e as Record<string, unknown>;
      p.xadd(
        server.stream,
        '*',
        'event',
        JSON.stringify({ ...ev, ts: now, segment: segmentOf(String(ev.src_ip)) }),
      );
    }
    t = now;
    p.exec().catch(() => {});
  }, 50);
  try {
    await sleep(15_000); // baselines, top hosts and their reasons fill in
    const pid = server.child.pid!;
    const idle = await measure(0, SECONDS, pid, async () => []);
    const wf = await measure(CLIENTS, SECONDS, pid, (onFrame) =>
      dashboards(server.base, CLIENTS, onFrame, server.cookie),
    );
    const frame = wf.last;
    server.stop();
    // the baseline: the same frame, the same clients, a bare Socket.IO server
    const dir = mkdtempSync(join(tmpdir(), 'wf-fanout-'));
    writeFileSync(join(dir, 'frame.json'), JSON.stringify(frame));
    const port = await freePort();
    const bareChild = spawn(
      process.execPath,
      [...NODE_FLAGS, '.bench-dist/bench/bare-broadcast.js', String(port), join(dir, 'frame.json')],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise((resolve) => bareChild.stdout!.once('data', resolve));
    const bare = await measure(CLIENTS, SECONDS, bareChild.pid!, (onFrame) =>
      dashboards(`http://127.0.0.1:${port}`, CLIENTS, onFrame),
    );
    bareChild.kill('SIGTERM');
    const perFrame = (cpuS: number, frames: number) => (cpuS * 1000) / frames;
    const result = {
      wf: { ...wf, serverMsPerFrame: perFrame(wf.serverCpuS - idle.serverCpuS, wf.frames) },
      bare: { ...bare, serverMsPerFrame: perFrame(bare.serverCpuS, bare.frames) },
    };
    const row = (name: string, s: Sample) =>
      `| ${name} | ${s.frameBytes.toLocaleString('en')} | ${s.p50.toFixed(0)} | ${s.p99.toFixed(0)} | ${s.serverMsPerFrame.toFixed(1)} | ${s.clientMsPerFrame.toFixed(1)} |`;
    console.log(
      `${CLIENTS} dashboards, ${RATE} events/s over ${SEGMENTS} segments, tick 1 s, ${SECONDS} s measured:`,
    );
    console.log(
      "| server | frame bytes | delay beyond tick p50 ms | p99 ms | server CPU ms per frame | clients' CPU ms per frame |",
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    console.log(row('Watchfloor (CPU above the same load without clients)', result.wf));
    console.log(row('bare Socket.IO, same frame', result.bare));
    console.log(
      `server CPU with no clients: ${((idle.serverCpuS / SECONDS) * 100).toFixed(0)} % of a core (ingest and scoring at ${RATE}/s)`,
    );
    return result;
  } finally {
    clearInterval(feeding);
    producer.disconnect();
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { TestRedis } = await import('../tests/support/redis-server.js');
  const redis = await TestRedis.start();
  try {
    await runFanoutBench(redis);
  } finally {
    await redis.stop();
  }
  process.exit(0);
}
