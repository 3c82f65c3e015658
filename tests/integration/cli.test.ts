/**
 * The `watchfloor` command: against a stopped Redis, or one that never answers, every command fails within 5 s
 * naming the URL it tried (timed in process, so the bound is the command's and not node's start-up on a busy
 * machine; a few as child processes too, which must end); the default URL is said; a command that changes state says
 * which Redis it wrote to; configuration errors exit 2 from the CLI and the server alike (child processes).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../server/commands.js';
import { runCommand } from '../support/cli.js';
import { TestRedis } from '../support/redis-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const run = runCommand;

/** Runs the jobs with at most `n` at once (the machine has two cores). */
async function limited<T, R>(items: readonly T[], n: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await job(items[i]!);
      }
    }),
  );
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'wf-cli-'));
const capture = join(tmp, 'one.json');
writeFileSync(
  capture,
  `${JSON.stringify({ timestamp: '2024-03-01T10:00:00Z', event_type: 'alert', src_ip: '192.0.2.1', alert: { signature: 's' } })}\n`,
);
const password = 'correct horse battery';

/** Every command that needs Redis (none reads stdin before Redis answered). */
const REDIS_COMMANDS: string[][] = [
  ['users', 'list'],
  ['users', 'add', 'amy', '--role', 'lead', '--password-stdin'],
  ['users', 'disable', 'amy'],
  ['users', 'passwd', 'amy', '--password-stdin'],
  ['display-token', 'create', 'wall'],
  ['display-token', 'list'],
  ['display-token', 'revoke', 'D1'],
  ['dlq', 'list'],
  ['dlq', 'requeue', '--all'],
  ['replay', capture, '--speed', 'max'],
  ['simulate', '--duration', '1'],
];

let stopped: string;
let silent: Server;
let silentUrl: string;
const sockets = new Set<Socket>();
beforeAll(async () => {
  const redis = await TestRedis.start();
  stopped = redis.url;
  await redis.stop();
  // accepts connections and never answers
  silent = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `redis://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  silent.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** `watchfloor ARGS` in this process, timed: the bound is the command's own, not node's start-up on a busy machine. */
async function inProcess(args: string[], env: Record<string, string>, stdin = '') {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    stdin: Readable.from([stdin]),
  };
  const started = Date.now();
  const code = await runCli(args, env, io);
  return { args: args.join(' '), code, ...out, ms: Date.now() - started };
}

describe('watchfloor without a Redis', () => {
  it('every command against a stopped Redis fails within 5 s, naming the URL it tried', async () => {
    const runs = await Promise.all(REDIS_COMMANDS.map((args) => inProcess(args, { REDIS_URL: stopped })));
    for (const r of runs) {
      expect({ args: r.args, code: r.code }).toEqual({ args: r.args, code: 1 });
      expect(r.stderr).toContain(`cannot reach Redis at ${stopped}: connect ECONNREFUSED`);
      expect(r.ms).toBeLessThan(5_000);
    }
  }, 30_000);

  it('and against one that never answers', async () => {
    const runs = await Promise.all(REDIS_COMMANDS.map((args) => inProcess(args, { REDIS_URL: silentUrl })));
    for (const r of runs) {
      expect({ args: r.args, code: r.code }).toEqual({ args: r.args, code: 1 });
      expect(r.stderr).toContain(`cannot reach Redis at ${silentUrl}: no answer within 2.5 s`);
      expect(r.ms).toBeLessThan(5_000);
    }
  }, 30_000);

  it('as a process too: the message, exit 1, and the process ends (it does not wait on a dead connection)', async () => {
    const runs = await limited(
      [
        [['users', 'add', 'amy', '--role', 'lead', '--password-stdin'], stopped],
        [['display-token', 'list'], silentUrl],
        [['replay', capture], silentUrl],
      ] as [string[], string][],
      2,
      ([args, url]) => run('cli', args, { REDIS_URL: url }, password),
    );
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: (connect ECONNREFUSED|no answer)/,
      );
    }
  }, 60_000);

  it('says when it uses the default URL, and hides a password', async () => {
    // read-only, under a prefix nobody uses: harmless whether or not a Redis answers at the default
    const r = await inProcess(['users', 'list'], { WF_PREFIX: `t${randomUUID().slice(0, 8)}:` });
    expect(r.stderr).toMatch(
      /^watchfloor users list: REDIS_URL is not set; using redis:\/\/127\.0\.0\.1:6379\n/,
    );
    const secret = await inProcess(['dlq', 'list'], { REDIS_URL: stopped.replace('//', '//:hunter2@') });
    expect(secret.stderr).toContain('cannot reach Redis at redis://***@127.0.0.1:');
    expect(secret.stderr).not.toContain('hunter2');
  }, 30_000);
});

describe('watchfloor against a Redis that refuses the URL', () => {
  it('names the refusal (a database it does not have), exit 1, never database 0 instead', async () => {
    const url = `${inject('redisUrl')}/99`;
    const r = await inProcess(['users', 'list'], { REDIS_URL: url });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the Redis at ${url} refused the connection: ERR DB index is out of range`);
    expect(r.stdout).toBe('');
  });
});

describe('watchfloor against a Redis', () => {
  it('says which Redis each change was written to', async () => {
    const url = inject('redisUrl');
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const env = { REDIS_URL: url, WF_PREFIX: prefix };
    const cli = (args: string[], stdin?: string) => inProcess(args, env, stdin);
    const where = `in Redis ${url} (prefix ${prefix})`;
    const add = await cli(['users', 'add', 'bea', '--role', 'lead', '--password-stdin'], `${password}\n`);
    expect(add).toMatchObject({ code: 0, stdout: `created lead bea ${where}\n`, stderr: '' });
    const again = await cli(['users', 'add', 'bea', '--role', 'lead', '--password-stdin'], password);
    expect(again).toMatchObject({ code: 1, stderr: 'watchfloor users add: user bea already exists\n' });
    // a name that differs only in case is the same person's to the eye: refused too
    const cased = await cli(['users', 'add', 'Bea', '--role', 'admin', '--password-stdin'], password);
    expect(cased).toMatchObject({
      code: 1,
      stderr: 'watchfloor users add: user bea already exists (names differ only in case)\n',
    });
    const passwd = await cli(['users', 'passwd', 'bea', '--password-stdin'], 'another long one');
    expect(passwd.stdout).toBe(`password changed for bea; ended 0 session(s) ${where}\n`);
    const disable = await cli(['users', 'disable', 'bea']);
    expect(disable.stdout).toBe(`disabled bea; ended 0 session(s) ${where}\n`);
    expect((await cli(['users', 'list'])).stdout).toBe('bea\tlead\tdisabled\n');
    expect((await cli(['users', 'enable', 'bea'])).stdout).toBe(`enabled bea ${where}\n`);
    expect((await cli(['users', 'list'])).stdout).toBe('bea\tlead\tenabled\n');
    await cli(['users', 'disable', 'bea']);
    // the only admin cannot be disabled, from here either: nobody could enable anyone again from a screen
    await cli(['users', 'add', 'root', '--role', 'admin', '--password-stdin'], `${password}\n`);
    expect(await cli(['users', 'disable', 'root'])).toMatchObject({
      code: 1,
      stderr: 'watchfloor users disable: root is the last enabled admin; add or enable another admin first\n',
    });
    const token = await cli(['display-token', 'create', 'ops wall', '--segments', 'energy']);
    expect(token.stdout).toMatch(/^http:\/\/localhost:8080\/wall\?token=\S+\n$/);
    const id = /created display token (D\w+) "ops wall" for energy in Redis/.exec(token.stderr)?.[1];
    expect(token.stderr).toContain(where);
    expect(token.stderr).toContain(
      'the URL assumes the server at http://localhost:8080 (PORT on this machine); set WF_PUBLIC_URL',
    );
    // nothing of energy has come to this Redis, and no WF_SEGMENTS names it: the name may be wrong
    expect(token.stderr).toContain(
      'no events of energy have been seen here and WF_SEGMENTS does not name it: check the name',
    );
    const empty = await cli(['display-token', 'create', 'script wall', '--segments', '']);
    expect(empty).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        '--segments names no segment; leave it out for a wall of the whole network',
      ),
    });
    const named = await inProcess(['display-token', 'create', 'room C'], {
      ...env,
      WF_PUBLIC_URL: 'https://watchfloor.cert.example',
    });
    expect(named.stdout).toMatch(/^https:\/\/watchfloor\.cert\.example\/wall\?token=\S+\n$/);
    expect(named.stderr).not.toContain('assumes');
    const revoke = await cli(['display-token', 'revoke', id!]);
    expect(revoke.stdout).toBe(`revoked ${id} "ops wall" ${where}\n`);
    const requeue = await cli(['dlq', 'requeue', '--all']);
    expect(requeue).toMatchObject({ code: 0, stdout: 'requeued 0; failed 0\n' });
    expect(requeue.stderr).toBe(`watchfloor dlq: using Redis ${url} (prefix ${prefix})\n`);
  });

  it('a bad configuration exits 2, from the CLI and the server alike', async () => {
    const runs = await limited(
      [
        ['cli', ['users', 'list'], { REDIS_URL: 'not a url' }],
        ['cli', ['replay', capture], { REDIS_URL: 'not a url' }],
        ['cli', ['start'], { PORT: 'eighty' }],
        ['main', [], { PORT: 'eighty' }],
      ] as ['cli' | 'main', string[], Record<string, string>][],
      2,
      ([entry, args, env]) => run(entry, args, env),
    );
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/invalid configuration:\n\s+(REDIS_URL|PORT): /);
    }
  }, 60_000);
});
