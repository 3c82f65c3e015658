/**
 * Accounts in Chromium: an admin creates an API token on the admin page (shown once, works as a Bearer at once,
 * listed with its last use, revoked with a click), sees another user's live session (how, from where, which
 * browser) and ends it: that user's open page is sent back to the login form.
 */
import { describe, expect, it } from 'vitest';
import {
  browserSkipReason,
  liveBrowserSuite,
  loginThroughForm,
  normalTraffic,
  openPage,
  unnamedControls,
} from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('accounts in Chromium', () => {
  const suite = liveBrowserSuite({ ada: 'admin', otis: 'operator' }, normalTraffic, 10);

  it('creates an API token shown once, which works until it is revoked on the page', async () => {
    const { wf, browser } = suite;
    const { page, errors, context } = await openPage(browser);
    await loginThroughForm(page, wf.url, 'ada', '/admin');
    const panel = page.locator('#admin-api-tokens');
    await panel.locator('input[name=api-token-name]').fill('soar-e2e');
    await panel.locator('select[name=api-token-role]').selectOption('lead');
    await panel.locator('input[name=api-token-days]').fill('30');
    await panel.getByRole('button', { name: 'Create API token' }).click();
    const secret = await panel.locator('#api-token-secret').inputValue();
    expect(secret).toMatch(/^wfa_/);

    const me = await fetch(`${wf.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(await me.json()).toEqual({ username: 'token:soar-e2e', role: 'lead' });

    await panel.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    const row = page.locator('#admin-api-tokens tr', { hasText: 'soar-e2e' });
    await expect.poll(() => row.textContent()).toContain('127.0.0.1');
    expect(await page.locator('#admin-api-tokens').textContent()).not.toContain(secret);
    expect(await unnamedControls(page)).toEqual([]);

    await row.getByRole('button', { name: 'Revoke soar-e2e' }).click();
    await row.getByRole('button', { name: 'Confirm revoke' }).click();
    await expect
      .poll(() => page.locator('#admin-api-tokens [role=status]').textContent())
      .toContain('revoked');
    const after = await fetch(`${wf.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lists another user's session and ends it: their open page goes back to the login form", async () => {
    const { wf, browser } = suite;
    const otis = await openPage(browser);
    await loginThroughForm(otis.page, wf.url, 'otis', '/');
    const admin = await openPage(browser);
    await loginThroughForm(admin.page, wf.url, 'ada', '/admin');
    const row = admin.page.locator('#admin-sessions tr', { hasText: 'otis' });
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('password');
    expect(text).toContain('HeadlessChrome');

    await row.getByRole('button', { name: /End the session of otis/ }).click();
    await row.getByRole('button', { name: 'Confirm end' }).click();
    await otis.page.waitForURL((u) => u.pathname.startsWith('/login'), { timeout: 20_000 });
    const me = await otis.page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
    const audit = await wf.audit.query({ actor: 'ada' });
    expect(audit.some((r) => r.action === 'session.end' && r.note?.startsWith('otis'))).toBe(true);
    await otis.context.close();
    await admin.context.close();
  });
});
