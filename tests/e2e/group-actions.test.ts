/**
 * A grouped queue's group actions act on what the group shows: with the queue filtered to one detector, "Resolve
 * group" on a segment resolves that detector's alerts of the segment and leaves the hidden ones (it resolved every
 * alert of the segment, critical scans included, while its dialog counted one).
 */
import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../support/alerts.js';
import { browserSkipReason, liveBrowserSuite, loginThroughForm, openPage } from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('group actions in Chromium', () => {
  const ids: Record<string, string> = {};
  const suite = liveBrowserSuite({ lena: 'lead' }, undefined, {
    seconds: 10,
    prepare: async (wf) => {
      ids.rate = (
        await raiseAlert(wf, { ip: '10.1.0.50', score: 70, detector: 'rate', segment: 'energy' })
      ).id;
      ids.scanA = (
        await raiseAlert(wf, { ip: '10.1.0.51', score: 95, detector: 'scan', segment: 'energy' })
      ).id;
      ids.scanB = (
        await raiseAlert(wf, { ip: '10.1.0.52', score: 95, detector: 'scan', segment: 'energy' })
      ).id;
    },
  });

  it('resolve a group filtered to one detector: the hidden alerts of the segment stay unresolved', async () => {
    const { page, errors } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'lena', '/alerts?detector=rate&group=segment');
    const group = page.locator('.group', { hasText: 'energy' });
    await group.locator('tr.queue__row', { hasText: '10.1.0.50' }).waitFor({ timeout: 20_000 });
    expect(await group.locator('tr.queue__row').count()).toBe(1);
    await group.locator('button', { hasText: 'Resolve group' }).click();
    const dialog = page.locator('dialog[open]');
    expect(await dialog.locator('.dialog__target').textContent()).toBe(
      'the unresolved alert shown of segment energy (1)',
    );
    await dialog.locator('select').first().selectOption('benign');
    await dialog.locator('textarea[name=note]').fill('expected backup traffic');
    await dialog.locator('button[type=submit]').click();
    await page.locator('.flash').waitFor({ timeout: 10_000 });
    const state = async (id: string) => (await suite.wf.alerts.store.get(id))?.state;
    expect(await state(ids.rate!)).toBe('resolved');
    expect(await state(ids.scanA!)).toBe('open');
    expect(await state(ids.scanB!)).toBe('open');
    expect(errors).toEqual([]);
  }, 90_000);
});
