/**
 * @module Helpers for the several-processes tests: Watchfloor processes by role, a TCP proxy in front of web
 * instances (as a load balancer would be), a producer of a small network with two attacks, and what the partitions'
 * owners report.
 */
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Cluster, Redis } from 'ioredis';
import { UserStore } from '../../server/auth/users.js';
import { Keys } from '../../server/redis/keys.js';
import type { PartitionPart } from '../../shared/schemas/cluster.js';
import { type ChildServer, startChildServer } from '../support/child-server.js';
import { eventually } from '../support/server.js';

export interface Proc {
  name: string;
  child: ChildServer;
  port: number;
  url: string;
}

/** Starts one Watchfloor process with `roles` and waits until it listens. */
export async function startProc(name: string, roles: string, env: Record<string, string>): Promise<Proc> {
  const child = startChildServer({ LOG_LEVEL: 'info', ...env, WF_ROLES: roles, WF_MEMBER_ID: name });
  const port = Number(
    await eventually(
      async () => /"port":(\d+)[^\n]*"watchfloor listening"/.exec(child.output())?.[1],
      90_000,
    ).catch(() => {
      throw new Error(`${name} did not start: ${child.output().slice(-2000)}`);
    }),
  );
  return { name, child, port, url: `http://127.0.0.1:${port}` };
}

/** Any connection of a test: to one Redis or to a cluster. */
type Conn = Redis | Cluster;

/** Keys under a prefix (one Redis's names), or the given keys (a cluster's). */
const keysOf = (prefix: string | Keys) => (typeof prefix === 'string' ? new Keys(prefix) : prefix);

export async function addUser(
  redis: Conn,
  prefix: string | Keys,
  name: string,
  role: 'lead' | 'admin' | 'operator',
) {
  await new UserStore(redis, keysOf(prefix)).add(name, role, 'correct horse battery');
}

export async function login(url: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name, password: 'correct horse battery' }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A TCP proxy sending each new connection to the first backend that accepts it (a load balancer's failover). */
export async function startProxy(backends: () => number[]): Promise<{ port: number; close(): void }> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.pause();
    const tryNext = (list: number[]) => {
      const port = list[0];
      if (port === undefined) return client.destroy();
      const up = createConnection({ port, host: '127.0.0.1' });
      up.once('error', () => {
        up.destroy();
        tryNext(list.slice(1));
      });
      up.once('connect', () => {
        open.add(up);
        up.removeAllListeners('error');
        client.pipe(up).pipe(client);
        client.resume();
        const end = () => {
          client.destroy();
          up.destroy();
        };
        for (const s of [client, up]) {
          s.on('close', end);
          s.on('error', end);
        }
      });
    };
    tryNext(backends());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close() {
      for (const s of open) s.destroy();
      server.close();
    },
  };
}

export const SEGMENTS = [
  'energy',
  'health',
  'telecom',
  'ministry',
  'water',
  'transport',
  'finance',
  'defence',
];

/**
 * Event `i` of a network of 8 segments × 40 hosts sending flows, and two attacks: a port scan (from `scanner`, in
 * `scanSegment`) and password guessing, both while `attack(i)` holds. Every event carries id `<tag>-<i>`.
 */
export function networkEvent(
  tag: string,
  i: number,
  ts: number,
  opts: { attack: boolean; scanner?: string; scanSegment?: string },
): string {
  const id = `${tag}-${i}`;
  if (opts.attack && i % 10 === 0)
    return JSON.stringify({
      ts,
      sensor: `sensor-${opts.scanSegment ?? 'energy'}`,
      kind: 'flow',
      src_ip: opts.scanner ?? '10.50.0.66',
      segment: opts.scanSegment ?? 'energy',
      dst_ip: `10.50.9.${i % 200}`,
      dst_port: 1 + (i % 5000),
      proto: 'tcp',
      conn_state: 'S0',
      bytes_out: 60,
      event_id: id,
    });
  if (opts.attack && i % 10 === 5)
    return JSON.stringify({
      ts,
      sensor: 'sensor-health',
      kind: 'auth',
      src_ip: '10.51.0.9',
      segment: 'health',
      dst_ip: '10.51.1.1',
      outcome: 'failure',
      user: `user${i % 50}`,
      event_id: id,
    });
  const seg = SEGMENTS[i % SEGMENTS.length]!;
  const h = (i >> 3) % 40;
  return JSON.stringify({
    ts,
    sensor: `sensor-${seg}`,
    kind: 'flow',
    src_ip: `10.${60 + (i % SEGMENTS.length)}.0.${h}`,
    segment: seg,
    dst_ip: `10.99.0.${h % 7}`,
    dst_port: 443,
    proto: 'tcp',
    bytes_out: 800 + ((i * 7919) % 400),
    event_id: id,
  });
}

/** Writes `n` events at about `perSecond` in 50 ms slices, the attacks between `attackFrom` and `attackTo`. */
export async function produceNetwork(
  redis: Conn,
  stream: string,
  tag: string,
  n: number,
  perSecond: number,
  attack: { from: number; to: number; scanner?: string; scanSegment?: string },
  onProgress?: (written: number) => void,
): Promise<number> {
  const slice = Math.max(1, Math.round(perSecond / 20));
  let written = 0;
  while (written < n) {
    const started = Date.now();
    const p = redis.pipeline();
    const count = Math.min(slice, n - written);
    for (let j = 0; j < count; j++) {
      const i = written + j;
      p.xadd(
        stream,
        '*',
        'event',
        networkEvent(tag, i, Date.now(), { ...attack, attack: i >= attack.from && i < attack.to }),
      );
    }
    const res = await p.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
    written += count;
    onProgress?.(written);
    await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - started))));
  }
  return written;
}

/** Every partition's last part (what its owner last wrote). */
export async function parts(
  redis: Conn,
  prefix: string | Keys,
  partitions: number,
): Promise<PartitionPart[]> {
  const keys = keysOf(prefix);
  const out: PartitionPart[] = [];
  for (let n = 0; n < partitions; n++) {
    const text = await redis.get(keys.partition(n, 'part'));
    if (text) out.push(JSON.parse(text) as PartitionPart);
  }
  return out;
}

/** The member holding each partition's lease (null where none does). */
export async function owners(
  redis: Conn,
  prefix: string | Keys,
  partitions: number,
): Promise<(string | null)[]> {
  const keys = keysOf(prefix);
  const out: (string | null)[] = [];
  for (let n = 0; n < partitions; n++) {
    const lease = await redis.get(keys.partition(n, 'lease'));
    out.push(lease ? lease.slice(0, lease.lastIndexOf(' ')) : null);
  }
  return out;
}
