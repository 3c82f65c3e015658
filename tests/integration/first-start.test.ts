/**
 * The first start's demo accounts with several processes starting together on an empty Redis: one of them makes all
 * three and prints them (their passwords had been split across two logs, and the wall link printed twice).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDemoAccounts } from '../../server/auth/bootstrap.js';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'));
});
afterAll(async () => wf?.close());

describe('first start', () => {
  it('one of several processes makes every demo account, the others none', async () => {
    const claim = (member: string) => async () =>
      (await wf.redis.set(wf.keys.firstStart, member, 'NX')) === 'OK';
    const results = await Promise.all(
      ['ingest-1', 'score-1', 'web-1', 'web-2'].map((m) => createDemoAccounts(wf.users, claim(m))),
    );
    const made = results.filter((r) => r !== null);
    expect(made).toHaveLength(1);
    expect(made[0]!.map((a) => a.role).sort()).toEqual(['admin', 'lead', 'operator']);
    expect(await wf.users.count()).toBe(3);
    // a later start finds accounts and makes none
    expect(await createDemoAccounts(wf.users, claim('web-3'))).toBeNull();
  });
});
