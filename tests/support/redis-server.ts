/** @module Test helper: a real redis-server on a free port, which a test may stop and restart. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export class TestRedis {
  private child: ChildProcess | null = null;
  readonly dir = mkdtempSync(join(tmpdir(), 'wf-redis-'));
  private constructor(readonly port: number) {}

  static async start(opts: { appendonly?: boolean } = {}): Promise<TestRedis> {
    const r = new TestRedis(await freePort());
    await r.spawn(opts.appendonly ?? false);
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The server's process id (null while stopped). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  private appendonly = false;

  private async spawn(appendonly: boolean): Promise<void> {
    this.appendonly = appendonly;
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        appendonly ? 'yes' : 'no',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      const probe = new Redis(this.url, {
        lazyConnect: true,
        retryStrategy: () => null,
        maxRetriesPerRequest: 0,
      });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await sleep(50);
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** Kills the server (SIGKILL): a crash, not a shutdown. */
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGKILL');
    await exited;
  }

  /** Restarts the server: killed (a crash), or shut down (`SHUTDOWN`, which writes its AOF out first). */
  async restart(how: 'kill' | 'shutdown' = 'kill'): Promise<void> {
    if (how === 'shutdown') await this.shutdown();
    else await this.kill();
    await this.spawn(this.appendonly);
  }

  /** A clean stop through `SHUTDOWN`. */
  async shutdown(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    const r = new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => {});
    await r.call('SHUTDOWN').catch(() => {});
    r.disconnect();
    await exited;
  }

  client(): Redis {
    const r = new Redis(this.url, { maxRetriesPerRequest: null });
    r.on('error', () => {});
    return r;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
