/**
 * A fresh read (`>`) is acknowledged by its range (server/redis/lua/stream-ack-range.lua, queued as a plain EVAL in the
 * MULTI that records the batch): exactly the consumer's entries of that read, none of another consumer's, none of its
 * own earlier reads, and past 1,000 entries too (XACK in pages).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { queueEval } from '../../server/redis/scripts.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.disconnect());

type Read = [string, [string, string[]][]][];
const read = async (stream: string, consumer: string, count: number) =>
  (
    (await redis.xreadgroup('GROUP', 'g', consumer, 'COUNT', count, 'STREAMS', stream, '>')) as Read
  )[0]![1].map(([id]) => id);
const pendingOf = async (stream: string, consumer: string) =>
  ((await redis.xpending(stream, 'g', '-', '+', 100_000, consumer)) as [string][]).map(([id]) => id);

async function ackRange(stream: string, consumer: string, ids: string[]): Promise<number> {
  const m = redis.multi();
  queueEval(m, 'streamAckRange', [stream], ['g', consumer, ids[0]!, ids.at(-1)!, ids.length]);
  const [[err, acked]] = (await m.exec()) as [[Error | null, number]];
  if (err) throw err;
  return acked;
}

describe('acknowledging a fresh read by its range', () => {
  it("acknowledges that read's entries only", async () => {
    const stream = `ack-${randomUUID().slice(0, 8)}`;
    const p = redis.pipeline();
    for (let i = 0; i < 10; i++) p.xadd(stream, '*', 'event', String(i));
    await p.exec();
    await redis.xgroup('CREATE', stream, 'g', '0');
    const earlier = await read(stream, 'a', 3);
    const other = await read(stream, 'b', 3);
    const batch = await read(stream, 'a', 4);
    expect(await ackRange(stream, 'a', batch)).toBe(4);
    expect(await pendingOf(stream, 'a')).toEqual(earlier);
    expect(await pendingOf(stream, 'b')).toEqual(other);
  });

  it('acknowledges a read of more than 1,000 entries', async () => {
    const stream = `ack-${randomUUID().slice(0, 8)}`;
    const p = redis.pipeline();
    for (let i = 0; i < 2_500; i++) p.xadd(stream, '*', 'event', String(i));
    await p.exec();
    await redis.xgroup('CREATE', stream, 'g', '0');
    const batch = await read(stream, 'a', 2_500);
    expect(batch).toHaveLength(2_500);
    expect(await ackRange(stream, 'a', batch)).toBe(2_500);
    expect(await pendingOf(stream, 'a')).toEqual([]);
  });
});
