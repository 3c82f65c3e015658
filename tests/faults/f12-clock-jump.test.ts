/**
 * F12: the server's wall clock jumps 10 minutes forward, then back (the server runs under Debian's libfaketime, its
 * offset changed while it runs; the monotonic clock is left alone, as an NTP step leaves it). Sensors that kept
 * sending are not taken for silent, the process does not crash, and frames keep their pace and size.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AlertStore } from '../../server/alerts/alert-store.js';
import { UserStore } from '../../server/auth/users.js';
import { Keys } from '../../server/redis/keys.js';
import type { Frame } from '../../shared/schemas/frame.js';
import { type ChildServer, startChildServer } from '../support/child-server.js';
import { eventually } from '../support/server.js';
import { sleep } from './support.js';

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';
const dir = mkdtempSync(join(tmpdir(), 'wf-f12-'));
const offsetFile = join(dir, 'offset');
const redis = new Redis(inject('redisUrl'));
let child: ChildServer | undefined;
afterAll(async () => {
  await child?.kill();
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

if (!existsSync(LIBFAKETIME))
  console.warn(`F12 skipped: ${LIBFAKETIME} is missing (apt-get install faketime; .ci/run installs it)`);

const SENSORS = 4;
const event = (stream: string, ts: number, i: number) =>
  [
    stream,
    '*',
    'event',
    JSON.stringify({
      ts,
      sensor: `f12-s${i % SENSORS}`,
      kind: 'flow',
      src_ip: `10.12.0.${i % 200}`,
      segment: 'f12',
      bytes_out: 10,
    }),
  ] as const;

describe('F12 the server clock jumps', () => {
  it.runIf(existsSync(LIBFAKETIME))(
    'takes no sensor for silent, does not crash, keeps its frame pace',
    async () => {
      const id = randomUUID().slice(0, 8);
      const prefix = `f12${id}:`;
      const stream = `f12-${id}`;
      // six minutes of history at 20 events/s per sensor: the silence detector has learnt every sensor's rate
      const now = Date.now();
      for (let t = now - 360_000; t < now; t += 10_000) {
        const p = redis.pipeline();
        for (let k = 0; k < 800; k++) p.xadd(...event(stream, t + Math.floor((k * 10_000) / 800), k));
        await p.exec();
      }
      writeFileSync(offsetFile, '+0\n');
      child = startChildServer({
        REDIS_URL: inject('redisUrl'),
        WF_PREFIX: prefix,
        WF_STREAMS: stream,
        WF_START: '0',
        WF_TICK_MS: '500',
        LOG_LEVEL: 'info',
        LD_PRELOAD: LIBFAKETIME,
        FAKETIME_TIMESTAMP_FILE: offsetFile,
        FAKETIME_CACHE_DURATION: '1',
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      });
      const port = await eventually(async () => /"port":(\d+)/.exec(child!.output())?.[1], 60_000);
      await new UserStore(redis, new Keys(prefix)).add('f12', 'operator', 'correct horse battery');
      const login = await fetch(`http://127.0.0.1:${port}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'f12', password: 'correct horse battery' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const socket = connect(`http://127.0.0.1:${port}`, {
        transports: ['websocket'],
        extraHeaders: { cookie },
        forceNew: true,
      });
      const frames: { at: number; bytes: number }[] = [];
      socket.on('frame', (f: Frame) => frames.push({ at: Date.now(), bytes: JSON.stringify(f).length }));

      // the sensors go on sending, on the real clock, at 20 events/s each
      let stop = false;
      let i = 0;
      const producing = (async () => {
        while (!stop) {
          const p = redis.pipeline();
          for (let k = 0; k < 8; k++, i++) p.xadd(...event(stream, Date.now(), i));
          await p.exec();
          await sleep(100);
        }
      })();
      await sleep(15_000);
      const phase = (from: number) => frames.filter((f) => f.at >= from);
      const normalFrom = Date.now();
      await sleep(10_000);
      const normal = phase(normalFrom);
      writeFileSync(offsetFile, '+600\n');
      const jumpedFrom = Date.now();
      await sleep(20_000);
      writeFileSync(offsetFile, '+0\n');
      const backFrom = Date.now();
      await sleep(20_000);
      stop = true;
      await producing;
      const jumped = frames.filter((f) => f.at >= jumpedFrom && f.at < backFrom);
      const back = phase(backFrom);

      expect(child.process.exitCode).toBeNull();
      const alerts = await new AlertStore(redis, new Keys(prefix)).unresolved();
      const silence = alerts.filter((a) => a.detector === 'silence');
      const maxBytes = (fs: { bytes: number }[]) => Math.max(...fs.map((f) => f.bytes));
      console.log(
        `F12: frames per 10 s: ${normal.length} before, ${(jumped.length / 2).toFixed(0)} while 10 min ahead, ` +
          `${(back.length / 2).toFixed(0)} after going back; largest frame ${maxBytes(normal)} / ${maxBytes(jumped)} / ` +
          `${maxBytes(back)} bytes; ${silence.length} silence alerts`,
      );
      expect(silence).toEqual([]);
      // pace: 2 frames/s at most (tick 500 ms), no burst of catch-up frames
      for (const fs of [jumped, back])
        expect(fs.length).toBeLessThanOrEqual(Math.ceil(normal.length * 2 * 1.2) + 2);
      expect(maxBytes(jumped)).toBeLessThan(maxBytes(normal) * 3);
      expect(maxBytes(back)).toBeLessThan(maxBytes(normal) * 3);
      socket.disconnect();
    },
    150_000,
  );
});
