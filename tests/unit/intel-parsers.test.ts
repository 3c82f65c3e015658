/** STIX patterns and bundles, MISP feed events, plain lists: what becomes an indicator, and what is skipped and why. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeedSpecs } from '../../server/intel/feed-spec.js';
import { parseList } from '../../server/intel/list.js';
import { isMispManifest, mispManifestEvents, parseMispEvent } from '../../server/intel/misp.js';
import { normalizeUrl, recognize } from '../../server/intel/observable.js';
import { isStixBundle, parseStixBundle } from '../../server/intel/stix.js';
import { parsePattern } from '../../server/intel/stix-pattern.js';
import type { ParsedFeed } from '../../server/intel/types.js';

const FIXTURES = join(__dirname, '../fixtures/intel');
const readJson = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const NOW = Date.parse('2026-12-06T00:00:00Z');

describe('STIX patterns', () => {
  it('reads OR-ed observations and OR-ed comparisons of the supported objects', () => {
    expect(
      parsePattern(
        "[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'Evil.Example.'] OR [url:value = 'HTTP://Evil.Example:80/a?b=1']",
      ),
    ).toEqual({
      ok: true,
      observables: [
        { type: 'ip', value: '198.51.100.7' },
        { type: 'domain', value: 'evil.example' },
        { type: 'url', value: 'evil.example/a?b=1' },
      ],
    });
    expect(
      parsePattern(
        "[file:hashes.'SHA-256' = 'CA978112CA1BBDCAFAC231B39A23DC4DA786EFF8147C4E72B9807785AFEE48BB' OR file:hashes.MD5 = '0cc175b9c0f1b6a831c399e269772661']",
      ),
    ).toMatchObject({
      ok: true,
      observables: [{ type: 'hash' }, { type: 'hash', value: '0cc175b9c0f1b6a831c399e269772661' }],
    });
    expect(parsePattern("[ipv6-addr:value = '2001:DB8::0:1/64']")).toEqual({
      ok: true,
      observables: [{ type: 'cidr', value: '2001:db8::1/64' }],
    });
    expect(parsePattern("[domain-name:value IN ('a.example', 'b.example')]")).toMatchObject({
      ok: true,
      observables: [{ value: 'a.example' }, { value: 'b.example' }],
    });
    expect(parsePattern("[domain-name:value = 'it\\'s.example']")).toMatchObject({ ok: false });
  });

  it('says why it does not match the other forms', () => {
    const why = (p: string) => {
      const r = parsePattern(p);
      return r.ok ? 'ok' : r.why;
    };
    expect(why("[ipv4-addr:value = '1.2.3.4' AND domain-name:value = 'x.example']")).toBe(
      'AND is not matched',
    );
    expect(why("[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'x.example']")).toMatch(/AND between/);
    expect(why('[network-traffic:dst_port = 4444]')).toMatch(/dst_port is not matched/);
    expect(why("[domain-name:value MATCHES '^evil']")).toMatch(/operator MATCHES/);
    expect(why("[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS")).toMatch(/WITHIN/);
    expect(why("[file:hashes.'SHA-512' = 'ab']")).toMatch(/not matched/);
    expect(why("[ipv4-addr:value = '1.2.3']")).toMatch(/not a valid ip/);
    expect(why("[ipv4-addr:value = '1.2.3.4'")).toMatch(/expected \] or OR/);
  });
});

describe('STIX bundles', () => {
  it('keeps valid indicators with confidence, labels, tactics and techniques; counts expired and revoked; lists skipped', () => {
    const bundle = readJson('samples-bundle.json');
    expect(isStixBundle(bundle)).toBe(true);
    const feed = parseStixBundle(bundle, 'samples', NOW);
    expect(feed.indicators.map((i) => i.id)).toEqual([
      'indicator--1a0e7c52-7d0e-4c3e-a1f7-2b9d6c4e8f01',
      'indicator--2b1f8d63-8e1f-4d4f-b2a8-3cae7d5f9a02',
    ]);
    const [beacon, dnscat] = feed.indicators;
    expect(beacon).toMatchObject({
      feed: 'samples',
      confidence: 85,
      labels: ['beacon', 'malicious-activity', 'tactic:command-and-control'],
      validUntil: Date.parse('2099-01-01T00:00:00Z'),
      observables: [
        { type: 'ip', value: '10.136.0.16' },
        { type: 'domain', value: 'honestimnotevil.com' },
      ],
    });
    // the technique comes through the `indicates` relationship to an attack-pattern
    expect(dnscat!.attack).toEqual(['T1071.004']);
    expect(feed.expired).toBe(2);
    expect(feed.skipped).toEqual([
      expect.objectContaining({
        id: 'indicator--5e4c1a96-b14c-4a7c-b5db-6fd1a08c2d07',
        why: 'object path network-traffic:dst_port is not matched',
      }),
    ]);
  });

  it('an indicator whose validity ends before now is expired; a bundle of something else is an error', () => {
    const bundle = readJson('samples-bundle.json');
    expect(parseStixBundle(bundle, 'samples', Date.parse('2100-01-01T00:00:00Z')).expired).toBe(3);
    expect(() => parseStixBundle({ type: 'report' }, 'x', NOW)).toThrow(/not a STIX bundle/);
    const odd = parseStixBundle(
      {
        type: 'bundle',
        objects: [
          { type: 'indicator', id: 'indicator--x', pattern: "[x:y = 'z']", pattern_type: 'sigma' },
          7,
        ],
      },
      'x',
      NOW,
    );
    expect(odd.skipped.map((s) => s.why)).toEqual([
      'not a STIX object (type and id required)',
      'pattern_type sigma is not matched',
    ]);
  });
});

describe('MISP feeds', () => {
  it('reads the manifest and turns to_ids attributes into indicators with confidence and techniques', () => {
    const manifest = readJson('misp/manifest.json');
    expect(isMispManifest(manifest)).toBe(true);
    const [uuid] = mispManifestEvents(manifest);
    const out: ParsedFeed = { indicators: [], skipped: [], expired: 0 };
    parseMispEvent(readJson(`misp/${uuid}.json`), 'misp', out);
    expect(out.indicators.map((i) => [i.observables, i.confidence, i.attack])).toEqual([
      [[{ type: 'domain', value: 'www.jogoreviravolta.com' }], 85, ['T1071.001']],
      [[{ type: 'ip', value: '135.148.121.246' }], 85, ['T1071.001']],
      [[{ type: 'hash', value: '51c64c77e60f3980eea90869b68c58a8' }], 60, ['T1071.001', 'T1573']],
    ]);
    expect(out.indicators[0]).toMatchObject({
      labels: ['tlp:green'],
      name: expect.stringMatching(/^FormBook/),
    });
    expect(out.expired).toBe(1);
    expect(out.skipped.map((s) => s.why)).toEqual(['to_ids is off', 'attribute type regkey is not matched']);
  });

  it('refuses what is no manifest or no event', () => {
    expect(() => mispManifestEvents({ 'not-a-uuid': {} })).toThrow(/not an event uuid/);
    expect(() => parseMispEvent({ event: {} }, 'm', { indicators: [], skipped: [], expired: 0 })).toThrow(
      /not a MISP event/,
    );
  });
});

describe('lists and recognition', () => {
  it('recognises each line, applies confidence and attack directives, skips what is none', () => {
    const feed = parseList(readFileSync(join(FIXTURES, 'blocklist.txt'), 'utf8'), 'blocklist');
    expect(feed.indicators.map((i) => [i.observables[0], i.confidence])).toEqual([
      [{ type: 'cidr', value: '198.51.100.0/24' }, 90],
      [{ type: 'ip', value: '198.51.100.7' }, 90],
      [{ type: 'cidr', value: '2001:db8:bad::/48' }, 90],
      [{ type: 'domain', value: 'c2.example.test' }, 90],
      [{ type: 'url', value: 'dl.example.test/x.exe' }, 90],
      [{ type: 'hash', value: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb' }, 40],
      [{ type: 'hash', value: '51c64c77e60f3980eea90869b68c58a8' }, 40],
    ]);
    expect(feed.indicators[0]!.attack).toEqual(['T1071']);
    expect(feed.skipped).toEqual([
      { id: 'line 12', why: 'not an address, CIDR, domain, URL or hash', text: 'not a valid indicator' },
    ]);
  });

  it('normalizes URLs and recognises bare values', () => {
    expect(normalizeUrl('HTTPS://user@Evil.Example:443/a#frag')).toBe('evil.example/a');
    expect(normalizeUrl('evil.example:8080?q')).toBe('evil.example:8080/?q');
    expect(recognize('10.0.0.0/8')).toEqual({ type: 'cidr', value: '10.0.0.0/8' });
    expect(recognize('10.0.0.1/32')).toEqual({ type: 'ip', value: '10.0.0.1' });
    expect(recognize('evil.example/gate.php')).toEqual({ type: 'url', value: 'evil.example/gate.php' });
    expect(recognize('DA39A3EE5E6B4B0D3255BFEF95601890AFD80709')).toMatchObject({ type: 'hash' });
    expect(recognize('not_a domain')).toBeUndefined();
  });

  it('parses WF_INTEL: kinds, bare locations, unique names; refuses other schemes', () => {
    expect(
      parseFeedSpecs('stix:/a/apt.json, misp:https://cert.example/feed/ ,/b/list.txt,list:/c/list.txt'),
    ).toEqual([
      { kind: 'stix', location: '/a/apt.json', name: 'apt.json' },
      { kind: 'misp', location: 'https://cert.example/feed/', name: 'feed' },
      { kind: 'auto', location: '/b/list.txt', name: 'list.txt' },
      { kind: 'list', location: '/c/list.txt', name: 'list.txt#2' },
    ]);
    expect(() => parseFeedSpecs('taxii:https://x')).toThrow(/stix:, misp: or list:/);
  });
});
