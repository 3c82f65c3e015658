/**
 * Warninglists (`WF_INTEL_WARNINGLISTS`): which observables a list of benign values warns (address ranges overlapping
 * either way, names with their subdomains and parents, URL hosts, exact strings); MISP `list.json` files, folders of
 * them and plain lists read from disk; the feeds leave warned indicators out, list them with the list's name, and keep
 * the previous lists when a list breaks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IntelFeeds } from '../../server/intel/intel-feeds.js';
import { recognize } from '../../server/intel/observable.js';
import { buildWarninglist, readWarninglists, warns } from '../../server/intel/warninglist.js';

const dir = mkdtempSync(join(tmpdir(), 'wf-warn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cdn = buildWarninglist('cdn', 'test', [
  { type: 'cidr', value: '23.50.52.40' },
  { type: 'cidr', value: '2001:db8:cafe::/48' },
  { type: 'hostname', value: '.windowsupdate.com' },
  { type: 'hostname', value: 'objects.githubusercontent.com' },
  { type: 'string', value: 'D41D8CD98F00B204E9800998ECF8427E' },
  { type: 'regex', value: '^.*\\.example$' },
]);
const warned = (value: string) => warns(cdn, recognize(value)!);

describe('warninglist', () => {
  it('counts what it understands and what it does not match', () => {
    expect([cdn.entries, cdn.unsupported]).toEqual([5, 1]);
  });

  it('warns an address or range that overlaps a listed one, either way', () => {
    expect(warned('23.50.52.40')).toBe(true);
    expect(warned('23.50.0.0/17')).toBe(true); // a feed's broad range covering the CDN node
    expect(warned('23.50.128.0/17')).toBe(false);
    expect(warned('23.50.52.41')).toBe(false);
    expect(warned('2001:db8:cafe:1::5')).toBe(true);
    expect(warned('2001:db8::/32')).toBe(true);
    expect(warned('2001:db8:caff::1')).toBe(false);
  });

  it('warns a listed name, its subdomains and its parents, and URLs on those hosts', () => {
    expect(warned('windowsupdate.com')).toBe(true);
    expect(warned('download.windowsupdate.com')).toBe(true);
    expect(warned('githubusercontent.com')).toBe(true); // a parent: it would match the listed name
    expect(warned('raw.githubusercontent.com')).toBe(false); // a sibling of the listed name
    expect(warned('evilwindowsupdate.com')).toBe(false);
    expect(warned('http://download.windowsupdate.com/msdownload/x.cab')).toBe(true);
    expect(warned('http://23.50.52.40:8080/x')).toBe(true);
    expect(warned('http://evil.example.test/x')).toBe(false);
  });

  it('warns exact strings in any case', () => {
    expect(warned('d41d8cd98f00b204e9800998ecf8427e')).toBe(true);
    expect(warned('51c64c77e60f3980eea90869b68c58a8')).toBe(false);
  });

  it('reads MISP list.json files, a folder of them and plain lists', async () => {
    mkdirSync(join(dir, 'lists/microsoft'), { recursive: true });
    mkdirSync(join(dir, 'lists/github'), { recursive: true });
    writeFileSync(
      join(dir, 'lists/microsoft/list.json'),
      JSON.stringify({ name: 'List of known Microsoft IP ranges', type: 'cidr', list: ['23.50.52.0/24'] }),
    );
    writeFileSync(
      join(dir, 'lists/github/list.json'),
      JSON.stringify({ name: 'GitHub hosts', type: 'hostname', list: ['github.com', 'not a name!'] }),
    );
    writeFileSync(join(dir, 'plain.txt'), '# resolvers\n9.9.9.9\n1.1.1.1 # cloudflare\nquad9.net\n');
    const folder = await readWarninglists(join(dir, 'lists'));
    expect(folder.map((l) => [l.name, l.entries, l.unsupported])).toEqual([
      ['GitHub hosts', 1, 1],
      ['List of known Microsoft IP ranges', 1, 0],
    ]);
    const [plain] = await readWarninglists(join(dir, 'plain.txt'));
    expect([plain!.name, plain!.entries]).toEqual(['plain.txt', 3]);
    expect(warns(plain!, recognize('1.1.1.1')!)).toBe(true);
    expect(warns(plain!, recognize('dns.quad9.net')!)).toBe(true);
    writeFileSync(join(dir, 'bad.json'), '{"name": "x"}');
    await expect(readWarninglists(join(dir, 'bad.json'))).rejects.toThrow(/not a MISP warninglist/);
    writeFileSync(
      join(dir, 'untyped.json'),
      JSON.stringify({ name: 'old', list: ['8.8.8.8', 'dns.google'] }),
    );
    const [untyped] = await readWarninglists(join(dir, 'untyped.json'));
    expect(warns(untyped!, recognize('8.8.8.0/24')!) && warns(untyped!, recognize('x.dns.google')!)).toBe(
      true,
    );
    await expect(readWarninglists(join(dir, 'missing'))).rejects.toThrow(/missing/);
  });

  it('leaves warned indicators out of the feeds, lists them, and keeps the lists when one breaks', async () => {
    const feed = join(dir, 'feed.txt');
    writeFileSync(feed, '# confidence: 90\n23.50.0.0/17\n198.51.100.7\nraw.github.com\nc2.example.test\n');
    const list = join(dir, 'benign.json');
    writeFileSync(list, JSON.stringify({ name: 'benign', type: 'cidr', list: ['23.50.52.40/32'] }));
    const errors: string[] = [];
    const feeds = new IntelFeeds({
      feeds: [{ name: 'feed', kind: 'list', location: feed }],
      refreshMs: 3_600_000,
      warninglists: [list, join(dir, 'lists')],
      onError: (name, message) => errors.push(`${name}: ${message}`),
    });
    await feeds.refresh();
    let st = feeds.status();
    expect(st.feeds[0]).toMatchObject({ indicators: 2, warned: 2, skipped: 2 });
    expect(st.feeds[0]!.skippedList.map((s) => [s.why, s.text])).toEqual([
      ['on warninglist "benign"', '23.50.0.0/17'],
      ['on warninglist "GitHub hosts"', 'raw.github.com'],
    ]);
    expect(st.warninglists.map((w) => [w.state, w.names, w.entries])).toEqual([
      ['ok', ['benign'], 1],
      ['ok', ['GitHub hosts', 'List of known Microsoft IP ranges'], 2],
    ]);
    const index = feeds.index()!;
    const hit = (dst_ip: string) => index.match({ ts: 0, kind: 'flow', src_ip: '10.0.0.1', dst_ip } as never);
    expect(hit('23.50.52.40')).toBeNull();
    expect(hit('198.51.100.7')).not.toBeNull();

    writeFileSync(list, '{ broken');
    await feeds.refresh();
    st = feeds.status();
    expect(st.warninglists[0]).toMatchObject({
      state: 'error',
      names: ['benign'],
      error: expect.stringMatching(/JSON/),
    });
    expect(st.feeds[0]).toMatchObject({ indicators: 2, warned: 2 });
    expect(errors[0]).toMatch(/^warninglist .*benign\.json: /);
    expect(feeds.observations(0).map((o) => o.entityId)).toEqual([`intel-warninglist:${list}`]);
  });
});
