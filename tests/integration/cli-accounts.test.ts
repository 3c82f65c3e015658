/**
 * Account actions from the command line go through the same account service as the admin API: each one is audited
 * with actor `cli:<operating-system user>`, and disabling a user or changing a password ends their sessions and
 * sockets on a running server at once; revoking a display token disconnects its wall.
 */
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCommand } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
let env: Record<string, string>;
const actor = `cli:${userInfo().username}`;
const password = 'correct horse battery';

beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
  env = { REDIS_URL: inject('redisUrl'), WF_PREFIX: wf.prefix };
});
afterAll(async () => wf?.close());

const cliAudit = async () => (await wf.audit.query({ actor })).map((r) => `${r.action} ${r.note}`);

describe('account actions from the CLI', () => {
  it('are audited with the operating-system user, and end sessions and sockets at once', async () => {
    const add = await runCommand(
      'cli',
      ['users', 'add', 'olga', '--role', 'lead', '--password-stdin'],
      env,
      password,
    );
    expect(add.code, add.stderr).toBe(0);
    const cookie = await wf.login('olga', password);
    const socket = wf.socket(cookie);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const passwd = await runCommand(
      'cli',
      ['users', 'passwd', 'olga', '--password-stdin'],
      env,
      `${password}!`,
    );
    expect(passwd.code, passwd.stderr).toBe(0);
    expect(passwd.stdout).toContain('ended 1 session(s)');
    expect(await gone).toBe('io server disconnect');
    expect((await fetch(`${wf.url}/api/me`, { headers: { cookie } })).status).toBe(401);

    const disable = await runCommand('cli', ['users', 'disable', 'olga'], env);
    expect(disable.code, disable.stderr).toBe(0);
    expect(await cliAudit()).toEqual(['user.create olga as lead', 'user.password olga', 'user.disable olga']);
    expect((await wf.audit.query({ actor })).every((r) => r.role === 'cli')).toBe(true);
  }, 60_000);

  it('display tokens: created and revoked with an audit record, the wall disconnected at once', async () => {
    const create = await runCommand('cli', ['display-token', 'create', 'ops wall'], env);
    expect(create.code, create.stderr).toBe(0);
    const url = new URL(create.stdout.trim());
    const token = url.searchParams.get('token')!;
    expect(token.startsWith('wfd_')).toBe(true);
    const [record] = await wf.tokens.list();
    expect(record).toMatchObject({ label: 'ops wall', createdBy: actor });

    const wall = wf.wallSocket(token);
    await new Promise((resolve) => wall.once('snapshot', resolve));
    const gone = new Promise<string>((resolve) => wall.once('disconnect', resolve));
    const revoke = await runCommand('cli', ['display-token', 'revoke', record!.id], env);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(await gone).toBe('io server disconnect');
    const records = await cliAudit();
    expect(records).toContain(`display-token.create ${record!.id} ops wall`);
    expect(records).toContain(`display-token.revoke ${record!.id} ops wall`);
  }, 60_000);
});
