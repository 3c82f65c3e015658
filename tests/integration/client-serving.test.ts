/**
 * The built client as the server serves it: every screen's address gets the page, from an install folder whose path
 * has a dot-segment too (a clone under `~/.local/`), and a bundle file that is not there is a 404 in the API's error
 * envelope, not the page in its place.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

const PAGE = '<!DOCTYPE html><title>Watchfloor</title><script type="module" src="/assets/app.js"></script>';
let dir: string;
let wf: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wf-client-'));
  const client = join(dir, '.local', 'watchfloor', 'dist', 'client');
  mkdirSync(join(client, 'assets'), { recursive: true });
  writeFileSync(join(client, 'index.html'), PAGE);
  writeFileSync(join(client, 'assets', 'app.js'), 'console.log(1);');
  wf = await startTestServer(inject('redisUrl'), {}, { clientDir: client });
});
afterAll(async () => {
  await wf?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built client', () => {
  it('serves the page for every screen, from a folder under a dot-directory', async () => {
    for (const path of ['/', '/wall?token=abc', '/alerts?state=all', '/hosts/10.0.0.1']) {
      const res = await fetch(`${wf.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toBe(PAGE);
    }
    const js = await fetch(`${wf.url}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers a bundle file that is not there with a 404 error envelope, not the page', async () => {
    const res = await fetch(`${wf.url}/assets/ExploreChart-gone.js`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('keeps the API outside the page', async () => {
    const res = await fetch(`${wf.url}/api/no-such-route`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
