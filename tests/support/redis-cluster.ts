/**
 * @module Test helper: a real Redis Cluster of three masters on loopback (no replicas), made of `redis-server
 * --cluster-enabled yes` processes joined by `redis-cli --cluster create`, on free ports; stopped and removed after.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster, Redis } from 'ioredis';
import { redisAnswers } from '../../server/redis/connections.js';

/** True when nothing listens on `port` of 127.0.0.1. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.unref();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (taken.has(port)) continue;
    if ((await portFree(port)) && (await portFree(port + 10_000))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port pair for a cluster node');
}

export class TestRedisCluster {
  private readonly children: ChildProcess[] = [];
  private readonly dirs: string[] = [];
  private constructor(readonly ports: readonly number[]) {}

  /** Starts `masters` nodes (three by default) and joins them into one cluster covering every slot. */
  static async start(masters = 3): Promise<TestRedisCluster> {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let i = 0; i < masters; i++) ports.push(await freeClusterPort(taken));
    const c = new TestRedisCluster(ports);
    try {
      await c.spawnAll();
      await c.create();
    } catch (err) {
      await c.stop();
      throw err;
    }
    return c;
  }

  /** `REDIS_CLUSTER_NODES`: `127.0.0.1:p1,127.0.0.1:p2,…`. */
  get nodes(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  /** The nodes' process ids, in the order of `ports`. */
  get pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  private async spawnAll(): Promise<void> {
    for (const port of this.ports) {
      const dir = mkdtempSync(join(tmpdir(), 'wf-redis-cluster-'));
      this.dirs.push(dir);
      const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, 'nodes.conf'),
        '--cluster-node-timeout',
        '5000',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ];
      this.children.push(spawn('redis-server', args, { stdio: 'ignore' }));
    }
    for (const port of this.ports) {
      let up = false;
      for (let i = 0; i < 100 && !up; i++) {
        up = await redisAnswers(`redis://127.0.0.1:${port}`);
        if (!up) await sleep(50);
      }
      if (!up) throw new Error(`cluster node on port ${port} did not start`);
    }
  }

  private async create(): Promise<void> {
    const res = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...this.ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (res.status !== 0) throw new Error(`redis-cli --cluster create failed: ${res.stdout}${res.stderr}`);
    // every node must see every slot covered before a client may rely on it
    for (let i = 0; i < 200; i++) {
      const states = await Promise.all(this.ports.map((p) => this.clusterState(p)));
      if (states.every((s) => s === 'ok')) return;
      await sleep(100);
    }
    throw new Error('the cluster did not reach cluster_state:ok');
  }

  private async clusterState(port: number): Promise<string> {
    const r = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => {});
    try {
      const info = (await r.call('CLUSTER', 'INFO')) as string;
      return /cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown';
    } catch {
      return 'unknown';
    } finally {
      r.disconnect();
    }
  }

  /** A cluster client for the test itself. */
  client(): Cluster {
    const c = new Cluster(
      this.ports.map((port) => ({ host: '127.0.0.1', port })),
      { redisOptions: { maxRetriesPerRequest: null } },
    );
    c.on('error', () => {});
    return c;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise((resolve) => c.once('exit', resolve));
        c.kill('SIGKILL');
        await exited;
      }),
    );
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}
