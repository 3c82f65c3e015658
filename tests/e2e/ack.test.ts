/**
 * A lead acknowledges an alert with a note in one page; a second page of another user sees the new state
 * without reloading. The delay from submit to the change on the second page is measured and printed. A note as long
 * as the server takes goes whole (the field cut it at 2,000 characters of the server's 4,000); a longer one is
 * refused in the dialog, saying why, not cut.
 */
import { describe, expect, it } from 'vitest';
import { ALERT_NOTE_MAX } from '../../shared/schemas/alert.js';
import {
  liveBrowserSuite,
  loginThroughForm,
  noBrowser,
  openPage,
  PASSWORD,
  screenshot,
} from './support/browser.js';
import { endedEpisode } from './support/ended-episode.js';

describe.skipIf(noBrowser())('acknowledging in Chromium', () => {
  const suite = liveBrowserSuite({ lea: 'lead', oscar: 'operator', leo: 'lead' });

  it('a lead acknowledges with a note; the operator’s page shows it promptly', async () => {
    const lead = await openPage(suite.browser);
    const op = await openPage(suite.browser);
    await loginThroughForm(lead.page, suite.wf.url, 'lea', '/alerts');
    await loginThroughForm(op.page, suite.wf.url, 'oscar', '/alerts');
    const row = (p: typeof lead.page) => p.locator('tr.queue__row', { hasText: '10.1.0.99' });
    // the alert is raised once the host turns loud after the first live seconds and holds; on a loaded machine the
    // live feed and the alert tick come late (a wait, not a speed assertion: the delay measured is the one below)
    await row(lead.page).waitFor({ timeout: 90_000 });
    await row(op.page).waitFor({ timeout: 20_000 });
    expect(await row(op.page).getAttribute('data-state')).toBe('open');

    // The operator is offered notes only.
    await row(op.page).click();
    await op.page.locator('.detail').waitFor();
    expect(await op.page.locator('.detail__actions button', { hasText: 'Acknowledge' }).count()).toBe(0);
    expect(await op.page.locator('.detail__actions button', { hasText: 'Add note' }).count()).toBe(1);
    expect(await op.page.locator('.queue input[type=checkbox]').count()).toBe(0);
    // a lead's key says why it does nothing rather than nothing at all
    await op.page.keyboard.press('a');
    await op.page
      .locator('.flash.flash--refused', { hasText: 'Your role (operator) reads alerts and adds notes' })
      .waitFor();
    expect(await op.page.locator('dialog[open]').count()).toBe(0);
    // "/" puts the cursor in the search box
    await op.page.keyboard.press('/');
    expect(await op.page.evaluate('document.activeElement?.className')).toBe('search__input');
    await op.page.evaluate('document.activeElement.blur()');

    // The lead: select with the keyboard-free path (click), then `a` opens the note dialog.
    await row(lead.page).click();
    await lead.page.locator('.detail').waitFor();
    await lead.page.keyboard.press('a');
    const dialog = lead.page.locator('dialog.dialog[open]');
    await dialog.waitFor();
    // The dialog opens on its note, ready to type.
    expect(await lead.page.evaluate('document.activeElement?.getAttribute("name")')).toBe('note');
    // The note is required: submitting without one is refused in the dialog.
    await dialog.locator('button[type=submit]').click();
    expect(await dialog.isVisible()).toBe(true);
    await dialog
      .locator('textarea[name=note]')
      .fill('Looking into the upload from 10.1.0.99 — call with asset owner.');
    await screenshot(lead.page, 'alerts-ack-dialog');

    const submittedAt = await lead.page.evaluate('Date.now()');
    // sent from the keyboard: Ctrl+Enter in the note
    await dialog.locator('textarea[name=note]').press('Control+Enter');
    const seenAt = await op.page.waitForFunction(
      () => {
        const doc = (
          globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }
        ).document;
        const rows = Array.from(doc.querySelectorAll('tr.queue__row')) as {
          textContent: string;
          getAttribute(n: string): string | null;
        }[];
        const r = rows.find((x) => x.textContent.includes('10.1.0.99'));
        return r?.getAttribute('data-state') === 'acknowledged' ? Date.now() : false;
      },
      undefined,
      { timeout: 5000, polling: 'raf' },
    );
    const delay = Number(await seenAt.jsonValue()) - Number(submittedAt);
    console.log(`ack propagation: lead submit → operator page shows "acknowledged" in ${delay} ms`);
    expect(delay).toBeLessThan(5000);

    await lead.page.locator('.detail [data-testid=detail-state]', { hasText: 'owner lea' }).waitFor();
    await op.page.locator('.detail [data-testid=detail-state]', { hasText: 'owner lea' }).waitFor();
    // lea's own "a" again says at once that it is hers (in the refusal's colour), with no dialog to write a note in
    // (once her dialog has closed: the broadcast can reach the page before her own request's answer does)
    await lead.page.locator('dialog[open]').waitFor({ state: 'detached' });
    await lead.page.keyboard.press('a');
    await lead.page.locator('.flash.flash--refused', { hasText: 'is already yours' }).waitFor();
    expect(await lead.page.locator('dialog[open]').count()).toBe(0);
    // The note and the audit history reach the other user too.
    await op.page.locator('.detail .notes', { hasText: 'call with asset owner' }).waitFor({ timeout: 5000 });
    await op.page.locator('.detail .history', { hasText: 'lea' }).waitFor({ timeout: 5000 });
    // another lead escalating lea's alert is told the claim stays hers, and to tell her
    const other = await openPage(suite.browser);
    await loginThroughForm(other.page, suite.wf.url, 'leo', '/alerts');
    await row(other.page).click();
    await other.page.locator('.detail [data-testid=detail-state]', { hasText: 'owner lea' }).waitFor();
    await other.page.keyboard.press('e');
    const theirs = other.page.locator('dialog[open] .warn-text');
    expect(await theirs.textContent()).toBe(
      'This alert is claimed by lea; this goes on their claim without taking it over. Tell them.',
    );
    await other.context.close();
    await lead.page.waitForTimeout(300);
    await screenshot(lead.page, 'alerts');
    await screenshot(op.page, 'alerts-operator');

    // Snooze needs a note (as the server says); "until it gets worse" only when the score can pass its peak.
    await lead.page.keyboard.press('s');
    await dialog.waitFor();
    expect(await lead.page.evaluate('document.activeElement?.getAttribute("name")')).toBe('note');
    expect(await dialog.locator('.field__label', { hasText: 'Note' }).textContent()).toBe('Note (required)');
    const peak = Number(/peak (\d+)/.exec((await lead.page.locator('.detail').textContent()) ?? '')?.[1]);
    expect(peak).toBeGreaterThan(0);
    const worse = dialog.locator('input[name=untilPeak]');
    if (peak >= 100) expect(await worse.count()).toBe(0);
    else await worse.check();
    await dialog.locator('textarea[name=note]').fill('Quiet unless it gets worse.');
    await dialog.locator('button[type=submit]').click();
    await lead.page
      .locator('[data-testid=detail-snoozed]', { hasText: peak >= 100 ? /until/ : /or until score > \d+/ })
      .waitFor();

    // At 1440 px the queue table stays inside its panel: the state (and its tags) wrap, never cut.
    await lead.page.setViewportSize({ width: 1440, height: 900 });
    await row(lead.page).locator('.tag', { hasText: 'SNOOZED' }).waitFor();
    const fit = await lead.page.evaluate(
      `[document.querySelector('.queue').getBoundingClientRect().right, document.querySelector('.alerts__queue').getBoundingClientRect().right]`,
    );
    const [tableRight, panelRight] = fit as [number, number];
    expect(tableRight).toBeLessThanOrEqual(panelRight);

    // Escalated too: the handover still lists the alert once (escalated is a mark), with every note.
    await lead.page.keyboard.press('e');
    await dialog.waitFor();
    await dialog.locator('textarea[name=note]').fill('Escalated to the partner CERT: data leaving energy.');
    await dialog.locator('button[type=submit]').click();
    await lead.page
      .locator('tr.queue__row .tag--esc', { hasText: 'ESCALATED' })
      .first()
      .waitFor({ timeout: 5000 });

    // Two alerts whose episodes are over (raised critical, their hosts quiet now), one waiting, one acknowledged:
    // the handover reads "— / 100" as the queue does, not their last score "20 / 100" (QA E-6).
    const waitingEnded = await endedEpisode(suite.wf, {
      host: '10.2.0.77',
      segment: 'finance',
      score: 20,
      peak: 100,
    });
    const claimedEnded = await endedEpisode(suite.wf, {
      host: '10.3.0.77',
      segment: 'health',
      score: 20,
      peak: 97,
    });
    const acked = await fetch(`${suite.wf.url}/api/alerts/${claimedEnded.id}/ack`, {
      method: 'POST',
      headers: { cookie: await suite.wf.login('leo', PASSWORD), 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'checking the scanner with its owner', version: claimedEnded.version }),
    });
    expect(acked.status).toBe(200);

    // Handover lists the claim with its owner; on paper, dates and times instead of "6 min ago".
    await lead.page.goto(`${suite.wf.url}/handover`);
    const endedRow = (section: string, host: string) =>
      lead.page.locator(`section[aria-labelledby=h-${section}] tbody tr`, { hasText: host });
    await endedRow('waiting', waitingEnded.entity.id).waitFor({ timeout: 10_000 });
    await endedRow('acknowledged', claimedEnded.entity.id).waitFor({ timeout: 10_000 });
    expect((await endedRow('waiting', '10.2.0.77').locator('td.num').textContent())?.trim()).toBe('— / 100');
    expect((await endedRow('acknowledged', '10.3.0.77').locator('td.num').textContent())?.trim()).toBe(
      '— / 97',
    );
    await lead.page.locator('section.hsection tr', { hasText: '10.1.0.99' }).first().waitFor();
    const listed = lead.page.locator('section.hsection:not([aria-labelledby=h-resolved]) tbody tr', {
      hasText: '10.1.0.99',
    });
    expect(await listed.count()).toBe(1);
    const once = (await listed.first().textContent()) ?? '';
    expect(once).toContain('ESCALATED');
    expect(once).toContain('Escalated to the partner CERT');
    // the escalation's reason is marked as such among the notes
    expect(await listed.first().locator('[data-note-action=escalate] .notemark--esc').textContent()).toBe(
      'ESCALATION REASON',
    );
    expect(once).toContain('call with asset owner');
    const summary = (await lead.page.locator('[data-testid=handover-summary]').textContent()) ?? '';
    const [total, ...parts] = [...summary.matchAll(/(\d+)/g)].slice(0, 4).map((m) => Number(m[1]));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    const claimed = lead.page
      .locator('section', { hasText: 'Acknowledged' })
      .locator('tr', { hasText: 'lea' });
    await claimed.first().waitFor();
    expect(await claimed.first().textContent()).toContain('SNOOZED');
    await lead.page.emulateMedia({ media: 'print' });
    expect(await lead.page.locator('.handover__head p').textContent()).toMatch(/Prepared \d{4}-\d\d-\d\d /);
    expect(await claimed.first().locator('.printonly').first().isVisible()).toBe(true);
    await lead.page.emulateMedia({ media: 'screen' });
    await screenshot(lead.page, 'handover-alerts', true);

    // A note of the server's limit goes whole; one character more is said to be too long and not sent, nor cut.
    await lead.page.goto(`${suite.wf.url}/alerts`);
    await row(lead.page).click();
    await lead.page.locator('.detail').waitFor();
    await lead.page.keyboard.press('n');
    await dialog.waitFor();
    const field = dialog.locator('textarea[name=note]');
    expect(await field.getAttribute('maxlength')).toBeNull();
    await field.fill(`${'y'.repeat(ALERT_NOTE_MAX - 1)}zz`);
    expect((await field.inputValue()).length).toBe(ALERT_NOTE_MAX + 1);
    const tooLong = `A note is at most ${ALERT_NOTE_MAX.toLocaleString('en-GB')} characters`;
    await dialog.locator('.dialog__error', { hasText: tooLong }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await dialog.locator('button[type=submit]').click();
    await lead.page.waitForTimeout(500);
    expect(await dialog.isVisible()).toBe(true);
    await field.press('Backspace');
    expect(await dialog.locator('.dialog__error').textContent()).toBe('');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await lead.page.locator('.detail .notes', { hasText: `${'y'.repeat(ALERT_NOTE_MAX - 1)}z` }).waitFor();

    for (const p of [lead, op]) {
      expect(p.errors).toEqual([]);
      expect(p.dialogs).toEqual([]);
    }
  }, 180_000);
});
