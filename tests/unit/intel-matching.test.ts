/** The indicator index (addresses, CIDRs by longest prefix, parent domains, URLs, digests, validity) and the intel detector. */
import { describe, expect, it } from 'vitest';
import { replay } from '../../bench/eval-replay.js';
import { IntelIndex } from '../../server/intel/intel-index.js';
import { parseList } from '../../server/intel/list.js';
import type { Indicator } from '../../server/intel/types.js';
import { defaultDetectors } from '../../server/scoring/detectors/index.js';
import { intelDetector, intelPoints } from '../../server/scoring/detectors/intel.js';
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
const ind = (
  id: string,
  observables: Indicator['observables'],
  over: Partial<Indicator> = {},
): Indicator => ({
  feed: 'f',
  id,
  confidence: 50,
  labels: [],
  attack: [],
  observables,
  ...over,
});
const ids = (index: IntelIndex, e: NormalizedEvent) =>
  index.match(e)?.map((h) => `${h.indicator.id}:${h.field}:${h.value}`) ?? [];

describe('intel index', () => {
  const index = new IntelIndex([
    ind('wide', [{ type: 'cidr', value: '198.51.0.0/16' }]),
    ind('huge', [{ type: 'cidr', value: '203.0.0.0/8' }]),
    ind('huge-9', [{ type: 'cidr', value: '203.128.0.0/9' }]),
    ind('narrow', [{ type: 'cidr', value: '198.51.100.0/24' }]),
    ind('exact', [{ type: 'ip', value: '198.51.100.7' }]),
    ind('v6', [{ type: 'cidr', value: '2001:db8:bad::/48' }]),
    ind('dom', [{ type: 'domain', value: 'evil.example' }]),
    ind('url', [{ type: 'url', value: 'dl.example.test/x.exe' }]),
    ind('ja3', [{ type: 'hash', value: '51c64c77e60f3980eea90869b68c58a8' }]),
    ind('sha', [{ type: 'hash', value: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb' }]),
    ind('gone', [{ type: 'ip', value: '203.0.113.9' }], { validUntil: T0 }),
  ]);

  it('matches addresses exactly, else by the longest CIDR prefix, IPv4 and IPv6, either end', () => {
    expect(ids(index, ev({ dst_ip: '198.51.100.7' }))).toEqual(['exact:dst_ip:198.51.100.7']);
    expect(ids(index, ev({ dst_ip: '198.51.100.8' }))).toEqual(['narrow:dst_ip:198.51.100.0/24']);
    expect(ids(index, ev({ dst_ip: '198.51.7.1' }))).toEqual(['wide:dst_ip:198.51.0.0/16']);
    expect(ids(index, ev({ src_ip: '198.52.0.1' }))).toEqual([]);
    expect(ids(index, ev({ src_ip: '203.5.5.5' }))).toEqual(['huge:src_ip:203.0.0.0/8']);
    expect(ids(index, ev({ src_ip: '203.200.5.5' }))).toEqual(['huge-9:src_ip:203.128.0.0/9']);
    expect(ids(index, ev({ src_ip: '2001:db8:bad:1::5' }))).toEqual(['v6:src_ip:2001:db8:bad::/48']);
    expect(ids(index, ev({ src_ip: '2001:db8:bae::5' }))).toEqual([]);
  });

  it('matches DNS queries, SNI and Host by the name or a parent domain, never a sibling', () => {
    expect(ids(index, ev({ kind: 'dns', query: 'A.B.Evil.Example.' }))).toEqual(['dom:query:evil.example']);
    expect(ids(index, ev({ tls_sni: 'evil.example' }))).toEqual(['dom:tls_sni:evil.example']);
    expect(ids(index, ev({ http_host: 'cdn.evil.example' }))).toEqual(['dom:http_host:evil.example']);
    expect(ids(index, ev({ kind: 'dns', query: 'notevil.example' }))).toEqual([]);
    expect(ids(index, ev({ kind: 'dns', query: 'evil.example.org' }))).toEqual([]);
  });

  it('matches URLs (a logged path joined to its host, or an absolute URL) and digests in any case', () => {
    expect(ids(index, ev({ http_host: 'DL.example.test', http_url: '/x.exe' }))).toEqual([
      'url:http_url:dl.example.test/x.exe',
    ]);
    expect(ids(index, ev({ http_url: 'http://dl.example.test:80/x.exe' }))).toEqual([
      'url:http_url:dl.example.test/x.exe',
    ]);
    expect(ids(index, ev({ http_host: 'dl.example.test', http_url: '/y.exe' }))).toEqual([]);
    expect(ids(index, ev({ ja3: '51C64C77E60F3980EEA90869B68C58A8' }))).toEqual([
      'ja3:ja3:51c64c77e60f3980eea90869b68c58a8',
    ]);
    expect(
      ids(index, ev({ file_sha256: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb' })),
    ).toHaveLength(1);
  });

  it('an indicator no longer valid at the event time matches nothing; one event names each indicator once', () => {
    expect(ids(index, ev({ dst_ip: '203.0.113.9', ts: T0 - 1 }))).toEqual(['gone:dst_ip:203.0.113.9']);
    // no longer 'gone': the next shorter prefix still valid (huge, 203.0.0.0/8) is what the address matches now
    expect(ids(index, ev({ dst_ip: '203.0.113.9' }))).toEqual(['huge:dst_ip:203.0.0.0/8']);
    const both = new IntelIndex([
      ind('two', [
        { type: 'ip', value: '10.0.0.5' },
        { type: 'domain', value: 'x.example' },
      ]),
    ]);
    expect(ids(both, ev({ kind: 'dns', query: 'x.example' }))).toEqual(['two:query:x.example']);
    expect(index.size).toBe(11);
  });

  it('indexes a list feed end to end', () => {
    const list = parseList('# confidence: 90\n198.51.100.0/24\nc2.example.test\n', 'bl');
    const hits = new IntelIndex(list.indicators).match(ev({ tls_sni: 'x.c2.example.test' }));
    expect(hits?.map((h) => [h.indicator.feed, h.indicator.confidence, h.value])).toEqual([
      ['bl', 90, 'c2.example.test'],
    ]);
  });
});

describe('intel detector', () => {
  const feedIndicators = [
    ind('high', [{ type: 'ip', value: '198.51.100.7' }], {
      confidence: 90,
      labels: ['c2'],
      attack: ['T1071'],
      name: 'C2',
      validUntil: T0 + 86_400_000,
    }),
    ind('low', [{ type: 'domain', value: 'maybe.example' }], { confidence: 60 }),
  ];
  const index = new IntelIndex(feedIndicators);

  it('gives confidence ≥ 80 its points, less only half; the reason names indicator, feed, id, labels and techniques', () => {
    expect(intelPoints(90)).toBe(90);
    expect(intelPoints(79)).toBe(39.5);
    const d = intelDetector(() => index);
    const s = d.init('host');
    d.observe(s, ev({ dst_ip: '198.51.100.7' }), 'ref-1');
    const [r] = d.evaluate(s, { bucketStart: T0, idleBuckets: 0 });
    expect(r).toEqual({
      detector: 'intel',
      feature: 'indicator 198.51.100.7',
      observed: 1,
      expected: 0,
      // one second of fading, from 90
      contribution: expect.closeTo(90, 0),
      examples: ['ref-1'],
      attack: ['T1071'],
      intel: {
        indicator: '198.51.100.7',
        field: 'dst_ip',
        feed: 'f',
        id: 'high',
        name: 'C2',
        confidence: 90,
        labels: ['c2'],
        validUntil: T0 + 86_400_000,
      },
    });
    // its state stays plain JSON (engine snapshots)
    expect(JSON.parse(JSON.stringify(s)).matches[0].id).toBe('high');
  });

  it('a fading reason keeps what it says and changes only its numbers; a new match brings its example', () => {
    const d = intelDetector(() => index);
    const s = d.init('host');
    const at = (ms: number) => ({ bucketStart: T0 + ms, idleBuckets: 0 });
    d.observe(s, ev({ dst_ip: '198.51.100.7' }), 'ref-1');
    const [first] = d.evaluate(s, at(0));
    expect(d.evaluate(s, at(0))[0]).toBe(first);
    const [later] = d.evaluate(s, at(600_000));
    // ten minutes on: half the count, half the points (one fresh match gives its whole confidence)
    expect(later).toEqual({
      ...first,
      observed: expect.closeTo(0.5, 2),
      contribution: expect.closeTo(45, 0),
    });
    expect(later!.contribution).toBeLessThan(first!.contribution);
    d.observe(s, ev({ dst_ip: '198.51.100.7', ts: T0 + 600_500 }), 'ref-2');
    const [again] = d.evaluate(s, at(600_000));
    expect(again).toEqual({
      ...first,
      observed: expect.closeTo(1.5, 2),
      contribution: 90,
      examples: ['ref-1', 'ref-2'],
    });
    // a host that never matched, or whose evidence faded below a point, says nothing
    expect(d.evaluate(d.init('host'), at(0))).toEqual([]);
    expect(d.evaluate(s, at(600_000 + 6 * 3_600_000))).toEqual([]);
  });

  it('through the product alert rule: one high-confidence match alerts (the usual hold); a low one alone does not', () => {
    const run = (dst: string, query?: string) =>
      replay([[{ event: ev({ dst_ip: dst, kind: query ? 'dns' : 'flow', query }), ref: 'r' }]], {
        detectors: defaultDetectors({ intel: () => index }),
      });
    const high = run('198.51.100.7');
    expect(high.raises.map((r) => r.id)).toEqual(['10.0.0.5']);
    expect(high.raises[0]!.reasons[0]).toMatchObject({ detector: 'intel', attack: ['T1071'] });
    const low = run('192.0.2.1', 'a.maybe.example');
    expect(low.raises).toEqual([]);
    expect(low.peaks.get('10.0.0.5')?.score).toBeCloseTo(30, 0);
  });

  it('without feeds the default detector set has no intel detector', () => {
    expect(defaultDetectors().map((d) => d.id)).not.toContain('intel');
    expect(defaultDetectors({ intel: () => null }).map((d) => d.id)).toContain('intel');
  });
});
