/** The replay tool against a real Redis: order, formats, pacing, rebasing, Ctrl-C, the command's exit codes. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedis, type Redis } from '../../server/redis/connections.js';
import { MAX_SPEED_NOTE, runReplayCommand } from '../../server/replay/command.js';
import { replay } from '../../server/replay/replay.js';
import { FIXTURES } from '../fixtures/decoding.js';
import { TestRedis } from '../support/redis-server.js';

let redis: Redis;
const tmp = mkdtempSync(join(tmpdir(), 'wf-replay-'));
beforeAll(() => {
  redis = createRedis(inject('redisUrl'), 'test-replay');
});
afterAll(async () => {
  await redis.quit();
  rmSync(tmp, { recursive: true, force: true });
});

const key = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const write = (name: string, content: string | Buffer) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
const T0 = Date.parse('2024-03-01T10:00:00Z');
const eve = (ms: number, i: number) =>
  JSON.stringify({
    timestamp: new Date(T0 + ms).toISOString().replace('Z', '+0000'),
    flow_id: 2_000_000_000_000_000 + i,
    event_type: 'alert',
    src_ip: '192.0.2.1',
    dest_ip: '198.51.100.1',
    proto: 'TCP',
    alert: { signature: `sig ${i}`, severity: 2 },
  });

async function entries(stream: string): Promise<[string, string][]> {
  const rows = (await redis.xrange(stream, '-', '+')) as [string, string[]][];
  return rows.map(([, f]) => [f[0]!, f[1]!]);
}

describe('replay into Redis', () => {
  it('merges files in event-time order: EVE, gzip, Zeek TSV as Zeek JSON; bad lines skipped with reasons', async () => {
    const eveFile = write('a.json', `${[eve(3000, 1), eve(1000, 2), '{oops', eve(2000, 3)].join('\n')}\n`);
    const tsv = write('conn.log.gz', gzipSync(readFileSync(join(FIXTURES, 'zeek-conn.tsv'))));
    const stream = key('mixed');
    const s = await replay({ files: [eveFile, tsv], stream, speed: 'max', rebase: 'keep' }, { redis });
    expect(s).toMatchObject({ files: 2, read: 9, records: 7, sent: 7, interrupted: false });
    expect(s.skipped).toEqual({ bad_json: 1, bad_value: 1 });
    const got = await entries(stream);
    expect(got.map(([f]) => f)).toEqual(['zeek', 'zeek', 'zeek', 'zeek', 'eve', 'eve', 'eve']);
    const zeek = got.filter(([f]) => f === 'zeek').map(([, v]) => JSON.parse(v) as Record<string, unknown>);
    expect(zeek.map((z) => z.uid)).toEqual(['CT3', 'CT1', 'CT2', 'CT5']);
    expect(zeek[1]).toMatchObject({
      _path: 'conn',
      'id.orig_h': '192.0.2.10',
      orig_bytes: 1000,
      _node_name: 'worker-1',
    });
    expect(got.filter(([f]) => f === 'eve').map(([, v]) => JSON.parse(v).alert.signature)).toEqual([
      'sig 2',
      'sig 3',
      'sig 1',
    ]);
    // --rebase keep: the text goes out as written
    expect(got[4]![1]).toBe(eve(1000, 2));
  });

  it('--speed 20 --rebase now paces and compresses: the first record lands now, 2 s of capture take 0.1 s', async () => {
    const file = write('paced.json', `${[0, 500, 1000, 2000].map((ms, i) => eve(ms, i)).join('\n')}\n`);
    const stream = key('paced');
    const before = Date.now();
    const s = await replay({ files: [file], stream, speed: 20 }, { redis });
    const took = Date.now() - before;
    expect(s.sent).toBe(4);
    expect(took).toBeGreaterThanOrEqual(95);
    const ts = (await entries(stream)).map(([, v]) => Date.parse(JSON.parse(v).timestamp));
    expect(Math.abs(ts[0]! - before)).toBeLessThan(1000);
    expect(ts.map((t) => t - ts[0]!)).toEqual([0, 25, 50, 100]);
  });

  it('stops cleanly on abort: batches sent so far complete, the summary says interrupted', async () => {
    const file = write('long.json', `${Array.from({ length: 50 }, (_, i) => eve(i * 1000, i)).join('\n')}\n`);
    const stream = key('long');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const s = await replay({ files: [file], stream, speed: 1 }, { redis, signal: controller.signal });
    expect(s.interrupted).toBe(true);
    expect(s.sent).toBeGreaterThanOrEqual(1);
    expect(s.sent).toBeLessThan(50);
    expect(await redis.xlen(stream)).toBe(s.sent);
  });

  it('--as native writes decoded native events under field event, skipping what is not scored', async () => {
    const file = write(
      'native.json',
      `${eve(0, 1)}\n{"timestamp":"2024-03-01T10:00:01Z","event_type":"stats","stats":{}}\n`,
    );
    const stream = key('native');
    const s = await replay({ files: [file], stream, speed: 'max', rebase: 'keep', as: 'native' }, { redis });
    expect(s).toMatchObject({ sent: 1, skipped: { other: 1 } });
    const [[field, value]] = (await entries(stream)) as [[string, string]];
    expect(field).toBe('event');
    expect(JSON.parse(value)).toMatchObject({ ts: T0, kind: 'ids', signature: 'sig 1', src_ip: '192.0.2.1' });
  });
});

describe('watchfloor replay command', () => {
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        stdout: { write: (t: string) => (out.stdout += t) },
        stderr: { write: (t: string) => (out.stderr += t) },
      },
    };
  };

  it('off a terminal: what it will do, then one summary line naming the Redis; exit 0; no signal listener left', async () => {
    const file = write('cmd.json', `${eve(0, 1)}\n${eve(1, 2)}\n`);
    const stream = key('cmd');
    // a server reads the stream (its consumer group is there): nothing to warn of
    await redis.xgroup('CREATE', stream, 'watchfloor', '$', 'MKSTREAM');
    const c = capture();
    const argv = [file, '--speed', 'max', '--rebase', 'keep', '--stream', stream];
    const listeners = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    // a Watchfloor of its own (its prefix has no scores of the present): nothing to warn of the history's age
    const env = { REDIS_URL: inject('redisUrl'), WF_PREFIX: `${key('own')}:` };
    expect(await runReplayCommand(argv, env, c.io)).toBe(0);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(listeners);
    expect(c.out.stdout).toMatch(/2 records \(2 eve\) in event-time order/);
    const lines = c.out.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^done: read 2 line\\(s\\) from 1 file\\(s\\), sent 2 \\(${stream} 2\\) to ${inject('redisUrl')}`,
      ),
    );
    expect(lines.filter((l) => /^(done|stopped|replay):/.test(l))).toHaveLength(1);
    // at --speed max it says what to expect of alerts (few: the capture passed in a moment)
    expect(c.out.stderr).toBe(`${MAX_SPEED_NOTE}\n`);
    expect(await redis.xlen(stream)).toBe(2);
  });

  it('says when history is replayed into a Watchfloor that scores the present (little would be found)', async () => {
    const file = write('history.json', `${eve(0, 1)}\n${eve(1, 2)}\n`);
    const stream = key('history');
    await redis.xgroup('CREATE', stream, 'watchfloor', '$', 'MKSTREAM');
    const prefix = `${key('live')}:`;
    // the segment's scores of this hour, as a server scoring live sensors writes them
    const hour = Date.now() - (Date.now() % 3_600_000);
    await redis.sadd(`${prefix}series:segments`, 'lab');
    await redis.hset(`${prefix}series:lab:${hour}`, '0', '1');
    const argv = [file, '--speed', 'max', '--rebase', 'keep', '--stream', stream];
    const c = capture();
    expect(await runReplayCommand(argv, { REDIS_URL: inject('redisUrl'), WF_PREFIX: prefix }, c.io)).toBe(0);
    expect(c.out.stderr).toMatch(
      /this Watchfloor scores the present \(segment lab has scores of the last hour\), and this history ends at 2024-03-01T10:00:00\.001Z/,
    );
    expect(c.out.stderr).toMatch(/Replay history into a Watchfloor of its own/);
    // rebased to now, the same file is the present: nothing to warn of
    const d = capture();
    const now = [file, '--speed', 'max', '--stream', stream];
    expect(await runReplayCommand(now, { REDIS_URL: inject('redisUrl'), WF_PREFIX: prefix }, d.io)).toBe(0);
    expect(d.out.stderr).not.toMatch(/scores the present/);
  });

  it('says when no consumer group reads the stream it wrote (no server was told of it)', async () => {
    const file = write('unread.json', `${eve(0, 1)}\n`);
    const stream = key('unread');
    const c = capture();
    expect(
      await runReplayCommand(
        [file, '--speed', 'max', '--stream', stream],
        { REDIS_URL: inject('redisUrl') },
        c.io,
      ),
    ).toBe(0);
    expect(c.out.stderr).toBe(
      `${MAX_SPEED_NOTE}\nwatchfloor replay: nothing reads stream ${stream} yet (it has no consumer group): name it in a server's WF_STREAMS with its format (${stream}=eve, =zeek or =native) and start that server with WF_START=0, or it reads only what comes after it starts\n`,
    );
    const dir = capture();
    expect(await runReplayCommand([tmp], {}, dir.io)).toBe(1);
    expect(dir.out.stderr).toBe(`watchfloor replay: cannot read ${tmp} (a directory)\n`);
  });

  it('--speed 10 compresses a three-year silence to --max-gap and says so; records without a time do not stall it', async () => {
    const years = 3 * 365 * 86_400_000;
    const untimed = '{"event_type":"stats","stats":{}}';
    const file = write('gap.json', `${[eve(0, 1), untimed, eve(2_000, 2), eve(years, 3)].join('\n')}\n`);
    const stream = key('gap');
    const c = capture();
    const before = Date.now();
    const argv = [file, '--speed', '10', '--max-gap', '3s', '--stream', stream];
    expect(await runReplayCommand(argv, { REDIS_URL: inject('redisUrl') }, c.io)).toBe(0);
    // 2 s + the gap shortened to 3 s, at 10×: half a second
    expect(Date.now() - before).toBeLessThan(3_000);
    expect(c.out.stdout).toMatch(/capture time 0:05 after compressing 1 gap\(s\) longer than 0:03/);
    expect(c.out.stdout).toMatch(
      /done: .*sent 4 .*; 1 gap\(s\) longer than 0:03 compressed \(1,094 d 23:59:55 of capture time skipped; the longest, 1,094 d 23:59:58, before .*gap\.json:4\); 1 record\(s\) without a time sent with the record before them/,
    );
    const got = (await entries(stream)).map(([, v]) => JSON.parse(v) as { timestamp?: string });
    expect(got.map((e) => e.timestamp === undefined)).toEqual([false, true, false, false]);
    const last = Date.parse(got[3]!.timestamp!);
    expect(Math.abs(last - (before + 500))).toBeLessThan(1_000);
  });

  it('says when Redis is lost mid-run and when it is back, and ends with every record sent', async () => {
    const own = await TestRedis.start();
    try {
      const file = write('outage.json', `${[0, 400, 1600].map((ms, i) => eve(ms, i)).join('\n')}\n`);
      const stream = key('outage');
      const c = capture();
      setTimeout(() => void own.kill(), 200);
      setTimeout(() => void own.restart(), 900);
      const code = await runReplayCommand([file, '--stream', stream], { REDIS_URL: own.url }, c.io);
      expect(code).toBe(0);
      expect(c.out.stderr).toContain(`watchfloor replay: lost Redis at ${own.url} (`);
      expect(c.out.stderr).toContain(`watchfloor replay: Redis at ${own.url} is back; going on`);
      expect(c.out.stdout).toMatch(/done: read 3 line\(s\).*sent 3/);
    } finally {
      await own.stop();
    }
  });

  it('exit 130 when stopped, 2 on bad arguments, 1 on a missing file or unreachable Redis', async () => {
    const file = write('slow.json', `${eve(0, 1)}\n${eve(60_000, 2)}\n`);
    const controller = new AbortController();
    const c = capture();
    setTimeout(() => controller.abort(), 200);
    const stopped = runReplayCommand(
      [file, '--stream', key('slow')],
      { REDIS_URL: inject('redisUrl') },
      {
        ...c.io,
        signal: controller.signal,
      },
    );
    expect(await stopped).toBe(130);
    expect(c.out.stdout).toMatch(/stopped: read 2 line\(s\).*sent 1/);

    const bad = capture();
    expect(await runReplayCommand([file, '--speed', '0'], {}, bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/--speed.*\n\nusage: watchfloor replay/);
    const missing = capture();
    expect(await runReplayCommand([join(tmp, 'nope.json')], {}, missing.io)).toBe(1);
    expect(missing.out.stderr).toMatch(/cannot read/);
    const down = capture();
    expect(await runReplayCommand([file], { REDIS_URL: 'redis://127.0.0.1:1' }, down.io)).toBe(1);
    expect(down.out.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/);
  });
});
