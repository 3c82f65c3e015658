/**
 * The admin page's intelligence feeds in Chromium: a loaded STIX bundle with its counts and skipped pattern, and a
 * broken feed that says why (and that nothing of it was ever loaded) — the state GET /api/intel gives.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, liveBrowserSuite, loginThroughForm, openPage, REPO } from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

const dir = mkdtempSync(join(tmpdir(), 'wf-intel-e2e-'));
cpSync(join(REPO, 'tests', 'fixtures', 'intel', 'samples-bundle.json'), join(dir, 'bundle.json'));
writeFileSync(join(dir, 'broken.json'), '{"type": "bundle", "objects": [');

describe.skipIf(skip !== null)('intelligence feeds on the admin page', () => {
  const suite = liveBrowserSuite({ ada: 'admin' }, undefined, {
    env: () => ({ WF_INTEL: `stix:${join(dir, 'bundle.json')},stix:${join(dir, 'broken.json')}` }),
  });

  it('lists each feed with its state, counts and why a feed failed or an entry was skipped', async () => {
    const { page } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'ada', '/admin');
    const ok = page.locator('tr[data-feed="bundle.json"]');
    await ok.waitFor({ timeout: 30_000 });
    expect(await ok.locator('.tag').innerText()).toMatch(/OK/);
    expect((await ok.locator('td.num').allInnerTexts()).map((t) => t.trim().split('\n')[0])).toEqual([
      '2',
      '2',
      '1',
    ]);
    await ok.locator('summary').click();
    expect(await ok.locator('details li').innerText()).toMatch(/network-traffic:dst_port is not matched/);
    const broken = page.locator('tr[data-feed="broken.json"]');
    // when it failed, and (it never loaded) that there are no previous contents to keep
    expect(await broken.innerText()).toMatch(
      /FAILED \d{4}-\d\d-\d\d \d\d:\d\d:\d\d[\s\S]*not JSON[\s\S]*nothing loaded from it yet/,
    );
    await page.locator('button', { hasText: 'Reload now' }).click();
    await page.locator('button', { hasText: 'Reload now' }).waitFor();
    expect(await broken.locator('.tag').innerText()).toMatch(/FAILED/);
  }, 120_000);
});
