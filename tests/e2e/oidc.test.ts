/**
 * Single sign-on in Chromium against a real OIDC provider on loopback (`oidc-provider`): sign-in with the role from
 * the groups claim (re-read at every sign-in), a user with no mapped group refused with a clear page, a locally
 * disabled account refused, logout at the provider too (RP-initiated), a tampered `state` and a replayed callback
 * refused. Local passwords are for break-glass admins only here (WF_LOCAL_LOGIN=admin).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.js';
import { freePort } from '../support/redis-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserSkipReason, CLIENT_DIR, launchBrowser, openPage, PASSWORD } from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('single sign-on in Chromium', () => {
  let wf: TestServer;
  let idp: TestProvider;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    idp = await startOidcProvider(url);
    wf = await startTestServer(
      inject('redisUrl'),
      {
        PORT: String(port),
        WF_PUBLIC_URL: url,
        WF_OIDC_ISSUER: idp.issuer,
        WF_OIDC_CLIENT_ID: idp.clientId,
        WF_OIDC_CLIENT_SECRET: idp.clientSecret,
        WF_OIDC_ROLES: 'soc-leads=lead,soc-admins=admin,soc=operator',
        WF_LOCAL_LOGIN: 'admin',
      },
      { clientDir: CLIENT_DIR },
    );
    Object.assign(idp.groups, {
      alice: ['staff', 'soc-leads'],
      bob: ['soc'],
      mallory: ['visitors'],
      dana: ['soc'],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await wf?.close();
    await idp?.close();
  });

  /**
   * From the login page through the provider's login and consent, then back on Watchfloor. With `stopAtCallback`, the
   * browser's request to the callback is stopped (through the DevTools protocol, which sees redirects) and its URL
   * returned, unused.
   */
  async function signIn(page: Page, login: string, stopAtCallback = false): Promise<string | null> {
    await page.goto(`${wf.url}/login`);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    let callback: string | null = null;
    const cdp = stopAtCallback ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      cdp.on('Fetch.requestPaused', (e: { requestId: string; request: { url: string } }) => {
        callback = e.request.url;
        void cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'Aborted' });
      });
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/api/auth/oidc/callback*' }] });
    }
    await page.getByRole('button', { name: 'Continue' }).click();
    if (cdp) {
      await expect.poll(() => callback).not.toBeNull();
      await cdp.send('Fetch.disable');
      await cdp.detach();
      return callback;
    }
    await page.waitForURL(
      (u) =>
        u.origin === wf.url &&
        !u.pathname.startsWith('/api/') &&
        (u.pathname !== '/login' || u.search.includes('sso=')),
    );
    return null;
  }

  const me = (page: Page) =>
    page.evaluate(async () => {
      const res = await fetch('/api/me');
      return res.ok ? ((await res.json()) as unknown) : res.status;
    });

  it('signs in with the role of the groups claim, shows how on the session, re-reads it at every sign-in', async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, 'alice');
    await page.waitForURL((u) => u.pathname === '/');
    expect(await me(page)).toEqual({ username: 'alice', role: 'lead' });
    const sessions = await wf.sessions.list('alice');
    expect(sessions.map((s) => s.via)).toEqual(['oidc']);
    expect(sessions[0]!.endsAt).toBeGreaterThan(Date.now());
    // the role follows the provider: alice leaves soc-leads
    idp.groups.alice = ['soc'];
    const again = await openPage(browser);
    await signIn(again.page, 'alice');
    expect(await me(again.page)).toEqual({ username: 'alice', role: 'operator' });
    expect((await wf.audit.query({ actor: 'alice' })).filter((r) => r.action === 'login')).toHaveLength(2);
    // the demotion holds at once: the session opened as lead has ended
    expect(await me(page)).toBe(401);
    await context.close();
    await again.context.close();
  });

  it('refuses a user with no mapped group, and a locally disabled one, with a clear page', async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, 'mallory');
    expect(new URL(page.url()).search).toBe('?sso=no_role');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('has no Watchfloor role');
    expect(await me(page)).toBe(401);

    const first = await openPage(browser);
    await signIn(first.page, 'dana');
    expect(await me(first.page)).toEqual({ username: 'dana', role: 'operator' });
    await wf.accounts.disable({ name: 'test', role: 'admin' }, 'dana');
    expect(await me(first.page)).toBe(401);
    const second = await openPage(browser);
    await signIn(second.page, 'dana');
    expect(new URL(second.page.url()).search).toBe('?sso=disabled');
    await first.context.close();
    await second.context.close();
    // a local account's name is not the provider's to take over
    await wf.users.add('root', 'admin', PASSWORD);
    idp.groups.root = ['soc'];
    const third = await openPage(browser);
    await signIn(third.page, 'root');
    expect(new URL(third.page.url()).search).toBe('?sso=local_account');
    expect((await wf.users.get('root'))?.role).toBe('admin');
    await third.context.close();
    // nor in other letters' case: `Root` is the local root's name too
    idp.groups.Root = ['soc-admins'];
    const fourth = await openPage(browser);
    await signIn(fourth.page, 'Root');
    expect(new URL(fourth.page.url()).search).toBe('?sso=local_account');
    expect(await wf.users.get('Root')).toBeNull();
    await fourth.context.close();
    const refused = (await wf.audit.query({})).filter((r) => r.action === 'login.refused');
    expect(refused.map((r) => r.actor)).toEqual(['mallory', 'dana', 'root', 'Root']);
    await context.close();
  });

  it('logs out at the provider too (RP-initiated), back to the login page', async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, 'bob');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((u) => u.origin === wf.url && u.pathname === '/login');
    expect(await me(page)).toBe(401);
    // the provider's session is gone too: signing in asks for the login again
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.waitForSelector('input[name=login]');
    await context.close();
  });

  it('refuses a tampered state, and a replayed callback', async () => {
    const { page, context } = await openPage(browser);
    const callback = new URL((await signIn(page, 'bob', true))!);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    await page.goto(tampered.href);
    await page.waitForURL((u) => u.search === '?sso=failed');
    expect(await me(page)).toBe(401);

    const genuine = await openPage(browser);
    const second = new URL((await signIn(genuine.page, 'bob', true))!);
    await genuine.page.goto(second.href);
    await genuine.page.waitForURL((u) => u.pathname === '/');
    expect(await me(genuine.page)).toEqual({ username: 'bob', role: 'operator' });
    await genuine.context.close();
    const before = (await wf.sessions.list('bob')).length;
    const replay = await openPage(browser);
    await replay.page.goto(second.href);
    await replay.page.waitForURL((u) => u.search === '?sso=expired');
    expect(await me(replay.page)).toBe(401);
    expect((await wf.sessions.list('bob')).length).toBe(before);
    await context.close();
    await replay.context.close();
  });

  it('keeps local passwords for break-glass admins only (WF_LOCAL_LOGIN=admin)', async () => {
    await wf.users.add('lee', 'lead', PASSWORD);
    const post = (username: string) =>
      fetch(`${wf.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
    expect((await post('root')).status).toBe(200);
    // a lead's right password is answered as a wrong one: the answer must not confirm passwords it will not let in
    const lead = await post('lee');
    expect(lead.status).toBe(401);
    const wrong = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lee', password: 'not the password' }),
    });
    expect(await lead.json()).toEqual(await wrong.json());
    const options = await (await fetch(`${wf.url}/api/sign-in`)).json();
    expect(options).toEqual({ sso: true, local: 'admin' });
  });
});

describe.skipIf(skip !== null)('single sign-on with private_key_jwt client authentication', () => {
  let wf: TestServer;
  let idp: TestProvider;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const dir = mkdtempSync(join(tmpdir(), 'wf-oidc-key-'));

  beforeAll(async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const keyFile = join(dir, 'client-key.pem');
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    idp = await startOidcProvider(url, { ...publicKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig' });
    wf = await startTestServer(
      inject('redisUrl'),
      {
        PORT: String(port),
        WF_PUBLIC_URL: url,
        WF_OIDC_ISSUER: idp.issuer,
        WF_OIDC_CLIENT_ID: idp.clientId,
        WF_OIDC_PRIVATE_KEY: keyFile,
        WF_OIDC_ROLES: 'soc=operator',
      },
      { clientDir: CLIENT_DIR },
    );
    idp.groups.kim = ['soc'];
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await wf?.close();
    await idp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with the client authenticated by its key (no secret configured)', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${wf.url}/login`);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', 'kim');
    await page.fill('input[name=password]', 'anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.origin === wf.url && u.pathname === '/');
    const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()) as unknown);
    expect(me).toEqual({ username: 'kim', role: 'operator' });
    await context.close();
  });
});
