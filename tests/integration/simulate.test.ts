/** The simulator against a real redis-server: what it writes, ground truth, recovery from an outage, the CLI. */

import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Keys } from '../../server/redis/keys.js';
import { runSimulateCommand } from '../../server/simulate/command.js';
import { fixedSchedule } from '../../server/simulate/schedule.js';
import { startSimulator } from '../../server/simulate/simulator.js';
import { truthFromFields } from '../../server/simulate/truth.js';
import { nativeEventSchema } from '../../shared/schemas/telemetry.js';
import { freePort } from '../support/redis-server.js';

let redis: Redis;
beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => redis?.quit());

const unique = () => randomUUID().slice(0, 8);

/** A private redis-server this test can take down and bring back on the same port. */
async function redisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    const probe = new Redis(port, '127.0.0.1', {
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      return child;
    } catch {
      await sleep(50);
    } finally {
      probe.disconnect();
    }
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('simulator', () => {
  it('writes native events in field `event`, capped, and the ground truth when a scenario starts', async () => {
    const stream = `sim-${unique()}`;
    const keys = new Keys(`t${unique()}:`);
    const controller = new AbortController();
    const start = Date.now();
    const sim = startSimulator({
      redis,
      keys,
      stream,
      rate: 400,
      seed: 5,
      schedule: fixedSchedule([{ scenario: 'port-scan', start: start + 300 }]),
      signal: controller.signal,
      tickMs: 100,
    });
    await sleep(1_500);
    controller.abort();
    const stats = await sim.done;
    expect(stats.errors).toBe(0);
    expect(stats.scenarios).toBe(1);
    expect(stats.events).toBeGreaterThan(300);
    expect(await redis.xlen(stream)).toBe(stats.events);

    const entries = await redis.xrange(stream, '-', '+');
    const events = entries.map(([, fields]) => {
      expect(fields[0]).toBe('event');
      expect(fields).toHaveLength(2);
      return nativeEventSchema.parse(JSON.parse(fields[1]!));
    });
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    const [[, truthFields]] = (await redis.xrange(keys.simTruth, '-', '+')) as [[string, string[]]];
    const truth = truthFromFields(truthFields);
    expect(truth).toMatchObject({ scenario: 'port-scan', start: start + 300 });
    expect(events.some((e) => e.src_ip === truth.entity && e.conn_state === 'S0')).toBe(true);
  });

  it('reports write failures, backs off and resumes when Redis comes back', async () => {
    const port = await freePort();
    let server = await redisServer(port);
    const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    client.on('error', () => {});
    const errors: Error[] = [];
    const controller = new AbortController();
    const sim = startSimulator({
      redis: client,
      keys: new Keys('t:'),
      stream: 'telemetry',
      rate: 100,
      seed: 1,
      schedule: fixedSchedule([]),
      signal: controller.signal,
      tickMs: 50,
      backoffMs: [50, 200],
      onError: (e) => errors.push(e),
    });
    try {
      await sleep(300);
      expect(sim.stats().events).toBeGreaterThan(0);
      await stopServer(server);
      await sleep(600);
      expect(errors.length).toBeGreaterThan(0);
      expect(sim.stats().errors).toBe(errors.length);
      expect(errors.length).toBeLessThan(15); // bounded backoff, not a hot loop
      server = await redisServer(port);
      const before = sim.stats().events;
      await sleep(1_000);
      expect(sim.stats().events).toBeGreaterThan(before);
      expect(await client.xlen('telemetry')).toBeGreaterThan(0);
    } finally {
      controller.abort();
      await sim.done;
      client.disconnect();
      await stopServer(server);
    }
  });
});

describe('watchfloor simulate', () => {
  it('runs for --duration, prints what it injects and writes the stream', async () => {
    const stream = `cli-${unique()}`;
    const prefix = `c${unique()}:`;
    let out = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (out += t) } };
    const argv = ['--rate', '200', '--seed', '3', '--stream', stream, '--duration', '1.2', '--first', '0.2'];
    const listeners = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const code = await runSimulateCommand(argv, { REDIS_URL: inject('redisUrl'), WF_PREFIX: prefix }, io);
    expect(code).toBe(0);
    // the Ctrl-C listeners of the run are removed after it
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(listeners);
    expect(out).toContain('seed 3');
    expect(out).toContain('10.20.0.0/16');
    expect(out).toMatch(/injecting port-scan from 10\.\d+\.\d+\.\d+/);
    expect(out).toMatch(
      new RegExp(
        `stopped: \\d+ events, 1 scenario.*; written to stream "${stream}" on ${inject('redisUrl')}`,
      ),
    );
    expect(await redis.xlen(stream)).toBeGreaterThan(100);
    expect(await redis.xlen(new Keys(prefix).simTruth)).toBe(1);
  });
});
