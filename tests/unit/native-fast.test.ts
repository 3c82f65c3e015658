/** The fast path never accepts what zod rejects, and when it accepts it yields what zod yields. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastNative } from '../../server/ingest/decoders/native-fast.js';
import { nativeEventSchema } from '../../shared/schemas/telemetry.js';

const anyValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 120, maxLength: 1100 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 65535, 65536, 1.5, 4, 5, null, true, '', '1'),
  fc.constantFrom(
    '10.0.0.1',
    '2001:db8::1',
    '300.1.1.1',
    'flow',
    'ids',
    'dns',
    'auth',
    'success',
    'failure',
    'x',
  ),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
  // indicator-bearing fields: digests of each length (and near misses), technique lists, host names and URLs
  fc.constantFrom(
    'a0e9f5d64349fb13191bc781f81f42e1',
    'A0E9F5D64349FB13191BC781F81F42E1',
    'a0e9f5d64349fb13191bc781f81f42e',
  ),
  fc.constantFrom('da39a3ee5e6b4b0d3255bfef95601890afd80709', 'g'.repeat(40)),
  fc.constantFrom('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'e'.repeat(65)),
  fc.array(fc.constantFrom('T1071', 'T1071.004', 'T107', 'X1071', 'T1071.4', 'x'), { maxLength: 3 }),
  fc.array(fc.constant('T1046'), { minLength: 15, maxLength: 18 }),
  fc.constantFrom('evil.example', 'https://evil.example/a?b', '/gate.php', 'x'.repeat(256), 'x'.repeat(2049)),
);
const FIELDS = [
  'ts',
  'sensor',
  'kind',
  'src_ip',
  'segment',
  'dst_ip',
  'src_port',
  'dst_port',
  'proto',
  'bytes_out',
  'bytes_in',
  'packets_out',
  'packets_in',
  'duration_ms',
  'conn_state',
  'signature',
  'category',
  'severity',
  'query',
  'qtype',
  'rcode',
  'outcome',
  'user',
  'event_id',
  'tls_sni',
  'http_host',
  'http_url',
  'ja3',
  'ja3s',
  'file_md5',
  'file_sha1',
  'file_sha256',
  'attack',
  'extra',
];
const valid = fc.record({
  ts: fc.oneof(fc.integer({ min: 0, max: 2e12 }), fc.constant('2026-11-29T12:00:00Z')),
  sensor: fc.string({ minLength: 1, maxLength: 128 }),
  kind: fc.constantFrom('flow', 'ids', 'dns', 'auth'),
  src_ip: fc.oneof(fc.ipV4(), fc.ipV6()),
});

describe('native fast path', () => {
  it('accepts only what zod accepts, with the same result', () => {
    fc.assert(
      fc.property(valid, fc.dictionary(fc.constantFrom(...FIELDS), anyValue), (base, extra) => {
        const input = { ...base, ...extra } as Record<string, unknown>;
        const fast = fastNative(input);
        const zod = nativeEventSchema.safeParse(input);
        if (fast) {
          expect(zod.success).toBe(true);
          expect(fast).toEqual(zod.data);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('takes an application record with indicator-bearing fields', () => {
    const ev = {
      ts: 1_800_000_000_000,
      sensor: 's',
      kind: 'flow',
      src_ip: '10.0.0.1',
      tls_sni: 'evil.example',
      ja3: 'a0e9f5d64349fb13191bc781f81f42e1',
      file_sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      attack: ['T1071.001'],
    };
    expect(fastNative(ev)).toEqual(ev);
    expect(fastNative({ ...ev, ja3: 'short' })).toBeNull();
    expect(fastNative({ ...ev, attack: ['1071'] })).toBeNull();
  });

  it('takes the common case', () => {
    const ev = {
      ts: 1_800_000_000_000,
      sensor: 's',
      kind: 'flow',
      src_ip: '10.0.0.1',
      dst_ip: '10.0.0.2',
      dst_port: 443,
      bytes_out: 10,
      segment: 'x',
    };
    expect(fastNative(ev)).toEqual(ev);
  });
});
