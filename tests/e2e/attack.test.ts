/**
 * The ATT&CK matrix in Chromium: a host whose IDS rule names T1071.001 (Suricata's mitre_technique_id, carried by the
 * native event's `attack`) alerts; the matrix shows it under Command and Control in its segment, and its cell links to
 * the queue filtered to that segment and technique, which lists the alert.
 */
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { browserSkipReason, liveBrowserSuite, loginThroughForm, openPage } from './support/browser.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('the ATT&CK matrix in Chromium', () => {
  const suite = liveBrowserSuite({ lena: 'lead' });

  it('shows the techniques of the period per segment; a cell opens the queue filtered to it', async () => {
    const redis = new Redis(inject('redisUrl'));
    const p = redis.pipeline();
    for (let i = 0; i < 3; i++) {
      const event = {
        ts: Date.now(),
        sensor: 'sur-energy-1',
        kind: 'ids',
        src_ip: '10.1.0.77',
        segment: 'energy',
        signature: 'ET MALWARE Test CnC Checkin',
        severity: 1,
        attack: ['T1071.001'],
      };
      p.xadd(suite.wf.stream, '*', 'event', JSON.stringify(event));
    }
    await p.exec();
    redis.disconnect();
    const { page } = await openPage(suite.browser);
    await loginThroughForm(page, suite.wf.url, 'lena', '/alerts');
    await page.locator('tr.queue__row', { hasText: '10.1.0.77' }).waitFor({ timeout: 30_000 });
    await page.locator('nav a', { hasText: 'ATT&CK' }).click();
    const matrix = page.locator('table.attack-matrix');
    await matrix.waitFor({ timeout: 30_000 });
    // the tactic by MITRE's name, not its hyphenated short name
    expect(await matrix.locator('th[scope=colgroup]').allTextContents()).toContain('Command and Control');
    // the technique with its name, in the column and in the cell's words
    const column = matrix.locator('th[scope=col]', { hasText: 'T1071.001' });
    expect(await column.textContent()).toBe('T1071.001Application Layer Protocol: Web Protocols');
    const cell = matrix.locator(
      'a[aria-label="1 alert of T1071.001 Application Layer Protocol: Web Protocols in energy"]',
    );
    await cell.waitFor({ timeout: 10_000 });
    // and drawn under that column (its cell was laid out as an inline box and drifted under another technique)
    const [colBox, cellBox] = [(await column.boundingBox())!, (await cell.boundingBox())!];
    const middle = cellBox.x + cellBox.width / 2;
    expect(middle).toBeGreaterThanOrEqual(colBox.x);
    expect(middle).toBeLessThanOrEqual(colBox.x + colBox.width);
    // every cell is laid out as a table cell, so that with many techniques none drifts into another's column
    expect(
      await matrix.evaluate((t) => [...t.querySelectorAll('td')].map((td) => getComputedStyle(td).display)),
    ).toEqual(expect.not.arrayContaining([expect.not.stringMatching(/^table-cell$/)]));
    expect(await cell.getAttribute('href')).toBe('/alerts?state=all&segment=energy&technique=T1071.001');
    await cell.click();
    await page.waitForURL(/\/alerts\?.*technique=T1071\.001/);
    expect(await page.locator('select[name=technique]').inputValue()).toBe('T1071.001');
    expect(await page.locator('select[name=technique] option:checked').textContent()).toBe(
      'T1071.001 Application Layer Protocol: Web Protocols',
    );
    await page.locator('tr.queue__row', { hasText: '10.1.0.77' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('select[name=tactic] option[value=command-and-control]').textContent()).toBe(
      'Command and Control',
    );
    // the upload alert of the live traffic names no technique, so the filter leaves it out
    expect(await page.locator('tr.queue__row', { hasText: '10.1.0.99' }).count()).toBe(0);
  }, 120_000);
});
