/**
 * The flat intel index against plain reference implementations: longest prefix over nested CIDRs, parent domains,
 * validity (a more specific indicator that expired gives way to the next one still valid), the in-place IPv6 and
 * URL-host readers against the parsers they stand in for, and the flat indicator table's round trip.
 */
import { describe, expect, it } from 'vitest';
import { parseV4, parseV6 } from '../../server/intel/address-index.js';
import { IndicatorTable } from '../../server/intel/indicator-table.js';
import { IntelIndex } from '../../server/intel/intel-index.js';
import { normalizeUrl } from '../../server/intel/observable.js';
import { parseStixBundle } from '../../server/intel/stix.js';
import type { Indicator, Observable } from '../../server/intel/types.js';
import { parseIPv6 } from '../../shared/ip.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const T0 = Date.UTC(2026, 11, 6, 1);
const ev = (over: Partial<NormalizedEvent>): NormalizedEvent => ({
  ts: T0,
  sensor: 's',
  kind: 'flow',
  src_ip: '10.0.0.5',
  segment: 'lab',
  ...over,
});
const ind = (id: string, o: Observable | Observable[], over: Partial<Indicator> = {}): Indicator => ({
  feed: 'f',
  id,
  confidence: 50,
  labels: [],
  attack: [],
  observables: Array.isArray(o) ? o : [o],
  ...over,
});
const hitsOf = (index: IntelIndex, e: NormalizedEvent) =>
  index.match(e)?.map((h) => `${h.indicator.id}:${h.field}:${h.value}`) ?? [];

/** A small seeded generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 16807) % 2147483647;
    return x / 2147483647;
  };
}
const dotted = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

describe('flat intel index: addresses', () => {
  it('finds the longest prefix still valid, as a scan of every CIDR does, at and around every boundary', () => {
    const rnd = seeded(5);
    const cidrs: { base: number; bits: number; until?: number }[] = [
      { base: 0, bits: 0 },
      { base: 2 ** 32 - 1, bits: 32 },
    ];
    // nested families under a few /8s, so that prefixes cover one another at every depth
    for (let i = 0; i < 400; i++) {
      const bits = 8 + Math.floor(rnd() * 25);
      const top = [45, 46, 203][Math.floor(rnd() * 3)]! * 2 ** 24;
      const n = top + Math.floor(rnd() * 2 ** 24);
      const base = n - (n % 2 ** (32 - bits));
      cidrs.push({ base, bits, until: rnd() < 0.2 ? T0 : undefined });
    }
    const indicators = cidrs.map((c, i) =>
      ind(
        `c${i}`,
        {
          type: c.bits === 32 ? 'ip' : 'cidr',
          value: c.bits === 32 ? dotted(c.base) : `${dotted(c.base)}/${c.bits}`,
        },
        {
          validUntil: c.until,
        },
      ),
    );
    const index = new IntelIndex(indicators);
    const reference = (n: number): string[] => {
      let best: number | undefined;
      for (let i = 0; i < cidrs.length; i++) {
        const c = cidrs[i]!;
        const inside = n >= c.base && n < c.base + 2 ** (32 - c.bits);
        if (!inside || (c.until !== undefined && T0 >= c.until)) continue;
        if (best === undefined || c.bits > cidrs[best]!.bits) best = i;
      }
      // equal prefixes are one node: every valid indicator of the longest one is named
      if (best === undefined) return [];
      const b = cidrs[best]!;
      return cidrs.flatMap((c, i) =>
        c.base === b.base && c.bits === b.bits && !(c.until !== undefined && T0 >= c.until) ? [`c${i}`] : [],
      );
    };
    const probes: number[] = [];
    for (const c of cidrs) {
      const last = c.base + 2 ** (32 - c.bits) - 1;
      for (const n of [c.base - 1, c.base, c.base + 1, last - 1, last, last + 1])
        if (n >= 0 && n < 2 ** 32) probes.push(n);
    }
    for (let i = 0; i < 2000; i++) probes.push(Math.floor(rnd() * 2 ** 32));
    for (const n of probes) {
      const got = index.match(ev({ src_ip: 'no-address', dst_ip: dotted(n), ts: T0 }));
      const ids = got?.filter((h) => h.field === 'dst_ip').map((h) => h.indicator.id) ?? [];
      expect(ids.sort(), dotted(n)).toEqual(reference(n).sort());
    }
  });

  it('an address indicator is a /32 inside its CIDRs; IPv6 prefixes by length, longest first, any spelling', () => {
    const index = new IntelIndex([
      ind('net', { type: 'cidr', value: '198.51.100.0/24' }),
      ind('host', { type: 'ip', value: '198.51.100.7' }),
      ind('v6-48', { type: 'cidr', value: '2001:db8:bad::/48' }),
      ind('v6-64', { type: 'cidr', value: '2001:db8:bad:1::/64' }),
      ind('v6-host', { type: 'ip', value: '2001:db8:bad:1::5' }),
      ind('v6-old', { type: 'cidr', value: '2001:db8:bad:2::/64' }, { validUntil: T0 }),
    ]);
    expect(hitsOf(index, ev({ dst_ip: '198.51.100.7' }))).toEqual(['host:dst_ip:198.51.100.7']);
    expect(hitsOf(index, ev({ dst_ip: '198.51.100.255' }))).toEqual(['net:dst_ip:198.51.100.0/24']);
    expect(hitsOf(index, ev({ dst_ip: '198.51.101.0' }))).toEqual([]);
    expect(hitsOf(index, ev({ src_ip: '2001:DB8:BAD:1:0:0:0:5' }))).toEqual([
      'v6-host:src_ip:2001:db8:bad:1::5',
    ]);
    expect(hitsOf(index, ev({ src_ip: '2001:db8:bad:1::6' }))).toEqual(['v6-64:src_ip:2001:db8:bad:1::/64']);
    expect(hitsOf(index, ev({ src_ip: '2001:db8:bad:2::6' }))).toEqual(['v6-48:src_ip:2001:db8:bad::/48']);
    expect(hitsOf(index, ev({ src_ip: '2001:db8:bae::1' }))).toEqual([]);
    expect(hitsOf(index, ev({ src_ip: 'not-an-address', dst_ip: '1.2.3' }))).toEqual([]);
  });

  it('reads IPv4 and IPv6 in place as the shared parser does', () => {
    const words = new Uint32Array(4);
    const v6 = [
      '::',
      '::1',
      '1::',
      '2001:db8::1',
      '2001:DB8:0:0:8:800:200C:417A',
      'fe80::1%eth0',
      '::ffff:192.0.2.128',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7::',
      '::2:3:4:5:6:7:8',
      '1:2:3:4:5:6:1.2.3.4',
      // not addresses
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      ':1::',
      '1:',
      '12345::',
      '1:2:3:4:5:6:7',
      '::ffff:1.2.3',
      ':::',
      'g::1',
      '1.2.3.4',
      '',
    ];
    for (const text of v6) {
      const groups = parseIPv6(text);
      const ok = parseV6(text, words);
      expect(ok, text).toBe(groups !== null);
      if (groups)
        expect(Array.from(words), text).toEqual([0, 2, 4, 6].map((g) => groups[g]! * 65536 + groups[g + 1]!));
    }
    for (const [text, n] of [
      ['0.0.0.0', 0],
      ['255.255.255.255', 2 ** 32 - 1],
      ['128.0.0.1', 2 ** 31 + 1],
      ['198.51.100.7', 3325256711],
      ['256.0.0.1', -1],
      ['1.2.3', -1],
      ['1.2.3.4.5', -1],
      ['1..2.3', -1],
      ['1.2.3.', -1],
    ] as const)
      expect(parseV4(text), text).toBe(n);
  });
});

describe('flat intel index: names, URLs, digests', () => {
  it('matches the nearest parent domain still valid, in any case, never a sibling or a longer label', () => {
    const index = new IntelIndex([
      ind('top', { type: 'domain', value: 'evil.example' }),
      ind('mid', { type: 'domain', value: 'c2.evil.example' }),
      ind('old', { type: 'domain', value: 'x.c2.evil.example' }, { validUntil: T0 }),
      ind('alone', { type: 'domain', value: 'other.test' }),
    ]);
    const q = (query: string) => hitsOf(index, ev({ kind: 'dns', query }));
    expect(q('evil.example')).toEqual(['top:query:evil.example']);
    expect(q('A.B.EVIL.EXAMPLE.')).toEqual(['top:query:evil.example']);
    expect(q('c2.evil.example')).toEqual(['mid:query:c2.evil.example']);
    expect(q('deep.er.C2.evil.example')).toEqual(['mid:query:c2.evil.example']);
    // the expired indicator gives way to its parent
    expect(q('x.c2.evil.example')).toEqual(['mid:query:c2.evil.example']);
    expect(hitsOf(index, ev({ kind: 'dns', query: 'x.c2.evil.example', ts: T0 - 1 }))).toEqual([
      'old:query:x.c2.evil.example',
    ]);
    for (const none of [
      'example',
      'vil.example',
      'evil.example.org',
      'notevil.example',
      'c2evil.example',
      '',
      '.',
    ])
      expect(q(none), none).toEqual([]);
    expect(q('a..evil.example')).toEqual(['top:query:evil.example']);
    // one indicator named by two fields of one event is reported once, by the most specific field
    expect(hitsOf(index, ev({ kind: 'dns', query: 'a.other.test', tls_sni: 'other.test' }))).toEqual([
      'alone:query:other.test',
    ]);
  });

  it('a URL matches exactly when its normalized form is an indicator (the in-place host check never hides one)', () => {
    const urls = [
      'dl.example.test/x.exe',
      'dl.example.test:8080/x.exe',
      'dl.example.test/?a=1',
      '[2001:db8::1]/p',
      '[2001:db8::1]:8443/p',
      '198.51.100.7/gate.php',
    ];
    const index = new IntelIndex(urls.map((value, i) => ind(`u${i}`, { type: 'url', value })));
    const cases: [string, string | undefined][] = [
      ['/x.exe', 'dl.example.test'],
      ['/x.exe', 'DL.Example.Test.'],
      ['/x.exe', 'dl.example.test:80'],
      ['/x.exe', 'dl.example.test:8080'],
      ['/x.exe', 'user@dl.example.test'],
      ['/x.exe', ' dl.example.test'],
      ['/x.exe', 'dl.example.test/'],
      ['/x.exe', 'dl.example.test:'],
      ['/x.exe', 'http:'],
      ['//dl.example.test/x.exe', 'http:'],
      ['/x.exe#frag', 'dl.example.test'],
      ['/X.exe', 'dl.example.test'],
      ['/?a=1', 'dl.example.test'],
      ['/x.exe', undefined],
      ['http://dl.example.test/x.exe', undefined],
      ['HTTPS://u:p@DL.example.test:443/x.exe#f', undefined],
      ['hxxp://dl.example.test/x.exe', undefined],
      ['dl.example.test/x.exe', undefined],
      ['dl.example.test?a=1', undefined],
      ['  http://dl.example.test/x.exe  ', undefined],
      ['http://dl.example.test./x.exe', undefined],
      ['http://dl.example.test.:8080/x.exe', undefined],
      ['http://[2001:db8::1]/p', undefined],
      ['http://[2001:db8::1]:8443/p', undefined],
      ['http://[2001:DB8::1]:80/p', undefined],
      ['/p', '[2001:db8::1]:8443'],
      ['/gate.php', '198.51.100.7'],
      ['http://198.51.100.7:80/gate.php', undefined],
      ['http://\u212Al.example.test/x.exe', undefined],
      ['http:///x.exe', undefined],
      ['http://@/x.exe', undefined],
      ['', undefined],
    ];
    const known = new Set(urls);
    for (const [url, host] of cases) {
      const normalized = normalizeUrl(url.startsWith('/') && host ? `${host}${url}` : url);
      const expected = normalized !== undefined && known.has(normalized) ? [normalized] : [];
      const got = index.match(ev({ http_url: url, http_host: host }))?.map((h) => h.value) ?? [];
      expect(got, `${host ?? ''} ${url}`).toEqual(expected);
    }
  });

  it('digests in any case; an indicator expiring at the event time matches nothing', () => {
    const index = new IntelIndex([
      ind('ja3', { type: 'hash', value: '51c64c77e60f3980eea90869b68c58a8' }, { validUntil: T0 + 1 }),
    ]);
    expect(hitsOf(index, ev({ ja3s: '51C64C77E60F3980EEA90869B68C58A8' }))).toEqual([
      'ja3:ja3s:51c64c77e60f3980eea90869b68c58a8',
    ]);
    expect(hitsOf(index, ev({ ja3: '51c64c77e60f3980eea90869b68c58a8', ts: T0 + 1 }))).toEqual([]);
    expect(hitsOf(index, ev({ ja3: '51c64c77e60f3980eea90869b68c58a' }))).toEqual([]);
  });

  it('revoked and expired STIX indicators stay out of the index; those expiring later stop matching then', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--1',
      objects: [
        ['a', "[ipv4-addr:value = '203.0.113.1']", { revoked: true }],
        ['b', "[ipv4-addr:value = '203.0.113.2']", { valid_until: '2026-12-06T00:30:00Z' }],
        ['c', "[domain-name:value = 'later.example']", { valid_until: '2026-12-06T02:00:00Z' }],
      ].map(([id, pattern, over]) => ({
        type: 'indicator',
        spec_version: '2.1',
        id: `indicator--${id}`,
        created: '2026-01-01T00:00:00Z',
        modified: '2026-01-01T00:00:00Z',
        pattern,
        pattern_type: 'stix',
        valid_from: '2026-01-01T00:00:00Z',
        ...(over as object),
      })),
    };
    const parsed = parseStixBundle(bundle, 'stix', T0);
    expect(parsed.expired).toBe(2);
    const index = new IntelIndex([new IndicatorTable(parsed.indicators)]);
    expect(hitsOf(index, ev({ dst_ip: '203.0.113.1' }))).toEqual([]);
    expect(hitsOf(index, ev({ dst_ip: '203.0.113.2' }))).toEqual([]);
    expect(hitsOf(index, ev({ kind: 'dns', query: 'a.later.example' }))).toEqual([
      'indicator--c:query:later.example',
    ]);
    expect(hitsOf(index, ev({ kind: 'dns', query: 'a.later.example', ts: T0 + 3_600_000 }))).toEqual([]);
  });
});

describe('flat indicator table', () => {
  it('gives back what each indicator said; equal label and technique lists are one shared array', () => {
    const indicators = [
      ind(
        'a',
        { type: 'ip', value: '192.0.2.1' },
        { name: 'C2', labels: ['c2'], attack: ['T1071'], confidence: 90 },
      ),
      ind('b', { type: 'domain', value: 'b.example' }, { labels: ['c2'], attack: ['T1071'], validUntil: T0 }),
      ind(
        'c',
        [
          { type: 'hash', value: '0cc175b9c0f1b6a831c399e269772661' },
          { type: 'url', value: 'c.example/p' },
        ],
        { feed: 'other', confidence: 0 },
      ),
    ];
    const table = new IndicatorTable(indicators);
    expect(table.count).toBe(3);
    expect(table.observables).toBe(4);
    for (let i = 0; i < 3; i++) {
      const { observables: _o, ...info } = indicators[i]!;
      expect(table.info(i)).toEqual(info);
    }
    expect(table.info(0).labels).toBe(table.info(1).labels);
    expect(table.info(0).attack).toBe(table.info(1).attack);
    const values: string[] = [];
    table.eachValue((type, value, i) => values.push(`${i}:${type}:${value}`));
    expect(values).toEqual([
      '0:ip:192.0.2.1',
      '1:domain:b.example',
      '2:hash:0cc175b9c0f1b6a831c399e269772661',
      '2:url:c.example/p',
    ]);
  });

  it('an index over several feeds numbers their indicators apart and reports each one once per event', () => {
    const one = new IndicatorTable([ind('x', { type: 'ip', value: '192.0.2.1' }, { feed: 'one' })]);
    const two = new IndicatorTable([
      ind(
        'y',
        [
          { type: 'cidr', value: '192.0.2.0/24' },
          { type: 'ip', value: '192.0.2.1' },
        ],
        { feed: 'two' },
      ),
      ind('z', { type: 'domain', value: 'z.example' }, { feed: 'two' }),
    ]);
    const index = new IntelIndex([one, two]);
    expect(index.size).toBe(4);
    const hits = index.match(
      ev({ src_ip: '192.0.2.1', dst_ip: '192.0.2.1', query: 'z.example', kind: 'dns' }),
    );
    expect(hits?.map((h) => `${h.indicator.feed}/${h.indicator.id}:${h.field}:${h.value}`)).toEqual([
      'two/z:query:z.example',
      'one/x:src_ip:192.0.2.1',
      'two/y:src_ip:192.0.2.1',
    ]);
  });
});
