/**
 * Administration in Chromium: an admin creates a display token (segment-limited), the wall URL shown once opens the
 * wall with data in a second page; revoking the token turns that wall to its refused state at once. The DLQ shows a
 * hostile raw entry as text, settings validation errors are shown, and an operator neither sees the Admin link nor
 * gets the page (nor the API).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  liveBrowserSuite,
  loginThroughForm,
  noBrowser,
  normalTraffic,
  openPage,
  screenshot,
  unnamedControls,
} from './support/browser.js';

describe.skipIf(noBrowser())('administration in Chromium', () => {
  let hook: Server;
  let hookUrl = '';

  beforeAll(async () => {
    // A webhook receiver that fails the first delivery, so the log shows a failure and a retry.
    let calls = 0;
    hook = createHttpServer((req, res) => {
      req.resume();
      res.statusCode = calls++ === 0 ? 500 : 200;
      res.end();
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
  });
  afterAll(() => new Promise((r) => hook?.close(r)));

  const suite = liveBrowserSuite({ ada: 'admin', otis: 'operator' }, normalTraffic, {
    env: (port) => ({
      WF_PUBLIC_URL: `http://127.0.0.1:${port}`,
      WF_WEBHOOKS: hookUrl,
      WF_WEBHOOK_RETRY_MS: '100',
    }),
    // Dead letters: not JSON, and a hostile raw entry that must render as text.
    prepare: async (wf) => {
      await wf.redis.xadd(wf.stream, '*', 'event', '{not json');
      await wf.redis.xadd(wf.stream, '*', 'event', '<img src=x onerror=alert(1)><script>alert(2)</script>');
    },
  });

  it('creates a display token, the wall shows data; revoking it refuses the wall at once', async () => {
    const { wf, browser } = suite;
    const admin = await openPage(browser, { width: 1920, height: 1080 });
    const { page } = admin;
    await loginThroughForm(page, wf.url, 'ada', '/admin');
    await page.locator('nav[aria-label=Main] a', { hasText: 'Admin' }).waitFor();
    await page.locator('h1', { hasText: 'Administration' }).waitFor();

    // Create a token limited to one segment, from the segments the live feed knows.
    await page.fill('input[name=token-label]', 'Ops room <b>left</b>');
    const energy = page.locator('input[name=token-segment][value=energy]');
    await energy.waitFor({ timeout: 20_000 });
    await energy.check();
    await page.locator('button', { hasText: 'Create token' }).click();
    const urlBox = page.locator('#wall-url');
    await urlBox.waitFor();
    const wallUrl = await urlBox.inputValue();
    expect(wallUrl).toMatch(new RegExp(`^${wf.url.replace(/[.]/g, '\\.')}/wall\\?token=\\S+$`));
    await page.locator('table.admin__table td', { hasText: 'Ops room <b>left</b>' }).waitFor();
    expect(await page.locator('table.admin__table b').count()).toBe(0);
    // on a laptop every panel keeps its table inside it (the revoke buttons were cut at 1366 px)
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(300);
    const spilled = await page.evaluate(
      `[...document.querySelectorAll('.admin__panel')].filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.querySelector('h2')?.textContent)`,
    );
    expect(spilled).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });

    // The wall on that URL shows live data (and only the energy segment).
    const wall = await openPage(browser, { width: 1920, height: 1080 });
    await wall.page.goto(wallUrl);
    await wall.page.locator('.wall--live').waitFor({ timeout: 20_000 });
    expect(new URL(wall.page.url()).search).toBe('');

    // Settings: a clear threshold above raise is refused on the page, before the server sees it.
    await page.fill('input[name=clear]', '95');
    await page.locator('button', { hasText: 'Save settings' }).click();
    await page.locator('#clear-error', { hasText: 'below the raise threshold' }).waitFor();
    await page.fill('input[name=clear]', '40');
    await page.fill('input[name=raise]', '65');
    await page.locator('button', { hasText: 'Save settings' }).click();
    await page.locator('.flash', { hasText: 'Saved.' }).waitFor();
    // The screens draw the threshold the server now applies (they keep none of their own).
    const operator = await openPage(browser);
    await loginThroughForm(operator.page, wf.url, 'otis', '/');
    await operator.page
      .locator('figure.chart[aria-label*="alert threshold 65"]')
      .waitFor({ timeout: 20_000 });
    expect(operator.errors).toEqual([]);

    // DLQ: the hostile raw entry is text; the filter narrows by reason.
    await page.locator('table.dlq tbody tr').first().waitFor({ timeout: 10_000 });
    await page.locator('.dlq__raw', { hasText: '<script>alert(2)</script>' }).waitFor();
    expect(await page.locator('table.dlq img, table.dlq script').count()).toBe(0);
    await page.selectOption('select[name=dlq-reason]', 'bad_json');
    await expect
      .poll(() => page.locator('table.dlq tbody tr').count(), { timeout: 5000 })
      .toBeGreaterThanOrEqual(1);
    // Re-queue one entry: it goes back to its stream (and, still bad JSON, is dead-lettered again).
    await page.locator('table.dlq tbody input[type=checkbox]').first().check();
    await page.locator('button', { hasText: 'Re-queue selected (1)' }).click();
    await page.locator('#admin-dlq .flash', { hasText: '1 re-queued' }).waitFor();

    // Webhook deliveries: the critical alert of the loud host went out (a failure, then a retry).
    await expect
      .poll(
        async () => {
          await page.locator('#admin-deliveries button', { hasText: 'Refresh' }).click();
          await page.waitForTimeout(300);
          return page.locator('#admin-deliveries tbody tr').count();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBeGreaterThanOrEqual(2);

    expect(await unnamedControls(page)).toEqual([]);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'admin', true);

    // Revoke: the wall is refused at once (no reload), and says so.
    const row = page.locator('table.admin__table tr', { hasText: 'Ops room <b>left</b>' });
    await row.locator('button', { hasText: 'Revoke' }).click();
    const revokedAt = Date.now();
    await row.locator('button', { hasText: 'Confirm revoke' }).click();
    await wall.page.locator('.wall__message', { hasText: 'refused' }).waitFor({ timeout: 10_000 });
    console.log(`wall refused ${Date.now() - revokedAt} ms after the revoke click`);
    await screenshot(wall.page, 'wall-revoked');
    await page.locator('.flash', { hasText: 'revoked' }).waitFor();
    expect(await page.locator('table.admin__table td', { hasText: 'Ops room <b>left</b>' }).count()).toBe(0);

    expect(admin.errors).toEqual([]);
    expect(admin.dialogs).toEqual([]);
    expect(wall.dialogs).toEqual([]);
  }, 150_000);

  it('an operator sees no Admin link, and /admin says not allowed', async () => {
    const { wf, browser } = suite;
    const { page, errors, context } = await openPage(browser);
    await loginThroughForm(page, wf.url, 'otis');
    await page.locator('nav[aria-label=Main] a', { hasText: 'Overview' }).waitFor();
    expect(await page.locator('nav[aria-label=Main] a', { hasText: 'Admin' }).count()).toBe(0);
    await page.goto(`${wf.url}/admin`);
    await page.locator('[role=alert]', { hasText: 'Not allowed' }).waitFor();
    expect(await page.locator('#admin-users, #admin-tokens, #admin-dlq').count()).toBe(0);
    // The server refuses anyway.
    const res = await context.request.get(`${wf.url}/api/users`);
    expect(res.status()).toBe(403);
    expect(errors).toEqual([]);
  }, 60_000);
});
