/**
 * The consumers' own connection for blocking stream reads (server/redis/blocking-reads.ts) against a real
 * redis-server: the replies ioredis gives, errors as errors, a read held past its time answered null with its late
 * reply dropped, a lost server reconnected to, and a password and database taken from the URL.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockingReads } from '../../server/redis/blocking-reads.js';
import { createRedis, singleNode } from '../../server/redis/connections.js';
import { freePort, TestRedis } from '../support/redis-server.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await TestRedis.start();
});
afterAll(async () => {
  await redis?.stop();
});

const open = (url = redis.url, graceMs = 2_000) => new BlockingReads({ url, name: 'test-reads', graceMs });

describe('BlockingReads', () => {
  it('reads a consumer group as ioredis does: JSON and pairs entries, text in any script, entries deleted while pending', async () => {
    // ioredis as the product's other connections are made (RESP2)
    const admin = singleNode(createRedis(redis.url, 'test-admin'));
    const key = 'br:same';
    await admin.xgroup('CREATE', key, 'g', '0', 'MKSTREAM');
    await admin.xadd(key, '*', 'event', JSON.stringify({ query: 'žąsis.lt 日本 🛰️', note: 'a\r\nb' }));
    await admin.xadd(key, '*', 'kind', 'flow', 'bytes_out', '', 'user', 'Jūratė');
    const gone = await admin.xadd(key, '*', 'event', '{}');
    const reads = open();
    const args = ['GROUP', 'g', 'c', 'COUNT', 10, 'BLOCK', 100, 'STREAMS', key] as const;
    const fresh = await reads.call('XREADGROUP', ...args, '>');
    await admin.xdel(key, gone!);
    const ours = await reads.call('XREADGROUP', ...args, '0');
    const theirs = await admin.call('XREADGROUP', ...args, '0');
    expect(ours).toEqual(theirs);
    expect((fresh as [string, unknown[]][])[0]![1]).toHaveLength(3);
    expect((ours as [string, [string, unknown][]][])[0]![1][2]![1]).toBeNull();
    // nothing new: BLOCK runs out and Redis answers nil
    expect(await reads.call('XREADGROUP', ...args, '>')).toBeNull();
    reads.disconnect();
    admin.disconnect();
  });

  it('keeps a connection that is quiet longer than its connect timeout (a long BLOCK)', async () => {
    const admin = redis.client();
    await admin.xgroup('CREATE', 'br:quiet', 'g', '0', 'MKSTREAM');
    admin.disconnect();
    const reads = new BlockingReads({
      url: redis.url,
      name: 'test-quiet',
      graceMs: 2_000,
      connectTimeoutMs: 200,
    });
    await reads.ping();
    const args = ['GROUP', 'g', 'c', 'BLOCK', 800, 'STREAMS', 'br:quiet', '>'] as const;
    expect(await reads.call('XREADGROUP', ...args)).toBeNull();
    expect(await reads.ping()).toBe('PONG');
    reads.disconnect();
  });

  it('fails a command Redis refuses with its error, and goes on', async () => {
    const reads = open();
    await expect(
      reads.call('XREADGROUP', 'GROUP', 'nope', 'c', 'COUNT', 1, 'STREAMS', 'br:none', '>'),
    ).rejects.toThrow(/NOGROUP/);
    expect(await reads.ping()).toBe('PONG');
    reads.disconnect();
  });

  it('answers null for a read Redis holds past BLOCK + grace, drops its late reply, and answers a PING after it', async () => {
    const admin = redis.client();
    const key = 'br:held';
    await admin.xgroup('CREATE', key, 'g', '0', 'MKSTREAM');
    await admin.xadd(key, '*', 'event', '{"n":1}');
    const reads = open(redis.url, 200);
    await reads.ping();
    await admin.call('CLIENT', 'PAUSE', 1_500, 'ALL');
    const started = Date.now();
    const held = await reads.call(
      'XREADGROUP',
      'GROUP',
      'g',
      'c',
      'COUNT',
      1,
      'BLOCK',
      100,
      'STREAMS',
      key,
      '>',
    );
    expect(held).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_200);
    // the PING is answered only once Redis has answered the held read (which delivered the entry to `c`)
    expect(await reads.ping()).toBe('PONG');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_300);
    const pending = (await reads.call(
      'XREADGROUP',
      'GROUP',
      'g',
      'c',
      'COUNT',
      10,
      'BLOCK',
      100,
      'STREAMS',
      key,
      '0',
    )) as [string, [string, string[]][]][];
    expect(pending[0]![1].map(([, f]) => f[1])).toEqual(['{"n":1}']);
    reads.disconnect();
    admin.disconnect();
  });

  it('fails the commands in flight when the server goes, and connects again for the next', async () => {
    const reads = open();
    expect(await reads.ping()).toBe('PONG');
    const admin = redis.client();
    await admin.xgroup('CREATE', 'br:lost', 'g', '0', 'MKSTREAM');
    admin.disconnect();
    const inFlight = reads.call('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', 5_000, 'STREAMS', 'br:lost', '>');
    const failed = expect(inFlight).rejects.toThrow(/closed|ECONNRESET/);
    await sleep(100);
    await redis.restart('kill');
    await failed;
    let answer: unknown = null;
    for (let i = 0; i < 50 && answer !== 'PONG'; i++) {
      answer = await reads.ping().catch(() => null);
      if (answer !== 'PONG') await sleep(100);
    }
    expect(answer).toBe('PONG');
    reads.disconnect();
    await expect(reads.ping()).rejects.toThrow(/closed/);
  });

  it('logs in with the password and user of the URL and selects its database; a wrong password fails every read', async () => {
    const admin = redis.client();
    await admin.call('ACL', 'SETUSER', 'reader', 'on', '>s3cret', '~*', '&*', '+@all');
    await admin.select(3);
    await admin.set('br:where', 'db3');
    const url = new URL(redis.url);
    url.username = 'reader';
    url.password = 's3cret';
    url.pathname = '/3';
    const reads = open(url.href);
    expect(await reads.call('GET', 'br:where')).toBe('db3');
    const names = String(await admin.call('CLIENT', 'LIST'));
    expect(names).toContain('name=watchfloor:test-reads');
    reads.disconnect();
    url.password = 'wrong';
    const refused = open(url.href);
    await expect(refused.call('GET', 'br:where')).rejects.toThrow(/WRONGPASS|invalid/i);
    refused.disconnect();
    await admin.call('ACL', 'DELUSER', 'reader');
    admin.disconnect();
  });
});

describe('BlockingReads to a server that never takes the connection', () => {
  it('gives the connection up after its connect timeout and fails the command waiting on it', async () => {
    // a listener with a full queue that never accepts: a further connection hangs in its handshake
    const port = await freePort();
    const listener = spawn('python3', [
      '-c',
      `import socket,time\ns=socket.socket()\ns.bind(("127.0.0.1",${port}))\ns.listen(0)\nprint("up",flush=True)\ntime.sleep(30)`,
    ]);
    await new Promise((resolve) => listener.stdout.once('data', resolve));
    const fillers = Array.from({ length: 4 }, () => connect(port, '127.0.0.1').on('error', () => {}));
    await sleep(200);
    const reads = new BlockingReads({
      url: `redis://127.0.0.1:${port}`,
      name: 'test-timeout',
      graceMs: 2_000,
      connectTimeoutMs: 300,
    });
    const started = Date.now();
    await expect(reads.ping()).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(2_000);
    reads.disconnect();
    for (const f of fillers) f.destroy();
    listener.kill();
  });
});
