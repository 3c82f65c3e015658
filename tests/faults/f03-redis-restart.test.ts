/**
 * F3: Redis restarted (AOF on) mid-ingest. The consumer resumes by itself, and the lag and trim figures stay true:
 * after an AOF reload XINFO's entries-read comes back short by what was read since the last AOF rewrite (Redis 7.0
 * replays reads as XCLAIMs, which do not carry it), so Redis's own lag is wrong until Watchfloor corrects it. A Redis
 * that freezes with its connection open (SIGSTOP) is an outage of the store too, and the scores hold meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/schemas/frame.js';
import { TestRedis } from '../support/redis-server.js';
import { eventually, startTestServer, type TestServer, waitFor } from '../support/server.js';
import { counted, idsSeen, produce, sleep, steadyProducer } from './support.js';

let redis: TestRedis;
let wf: TestServer;
beforeAll(async () => {
  redis = await TestRedis.start({ appendonly: true });
  wf = await startTestServer(redis.url);
});
afterAll(async () => {
  await wf?.close();
  await redis?.stop();
});

async function rewriteAof(admin: ReturnType<TestRedis['client']>): Promise<void> {
  await admin.bgrewriteaof();
  await eventually(async () => {
    const info = await admin.info('persistence');
    return /aof_rewrite_in_progress:0/.test(info) && /aof_rewrite_scheduled:0/.test(info);
  });
}

describe('F3 Redis restarted with AOF', () => {
  it('resumes by itself, and shows lag 0 once caught up (Redis said 3,000)', async () => {
    const admin = redis.client();
    await eventually(async () => wf.consumer.lastReadAt > 0);
    await produce(admin, wf.stream, 'a', 2000);
    await eventually(async () => (await counted(admin, wf.prefix)).ingested === 2000);
    await rewriteAof(admin);
    await produce(admin, wf.stream, 'b', 3000);
    await eventually(async () => (await counted(admin, wf.prefix)).ingested === 5000);

    await redis.restart('shutdown');
    await eventually(async () => (await fetch(`${wf.url}/readyz`)).status === 200, 30_000);
    await produce(admin, wf.stream, 'c', 100);
    await eventually(async () => (await counted(admin, wf.prefix)).ingested === 5100, 20_000);
    const lags: number[] = [];
    await eventually(async () => {
      lags.push(wf.live.currentStats().lag);
      return lags.at(-1) === 0;
    }, 10_000).catch(() => {
      throw new Error(`lag never 0 after catching up: ${lags.slice(-5).join(', ')}`);
    });
    expect((await counted(admin, wf.prefix)).duplicates).toBe(0);
    admin.disconnect();
  }, 90_000);

  it('then counts a trim of 500 unread entries as 500 (it said 3,500)', async () => {
    const admin = redis.client();
    await sleep(1_500); // a stats sample taken while caught up
    const { prefix, stream } = wf;
    await wf.close();
    await produce(admin, stream, 'd', 700);
    await admin.xtrim(stream, 'MAXLEN', 200);
    wf = await startTestServer(redis.url, { WF_PREFIX: prefix, WF_STREAMS: stream });
    await eventually(async () => (await counted(admin, prefix)).ingested === 5300, 20_000);
    const seen: number[] = [];
    await eventually(async () => {
      seen.push(wf.live.currentStats().lostToTrim);
      return seen.at(-1) === 500;
    }, 10_000).catch(async () => {
      const state = await admin.hgetall(`${prefix}ingest:watchfloor:${stream}`);
      const groups = await admin.call('XINFO', 'GROUPS', stream);
      throw new Error(
        `lostToTrim ${seen.slice(-3).join(', ')}, not 500; ${JSON.stringify({ state, groups })}`,
      );
    });
    admin.disconnect();
  }, 60_000);

  it('crashes (kill -9) mid-ingest: screens show the outage, then recover without a reload; nothing lost', async () => {
    const admin = redis.client();
    await admin.config('SET', 'appendfsync', 'always'); // what Redis acknowledged survives its crash
    const socket = wf.socket(await wf.userCookie('operator'));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const before = (await counted(admin, wf.prefix)).ingested;
    const producerConn = redis.client();
    const producer = steadyProducer(producerConn, wf.stream, 'crash', 1_000);
    await sleep(2_000);
    const crashedAt = Date.now();
    await redis.kill();
    const outage = await waitFor<Frame>(socket, 'frame', (f) => Boolean(f.stats?.ingestError), 10_000);
    console.log(
      `F3: frames said "${outage.stats?.ingestError}" ${Date.now() - crashedAt} ms after the crash`,
    );
    // every screen is told it is Watchfloor's own store, in a word it can say in its language (not "sensors silent")
    await waitFor<Frame>(socket, 'frame', (f) => f.ingestDown === 'redis', 10_000);
    await sleep(3_000);
    await redis.restart();
    const restartedAt = Date.now();
    await waitFor<Frame>(socket, 'frame', (f) => !f.stats?.ingestError && f.ingestDown === undefined, 30_000);
    const applied = wf.live.currentStats().applied;
    await waitFor<Frame>(socket, 'frame', (f) => (f.stats?.applied ?? 0) > applied, 30_000);
    console.log(
      `F3: consuming again ${Date.now() - restartedAt} ms after Redis came back, on the same socket`,
    );
    await sleep(1_000);
    const acknowledged = await producer.stop();
    // what Redis acknowledged survived (appendfsync always): the producer's entries in the stream
    const entries = await admin.xrange(wf.stream, '-', '+');
    const written = entries.filter(([, f]) => f[1]?.includes('"event_id":"crash-')).length;
    expect(written).toBeGreaterThanOrEqual(acknowledged);
    await eventually(
      async () => (await counted(admin, wf.prefix)).ingested === before + written,
      30_000,
    ).catch(async () => {
      throw new Error(`counted ${(await counted(admin, wf.prefix)).ingested - before} of ${written} written`);
    });
    const c = await counted(admin, wf.prefix);
    expect(c.duplicates).toBe(0);
    expect(await idsSeen(admin, wf.prefix, wf.stream)).toBe(c.ingested);
    console.log(`F3: ${written} written around the crash, ${c.ingested - before} counted`);
    producerConn.disconnect();
    admin.disconnect();
  }, 90_000);

  it('freezes with its connection open (SIGSTOP): the screens say the store, the clock holds, then all goes on', async () => {
    const admin = redis.client();
    const socket = wf.socket(await wf.userCookie('operator'));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    // the sensors' events come live, so the event clock follows the wall clock
    const producer = steadyProducer(admin, wf.stream, 'freeze', 500);
    await sleep(3_000);
    await producer.stop();
    const pid = redis.pid!;
    const frozenAt = Date.now();
    process.kill(pid, 'SIGSTOP');
    try {
      const outage = await waitFor<Frame>(socket, 'frame', (f) => f.ingestDown === 'redis', 15_000);
      console.log(
        `F3: frames said the store (${outage.stats?.ingestError}) ${Date.now() - frozenAt} ms after the freeze`,
      );
      expect(outage.stats?.ingestError).toMatch(/Redis unreachable \(no answer/);
      // held: no bucket closes on the wall clock while nothing can come, so no score fades and no sensor goes silent
      const during: Frame[] = [];
      const collect = (f: Frame) => during.push(f);
      socket.on('frame', collect);
      await sleep(3_000);
      socket.off('frame', collect);
      expect(during.length).toBeGreaterThanOrEqual(2);
      expect(during.every((f) => f.ingestDown === 'redis')).toBe(true);
      expect(new Set(during.map((f) => f.watermark))).toEqual(new Set([outage.watermark]));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const back = await waitFor<Frame>(
      socket,
      'frame',
      (f) => f.ingestDown === undefined && !f.stats?.ingestError,
      15_000,
    );
    const applied = wf.live.currentStats().applied;
    await produce(admin, wf.stream, 'thawed', 100);
    await waitFor<Frame>(socket, 'frame', (f) => (f.stats?.applied ?? 0) >= applied + 100, 15_000);
    await waitFor<Frame>(socket, 'frame', (f) => f.watermark > back.watermark, 15_000);
    socket.disconnect();
    admin.disconnect();
  }, 90_000);
});
