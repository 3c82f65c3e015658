/**
 * @module Replay throughput: `watchfloor replay --speed max` of a large synthetic EVE file against the raw
 * pipelined XADD rate of the same payloads, in one run (target: replay ≥ 50% of raw). Uses REDIS_URL when set,
 * else a private redis-server on a free port. Run: `npx tsx bench/replay-bench.ts [EVENTS]` (default 200,000).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedis, type Redis } from '../server/redis/connections.js';
import { replay } from '../server/replay/replay.js';
import { TestRedis } from '../tests/support/redis-server.js';

const BATCH = 500;
const IN_FLIGHT = 4;
const ROUNDS = 5;
const rate = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (r: number) => `${Math.round(r * 100)}%`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Realistic EVE lines (flow 70%, dns 15%, alert 5%, tls 10%), out of order by up to 60 s, as Suricata writes. */
export function syntheticEve(n: number, seed = 7): string[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const t0 = Date.parse('2024-05-01T10:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = t0 + i * 2 - Math.floor(rnd() * 60_000);
    const src = `10.${1 + (i % 7)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 254) + 1}`;
    const base = {
      timestamp: iso(at),
      flow_id: 1_000_000_000_000_000 + i * 7919,
      in_iface: 'eth0',
      src_ip: src,
      src_port: 1024 + Math.floor(rnd() * 60_000),
      dest_ip: `198.51.100.${Math.floor(rnd() * 254) + 1}`,
      dest_port: [443, 80, 53, 22, 3389][i % 5],
      proto: i % 5 === 2 ? 'UDP' : 'TCP',
    };
    const r = rnd();
    const rec =
      r < 0.7
        ? {
            ...base,
            event_type: 'flow',
            app_proto: 'tls',
            flow: {
              pkts_toserver: 12,
              pkts_toclient: 14,
              bytes_toserver: Math.floor(rnd() * 50_000),
              bytes_toclient: Math.floor(rnd() * 500_000),
              start: iso(at - 5000),
              end: iso(at),
              age: 5,
              state: 'closed',
              reason: 'timeout',
              alerted: false,
            },
            tcp: {
              tcp_flags: '1b',
              tcp_flags_ts: '1b',
              tcp_flags_tc: '1b',
              syn: true,
              fin: true,
              ack: true,
              state: 'closed',
            },
          }
        : r < 0.85
          ? {
              ...base,
              event_type: 'dns',
              dns: {
                version: 2,
                type: 'answer',
                id: i % 65_536,
                rrname: `host${i % 5000}.example.org`,
                rrtype: 'A',
                rcode: 'NOERROR',
              },
            }
          : r < 0.9
            ? {
                ...base,
                event_type: 'alert',
                alert: {
                  action: 'allowed',
                  gid: 1,
                  signature_id: 2_000_000 + (i % 100),
                  rev: 3,
                  signature: `ET POLICY test ${i % 100}`,
                  category: 'Potentially Bad Traffic',
                  severity: 2,
                },
              }
            : {
                ...base,
                event_type: 'tls',
                tls: { subject: 'CN=example.org', version: 'TLS 1.3', sni: 'example.org' },
              };
    lines.push(JSON.stringify(rec));
  }
  return lines;
}

async function rawXadd(redis: Redis, stream: string, payloads: readonly string[]): Promise<number> {
  const t0 = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < payloads.length; i += BATCH) {
    const p = redis.pipeline();
    for (const payload of payloads.slice(i, i + BATCH)) p.xadd(stream, '*', 'eve', payload);
    inflight.push(p.exec());
    if (inflight.length >= IN_FLIGHT) await inflight.shift();
  }
  await Promise.all(inflight);
  return (payloads.length * 1000) / (performance.now() - t0);
}

export interface ReplayFigures {
  events: number;
  rawPerSec: number;
  replayPerSec: number;
  replaySendPerSec: number;
  ratio: number;
}

export async function runReplayBench(
  n = 200_000,
  log: (line: string) => void = console.log,
): Promise<ReplayFigures> {
  const server = process.env.REDIS_URL ? null : await TestRedis.start();
  const url = process.env.REDIS_URL ?? server!.url;
  const redis = createRedis(url, 'bench');
  const dir = mkdtempSync(join(tmpdir(), 'wf-replay-bench-'));
  try {
    const lines = syntheticEve(n);
    const file = join(dir, 'eve.json');
    writeFileSync(file, `${lines.join('\n')}\n`);
    log(
      `replay bench: ${n.toLocaleString('en-US')} synthetic EVE records (${Math.round(lines.join('').length / n)} bytes each) on ${url}`,
    );
    const rounds: { raw: number; total: number; send: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const rawStream = `bench:raw:${round}`;
      const raw = await rawXadd(redis, rawStream, lines);
      await redis.del(rawStream);
      const stream = `bench:replay:${round}`;
      const s = await replay(
        {
          files: [file],
          format: 'eve',
          stream,
          speed: 'max',
          rebase: 'keep',
          batch: BATCH,
          inFlight: IN_FLIGHT,
        },
        { redis },
      );
      await redis.del(stream);
      const total = (s.sent * 1000) / s.durationMs;
      const send = (s.sent * 1000) / (s.durationMs - s.loadMs);
      rounds.push({ raw, total, send });
      log(
        `  round ${round}: raw XADD ${rate(raw)}/s; replay ${rate(total)}/s end to end = ${pct(total / raw)} ` +
          `(read+sort ${(s.loadMs / 1000).toFixed(2)} s, then sending ${rate(send)}/s = ${pct(send / raw)})`,
      );
    }
    const ratio = median(rounds.map((r) => r.total / r.raw));
    const sendRatio = median(rounds.map((r) => r.send / r.raw));
    const out = {
      events: n,
      rawPerSec: median(rounds.map((r) => r.raw)),
      replayPerSec: median(rounds.map((r) => r.total)),
      replaySendPerSec: median(rounds.map((r) => r.send)),
      ratio,
    };
    log(
      `  median of ${ROUNDS} rounds: raw ${rate(out.rawPerSec)}/s, replay ${rate(out.replayPerSec)}/s end to end; ` +
        `replay/raw ${pct(ratio)} end to end, ${pct(sendRatio)} while sending (target ≥ 50%)`,
    );
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await redis.quit().catch(() => redis.disconnect());
    await server?.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runReplayBench(Number(process.argv[2] ?? 200_000));
}
