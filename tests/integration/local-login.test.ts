/** WF_LOCAL_LOGIN=off: no local password opens a session, not even an admin's; the login page is told so. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let wf: TestServer;
beforeAll(async () => {
  wf = await startTestServer(inject('redisUrl'), { WF_LOCAL_LOGIN: 'off' });
});
afterAll(async () => wf?.close());

describe('local passwords off', () => {
  it('refuses every local sign-in with 403, and says so to the login page', async () => {
    await wf.users.add('root', 'admin', 'correct horse battery');
    const res = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await (await fetch(`${wf.url}/api/sign-in`)).json()).toEqual({ sso: false, local: 'off' });
  });
});
