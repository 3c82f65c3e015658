/**
 * Leads acting on what they see: a grouped queue's group actions act on what the group shows (with the queue filtered
 * to one detector, "Resolve group" resolved every alert of the segment, critical scans included, while its dialog
 * counted one); a claim refused because another lead claimed first turns the open dialog into a takeover (it offered
 * the same refused claim again).
 */
import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../support/alerts.js';
import {
  browserSkipReason,
  liveBrowserSuite,
  loginThroughForm,
  openPage,
  PASSWORD,
} from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('leads acting on what they see, in Chromium', () => {
  const ids: Record<string, string> = {};
  const suite = liveBrowserSuite({ lena: 'lead', leo: 'lead' }, undefined, {
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
    // the resolved alert's keys say at once that it is resolved: no dialog to write a note in first
    await page.goto(`${suite.wf.url}/alerts?id=${ids.rate}&state=all`);
    await page.locator('.detail [data-testid=detail-state]').waitFor({ timeout: 20_000 });
    for (const key of ['a', 'e', 's', 'r']) {
      await page.keyboard.press(key);
      await page
        .locator('.flash.flash--refused', { hasText: `Alert ${ids.rate} was resolved by lena.` })
        .waitFor();
      expect(await page.locator('dialog[open]').count(), key).toBe(0);
    }
    expect(errors).toEqual([]);
  }, 90_000);

  it('a claim refused because another lead claimed first turns the open dialog into a takeover', async () => {
    const { page } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'leo', `/alerts?id=${ids.scanA}`);
    await page.locator('.detail [data-testid=detail-state]').waitFor({ timeout: 20_000 });
    await page.keyboard.press('a');
    const dialog = page.locator('dialog[open]');
    await dialog.locator('textarea[name=note]').fill('mine');
    // lena claims it while leo writes
    const lena = await suite.wf.login('lena', PASSWORD);
    const version = (await suite.wf.alerts.store.get(ids.scanA!))!.version;
    const claimed = await fetch(`${suite.wf.url}/api/alerts/${ids.scanA}/ack`, {
      method: 'POST',
      headers: { cookie: lena, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'on it', version }),
    });
    expect(claimed.status).toBe(200);
    await dialog.locator('button[type=submit]').click();
    await dialog.locator('.dialog__error', { hasText: 'acknowledged by lena' }).waitFor({ timeout: 10_000 });
    // the dialog now says what a second submit does, and it does it
    await dialog.locator('.warn-text', { hasText: 'claimed by lena. Submitting takes it over.' }).waitFor();
    await dialog.locator('button[type=submit]').click();
    await expect.poll(async () => (await suite.wf.alerts.store.get(ids.scanA!))?.owner).toBe('leo');
  }, 90_000);
});
