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
