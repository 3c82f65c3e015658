/**
 * Lithuanian in Chromium: the login page follows a Lithuanian browser; a user whose language is Lithuanian walks every
 * route (overview, host, alerts with the action dialog, handover, sensors, search, ATT&CK, admin, account, a page that
 * does not exist) and no page shows English text from the catalogue or asks for a key the catalogues lack; the wall
 * speaks Lithuanian by `?lang=lt` in an English browser and by its token's `--locale`, takeover and OFFLINE banner
 * included. An English browser with no choice stays English.
 */

import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../client/src/i18n/index.js';
import { createFirstWall } from '../../server/auth/bootstrap.js';
import { AUDIT_ACTIONS, WEBHOOK_EVENTS } from '../../shared/schemas/audit.js';
import { raiseAlert } from '../support/alerts.js';
import { writeWorldDatabases } from '../support/geo-world.js';
import { startHandoffReceiver } from '../support/handoff-receivers.js';
import {
  type FeedEvent,
  liveBrowserSuite,
  noBrowser,
  normalTraffic,
  openPage,
  PASSWORD,
  SCREENSHOTS,
  screenshot,
} from './support/browser.js';

type Tree = { readonly [key: string]: string | Tree };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function leaves(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else leaves(v, key, out);
  }
  return out;
}

/**
 * The English catalogue's words that Lithuanian writes differently, as the fragments a page would show between
 * interpolated values: long enough to be words (4+ letters), never a unit or a product name.
 */
function englishFragments(): { key: string; text: string }[] {
  const lt = leaves(CATALOGUES.lt as unknown as Tree);
  // words Lithuanian borrows as they are (webhook, IDS…) are not English on a Lithuanian page
  const borrowed = [...lt.values()].join('\n');
  const out: { key: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const [key, en] of leaves(CATALOGUES.en as unknown as Tree)) {
    const base = key.replace(/_(one|few|many|other)$/, '');
    const ltForms = [...lt].filter(([k]) => k === key || k.startsWith(`${base}_`)).map(([, v]) => v);
    if (ltForms.includes(en)) continue;
    for (const part of en.split(/\{\{[^}]*\}\}/)) {
      const text = part.replace(/^[\s·:,.()“”"'–—…→←▲▼+=/-]+|[\s·:,.()“”"'–—…→←▲▼+=/-]+$/g, '');
      // one word of four letters may be an id that data shows too (the `auth` event kind); two words or five letters not
      if (!(/[A-Za-z]{5,}/.test(text) || /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text)) || seen.has(text))
        continue;
      if (new RegExp(`(?<!\\p{L})${escapeRe(text)}(?!\\p{L})`, 'iu').test(borrowed)) continue;
      seen.add(text);
      out.push({ key, text });
    }
  }
  return out;
}

const FRAGMENTS = englishFragments();
const PATTERNS = FRAGMENTS.map((f) => ({
  ...f,
  re: new RegExp(`(?<!\\p{L})${escapeRe(f.text)}(?!\\p{L})`, 'u'),
}));

/** Everything a page says: its text (hidden and print-only parts too), the options of its lists, its labels and titles. */
async function pageWords(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    const parts = [document.title, document.body.textContent || ''];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    for (const el of document.querySelectorAll('svg title')) parts.push(el.textContent || '');
    return parts.join('\\n');
  })()`)) as string;
}

/** The catalogue's English found on the page (key and text), after the data it shows is taken out. */
async function englishOn(page: Page, data: readonly string[] = []): Promise<string[]> {
  let words = await pageWords(page);
  for (const d of data) words = words.split(d).join(' ');
  // a placeholder left unfilled is a missing parameter
  const unfilled = /\{\{[^}]*\}\}/.exec(words);
  if (unfilled)
    return [
      `unfilled “${unfilled[0]}” in “${words.slice(Math.max(0, unfilled.index - 40), unfilled.index + 40)}”`,
    ];
  return PATTERNS.flatMap((p) => {
    const m = p.re.exec(words);
    return m ? [`${p.key}: “${p.text}” in “${words.slice(Math.max(0, m.index - 40), m.index + 60)}”`] : [];
  });
}

/** The elements of `selector` whose text is cut (clipped or ended with an ellipsis). */
async function wholeText(page: Page, selector: string): Promise<string[]> {
  return (await page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(selector)})].filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.className + ': ' + el.textContent)`,
  )) as string[];
}

async function missingKeys(page: Page): Promise<string[]> {
  return (await page.evaluate('[...(window.__wfMissingKeys ?? [])]')) as string[];
}

/** Entries the decoder refuses: the admin page lists them, raw as they came (data), the details in Lithuanian. */
const DEAD_LETTERS = ['{not json', '{"ts":"2026-12-06T10:00:00Z","sensor":"s1","kind":"flow"}', '[1]'];

/** Text the server and the feeders put on screen as data (names, notes, the classification banner), not words. */
const DATA = [
  ...DEAD_LETTERS,
  // the saved-hunt form's example values: a detector id and a technique id, typed as ids in every language
  'beacon',
  'Arkime',
  'Peer lookup',
  'Telia Eesti AS',
  'Example Bulletproof Hosting',
  'UNCLASSIFIED // DEMO',
  'Ops room A',
  'Kaunas wall',
  'watch this host',
  'https://chat.example.org/hooks/…',
  'soar-playbook',
  'sensor-energy',
  'sensor-finance',
  'sensor-health',
];

const HIVE_KEY = 'hive-lt-key';
const hive = await startHandoffReceiver(HIVE_KEY);
// a chat webhook on loopback: new critical alerts are delivered to it, and the alert's history says so
const hooks = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
hooks.listen(0, '127.0.0.1');
await once(hooks, 'listening');
const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
const dir = mkdtempSync(join(tmpdir(), 'wf-lt-e2e-'));
const dbs = writeWorldDatabases(dir);
const pivots = join(dir, 'pivots.json');
writeFileSync(
  pivots,
  JSON.stringify([
    { name: 'Arkime', url: 'https://arkime.example/sessions?expression={query}' },
    { name: 'Peer lookup', url: 'https://intel.example/ip/{peer}' },
  ]),
);
afterAll(async () => {
  await hive.close();
  hooks.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The usual traffic, and a quiet finance host talking to peers in two countries (Estonia, and one it never did). */
const PEERING = '10.2.0.77';
function trafficWithPeers(round: number): FeedEvent[] {
  return [
    ...normalTraffic(round),
    {
      sensor: 'sensor-finance',
      kind: 'flow',
      src_ip: PEERING,
      segment: 'finance',
      dst_ip: round % 2 ? '198.51.100.10' : '203.0.113.7',
      dst_port: 443,
      proto: 'tcp',
      bytes_out: 3000,
    },
  ];
}

describe.skipIf(noBrowser())('Lithuanian in Chromium', () => {
  let plainToken = '';
  let ltToken = '';
  const suite = liveBrowserSuite({ rasa: 'admin', eve: 'lead' }, trafficWithPeers, {
    // pivots, TheHive and the geo databases: their words are on the host page and the alert detail too
    env: () => ({
      WF_PIVOTS: pivots,
      WF_THEHIVE_URL: hive.url,
      WF_THEHIVE_KEY: HIVE_KEY,
      WF_WEBHOOKS: hookUrl,
      WF_GEOIP_DB: dbs.country,
      WF_ASN_DB: dbs.asn,
    }),
    prepare: async (wf) => {
      // the wall link of a first start: its label and maker are the server's words, shown in the screen's language
      plainToken = await createFirstWall(wf.tokens);
      // dead letters, their details the decoder's words
      for (const bad of DEAD_LETTERS) await wf.redis.xadd(wf.stream, '*', 'event', bad);
      ltToken = (await wf.tokens.create({ label: 'Kaunas wall', locale: 'lt' }, 'test')).token;
      await wf.users.setLocale('rasa', 'lt');
    },
  });

  it('has the words for every English text it could show', () => {
    // the walk below would prove nothing if the catalogue's English were not looked for
    expect(FRAGMENTS.length).toBeGreaterThan(500);
    expect(FRAGMENTS.map((f) => f.text)).toContain('Unresolved alerts');
  });

  it('walks every route in Lithuanian: no English from the catalogue, no missing key', async () => {
    const { wf, browser } = suite;
    // A Lithuanian browser gets the login page in Lithuanian before anyone is known.
    const { page, errors } = await openPage(browser, { width: 1600, height: 1000 }, 'lt-LT');
    await page.goto(`${wf.url}/login`);
    await page.locator('button[type=submit]', { hasText: 'Prisijungti' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('lt');
    expect(await englishOn(page)).toEqual([]);
    await page.fill('input[name=username]', 'rasa');
    await page.fill('input[name=password]', 'wrong password');
    await page.click('button[type=submit]');
    await page
      .locator('#login-error', { hasText: 'Neteisingas naudotojo vardas arba slaptažodis.' })
      .waitFor();
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    // user names are data too (`operator-1a2b3c`)
    DATA.push(...(await wf.users.list()).map((u) => u.username));
    const visit = async (path: string, ready: string, name?: string) => {
      await page.goto(`${wf.url}${path}`);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(800);
      expect(await englishOn(page, DATA), path).toEqual([]);
      if (name) await screenshot(page, name);
    };
    // the loud host has raised its alert by now: every list below has rows
    await expect
      .poll(async () => (await wf.alerts.store.unresolved()).length, { timeout: 90_000 })
      .toBeGreaterThan(0);
    await visit('/', '.feed__item');
    await page.locator('figure.chart').first().waitFor({ timeout: 30_000 });
    await page.locator('.conn--live').waitFor({ timeout: 20_000 });
    expect(await page.locator('h1').textContent()).toBe('Apžvalga');
    expect(await englishOn(page, DATA)).toEqual([]);
    await screenshot(page, 'overview-lt');
    // at a laptop's width Lithuanian's longer headings and band words keep the top hosts inside their panel
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForTimeout(300);
    const spilled = await page.evaluate(
      `[...document.querySelectorAll('table.hosts')].filter((t) => t.getBoundingClientRect().right > t.closest('.panel').getBoundingClientRect().right + 1).length`,
    );
    expect(spilled).toBe(0);
    await page.setViewportSize({ width: 1600, height: 1000 });
    // the watch panel: a host under watch, a saved hunt
    const panel = page.locator('section.watch-panel');
    await panel.locator('input[name=watch-value]').fill('10.1.0.99');
    await panel.locator('input[name=watch-reason]').fill('watch this host');
    await panel.locator('form:has(input[name=watch-value])').locator('button[type=submit]').click();
    await panel.locator('.watchlist__item', { hasText: '10.1.0.99' }).waitFor();
    await panel.locator('input[name=hunt-name]').fill('Kaunas wall');
    await panel.locator('form:has(input[name=hunt-name])').locator('button[type=submit]').click();
    await panel.locator('[data-testid=hunt]', { hasText: 'Kaunas wall' }).waitFor();
    await page.locator('[data-testid=watch-mark]').first().waitFor({ timeout: 20_000 });
    expect(await englishOn(page, DATA)).toEqual([]);

    await visit('/hosts/10.1.0.99', '[data-testid=top-reason]');
    await page.fill('#host-note', 'watch this host');
    await page.click('.notes-form button[type=submit]');
    await page.locator('.notes__item', { hasText: 'watch this host' }).waitFor();
    // pivots and the watch mark
    await page.locator('main.host > [data-testid=pivots] a.pivot').first().waitFor({ timeout: 20_000 });
    await page.locator('main.host [data-testid=watch-mark]').first().waitFor({ timeout: 20_000 });
    expect(await englishOn(page, DATA)).toEqual([]);
    // peers with their country and AS
    await visit(`/hosts/${PEERING}`, 'table.events');
    await page
      .locator('table.events tbody tr', { hasText: '203.0.113.7' })
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await englishOn(page, DATA)).toEqual([]);

    await visit('/alerts?state=all', 'tr.queue__row');
    await page.locator('tr.queue__row').first().click();
    await page.locator('.detail [data-testid=detail-state]').waitFor();
    await page.locator('.detail .history li').first().waitFor({ timeout: 10_000 });
    expect(await englishOn(page, DATA)).toEqual([]);
    // its history: the raise and the webhook's delivery in words (it showed "system (system) webhook.delivered" and
    // "alert.critical to http://… (attempt 1)", and "(balas 93.6)"), the server named as the language names it
    const history = page.locator('.detail .history');
    await history
      .locator('li', { hasText: 'išsiuntė webhook pranešimą' })
      .first()
      .waitFor({ timeout: 20_000 });
    const told = (await history.textContent()) ?? '';
    for (const id of [...AUDIT_ACTIONS, ...WEBHOOK_EVENTS]) expect(told).not.toContain(id);
    expect(told).not.toMatch(/\bsystem\b|\battempt\b/);
    expect(told).toContain('sistema išsiuntė webhook pranešimą');
    expect(told).toMatch(/naujas kritinis įspėjimas į http:\/\/127\.0\.0\.1:\d+\/hook \(bandymas 1\)/);
    expect(told).toMatch(/sistema iškėlė[^“]*“[^”]*\(balas \d+\)”/);
    await history.screenshot({ path: join(SCREENSHOTS, 'alert-history-lt.png') });
    // hand-off: TheHive answers, the history shows it in words
    await page.locator('.detail .handoff button').last().click();
    await page.locator('[data-testid=handoff-message]').waitFor({ timeout: 10_000 });
    await page.locator('.detail .history li').nth(1).waitFor({ timeout: 10_000 });
    expect(await englishOn(page, DATA)).toEqual([]);
    await page.keyboard.press('?');
    await page.locator('.shortcuts').waitFor();
    await page.keyboard.press('?');
    // the acknowledge dialog, refused without a note, then taken
    await page.locator('.detail__actions button.btn--primary').click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('.dialog__title').textContent()).toBe('Perimti įspėjimą');
    expect(await englishOn(page, DATA)).toEqual([]);
    await dialog.locator('textarea[name=note]').fill('tikrinu');
    await dialog.locator('button[type=submit]').click();
    await page.locator('.flash', { hasText: 'atlikta' }).waitFor();
    await page.locator('.detail [data-testid=detail-state]', { hasText: 'perėmė rasa' }).waitFor();
    // on a laptop the queue keeps its columns beside the detail: the state column is not under the panel
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
    const queueFits = await page.evaluate(
      `(() => { const q = document.querySelector('.alerts__queue'); return q.scrollWidth <= q.clientWidth + 1; })()`,
    );
    expect(queueFits).toBe(true);
    await page.setViewportSize({ width: 1600, height: 1000 });
    // a second lead's refusal comes from its key, owner named, in Lithuanian
    const eve = await wf.login('eve', PASSWORD);
    const id = new URL(page.url()).searchParams.get('id')!;
    const refused = await fetch(`${wf.url}/api/alerts/${id}/ack`, {
      method: 'POST',
      headers: { cookie: eve, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'x' }),
    });
    expect((await refused.json()).error.key).toBe('alert.acked_by');
    expect(await englishOn(page, DATA)).toEqual([]);

    await visit('/alerts?group=segment', '.group__title');
    await visit('/handover', '[data-testid=handover-summary]');
    expect(await page.locator('h1').textContent()).toBe('Pamainos perdavimas');
    await page.emulateMedia({ media: 'print' });
    expect(await englishOn(page, DATA)).toEqual([]);
    await page.emulateMedia({ media: 'screen' });
    await visit('/sensors', 'table.sensors');
    await visit('/attack', 'main h1');
    await visit('/admin', '#admin-users table');
    await page.locator('#admin-dlq tbody tr').first().waitFor();
    expect(await englishOn(page, DATA)).toEqual([]);
    // the server's words in Lithuanian: the first start's wall and who made it, and each dead letter's detail
    const tokens = (await page.locator('#admin-tokens table').textContent()) ?? '';
    expect(tokens).toContain('operacijų salės ekranas');
    expect(tokens).toContain('sukurtas per pirmąjį paleidimą');
    expect(tokens).not.toMatch(/first start|operations room/);
    const details = await page.locator('#admin-dlq tbody tr td:nth-child(5)').allTextContents();
    expect(details).toEqual(
      expect.arrayContaining([
        'tikėtasi JSON objekto, gautas masyvas',
        'privalomas laukas src_ip',
        'netinkamas JSON (klaida ties simboliu Nr. 2)',
      ]),
    );
    await visit('/account', 'select[name=locale]');
    await visit('/no-such-page', 'main h1');
    expect(await page.locator('main h1').textContent()).toBe('Puslapis nerastas');

    // search, with its plural
    await page.fill('input[name=q]', 'ener');
    await page.locator('[data-testid=search-count]').waitFor({ timeout: 10_000 });
    expect(await page.locator('.search__item').first().textContent()).toMatch(/^segmentas energy/);
    expect(await englishOn(page, DATA)).toEqual([]);

    expect(await missingKeys(page)).toEqual([]);
    // the wrong password above was refused on purpose
    expect(errors.filter((e) => !/status of 401 .*\/api\/login\)$/.test(e))).toEqual([]);

    // The user goes back to English on the account page, and every screen follows at once.
    await page.goto(`${wf.url}/account`);
    await page.selectOption('select[name=locale]', 'en');
    await page.locator('h1', { hasText: 'Your account' }).waitFor();
    expect((await wf.users.get('rasa'))?.locale).toBe('en');
    await page.goto(`${wf.url}/`);
    await page.locator('h1', { hasText: 'Overview' }).waitFor();
  }, 240_000);

  it('keeps an English browser in English when its user chose nothing', async () => {
    const { wf, browser } = suite;
    const { page } = await openPage(browser);
    await page.goto(`${wf.url}/login`);
    await page.fill('input[name=username]', 'eve');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.locator('h1', { hasText: 'Overview' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('nav[aria-label=Main] a').first().textContent()).toBe('Overview');
  });

  it('shows the wall in Lithuanian by ?lang=lt and by its token, takeover and OFFLINE banner included', async () => {
    const { wf, browser } = suite;
    const byToken = await openPage(browser, { width: 1920, height: 1080 });
    await byToken.page.goto(`${wf.url}/wall?token=${encodeURIComponent(ltToken)}&scene=alerts`);
    await byToken.page.locator('.wall--live').waitFor({ timeout: 20_000 });
    await byToken.page.locator('.wkpi__label', { hasText: 'Neišspręsti įspėjimai' }).first().waitFor();
    expect(await englishOn(byToken.page, DATA)).toEqual([]);

    const { page, errors } = await openPage(browser, { width: 1920, height: 1080 });
    await page.goto(`${wf.url}/wall?token=${encodeURIComponent(plainToken)}&lang=lt`);
    await page.locator('.wall--live').waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('lang=lt');
    expect(page.url()).not.toContain('token=');
    // a critical alert nobody has acknowledged takes the screen
    await raiseAlert(wf, { score: 97, segment: 'energy' });
    await page.locator('[data-scene=takeover]').waitFor({ timeout: 30_000 });
    await page.locator('.takeover__sev', { hasText: 'KRITINIS ĮSPĖJIMAS · NEPERIMTAS' }).waitFor();
    await page.waitForTimeout(1500);
    expect(await englishOn(page, DATA)).toEqual([]);
    await screenshot(page, 'wall-lt');
    expect(await missingKeys(page)).toEqual([]);
    // the wall's name is read whole across the room (it was cut to "ope…"), at 1920 × 1080 and at 1440 × 900
    for (const size of [undefined, { width: 1440, height: 900 }]) {
      if (size) await page.setViewportSize(size);
      expect(await page.locator('.wall__label').textContent()).toBe('operacijų salės ekranas');
      expect(await wholeText(page, '.wall__brand, .wall__label')).toEqual([]);
    }
    await page.setViewportSize({ width: 1920, height: 1080 });

    await suite.stopServer();
    const banner = page.locator('[data-testid=wall-banner]');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.locator('.wall__bannerword').textContent()).toMatch(/^(NEPRISIJUNGTA|PASENĘ)$/);
    expect(await englishOn(page, DATA)).toEqual([]);
    await suite.startServerAgain();
    await page.locator('.wall--live').waitFor({ timeout: 30_000 });
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|socket\.io/.test(e))).toEqual([]);
  }, 120_000);
});
