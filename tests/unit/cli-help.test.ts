/** `watchfloor` arguments, in process: `--help` at every level (never touching Redis) and usage errors (exit 2). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/commands.js';

async function cli(args: string[]) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
  };
  // a Redis URL nothing listens on: help and usage errors must not need one
  const code = await runCli(args, { REDIS_URL: 'redis://127.0.0.1:1' }, io);
  return { code, ...out };
}

const COMMANDS = ['start', 'users', 'display-token', 'simulate', 'replay', 'dlq'];

describe('watchfloor --help', () => {
  it.each([
    ['--help'],
    ['-h'],
    ['help'],
    ['help', '--help'],
    ...COMMANDS.flatMap((c) => [
      [c, '--help'],
      [c, '-h'],
      ['help', c],
    ]),
    ['users', 'add', '--help'],
    ['users', 'passwd', '-h'],
    ['display-token', 'create', '--help'],
    ['display-token', 'revoke', '-h'],
  ])('watchfloor %s … prints a usage, exit 0', async (...args) => {
    const r = await cli(args);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^usage: watchfloor /);
  });

  it('names every command in the top usage, and each command its own', async () => {
    const top = (await cli(['--help'])).stdout;
    for (const c of COMMANDS) expect(top).toContain(`  ${c} `);
    expect((await cli(['users', '--help'])).stdout).toMatch(/^usage: watchfloor users <action>/);
    expect((await cli(['help', 'replay'])).stdout).toMatch(/--max-gap DURATION[\s\S]*--segment NAME/);
  });
});

describe('watchfloor usage errors', () => {
  it.each([
    [[], 'watchfloor: a command is required', 'usage: watchfloor <command>'],
    [['frob'], 'watchfloor: unknown command frob', 'usage: watchfloor <command>'],
    [['help', 'frob'], 'watchfloor: unknown command frob', 'usage: watchfloor <command>'],
    [['users'], 'watchfloor users: an action is required', 'usage: watchfloor users'],
    [['users', 'frob'], 'watchfloor users: unknown action frob', 'usage: watchfloor users'],
    [['users', 'add'], 'watchfloor users add: NAME is required', 'usage: watchfloor users'],
    [
      ['users', 'add', 'x', '--role', 'boss', '--password-stdin'],
      'watchfloor users add: --role must be operator, lead or admin',
      'usage: watchfloor users',
    ],
    [
      ['users', 'add', 'bad name', '--role', 'lead', '--password-stdin'],
      'watchfloor users add: username: letters, digits and . _ @ - only',
      'usage: watchfloor users',
    ],
    [
      ['dlq', 'list', '--limit', 'abc'],
      'watchfloor dlq: --limit must be a whole number from 1 to 500',
      'usage: watchfloor dlq',
    ],
    [
      ['users', 'add', 'xa', '--role', 'lead'],
      'watchfloor users add: pass the password on stdin with --password-stdin',
      'usage: watchfloor users',
    ],
    [
      ['users', 'disable', 'x', 'y'],
      'watchfloor users disable: unexpected argument y',
      'usage: watchfloor users',
    ],
    [
      ['users', 'list', '--role', 'lead'],
      "watchfloor users list: Unknown option '--role'",
      'usage: watchfloor users',
    ],
    [
      ['display-token', 'revoke'],
      'watchfloor display-token revoke: ID is required',
      'usage: watchfloor display-token',
    ],
    [['start', 'now'], 'watchfloor start: start takes no arguments (got now)', ''],
    [['replay'], 'watchfloor replay: at least one FILE is required', 'usage: watchfloor replay'],
    [['simulate', '--rate', 'x'], 'watchfloor simulate: --rate', 'usage: watchfloor simulate'],
    [
      ['dlq', 'requeue'],
      'watchfloor dlq: arguments: say which to requeue, one way only: every entry (all), a reason, or entry ids\n',
      'usage: watchfloor dlq',
    ],
  ])('watchfloor %j: says what is wrong, then the usage; exit 2', async (args, message, usage) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(message)).toBe(true);
    if (usage) expect(r.stderr).toContain(`\n\n${usage}`);
    expect(r.stdout).toBe('');
  });
});
