/**
 * The admin page's processes panel in Chromium: one process (the default) lists itself with every role and says that
 * nothing is partitioned — what GET /api/cluster gives (the several-processes answer is checked in F13) — and its
 * event rate is charted from the page's samples (recharts, loaded with the chart).
 */
import { describe, expect, it } from 'vitest';
import { browserSkipReason, liveBrowserSuite, loginThroughForm, openPage } from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('processes on the admin page', () => {
  const suite = liveBrowserSuite({ ada: 'admin' });

  it('lists this one process with its roles', async () => {
    const { page } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'ada', '/admin');
    const members = page.locator('[data-testid="cluster-members"] tbody tr');
    await members.first().waitFor({ timeout: 30_000 });
    expect(await members.count()).toBe(1);
    expect(await members.first().locator('td').nth(1).textContent()).toBe('ingest, score, web');
    expect(await page.locator('#admin-cluster').textContent()).toMatch(/nothing is partitioned/);
    // two samples (2 s apart) make the chart: one series, the process's own
    const rates = page.locator('[data-testid="cluster-rates"]');
    await rates.locator('svg.recharts-surface').first().waitFor({ timeout: 30_000 });
    expect(await rates.textContent()).toMatch(/the 1 busiest of 1 /);
    expect(await rates.locator('.xchart__line').count()).toBe(1);
  }, 120_000);
});
