/**
 * Every decoder, whatever arrives: arbitrary bytes, arbitrary JSON, deep nesting, huge numbers, in any field. A
 * decoder never throws; it answers an event that passes its own schema, "other", or a rejection with its reason.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decoderFor, defaultField } from '../../server/ingest/decoders/index.js';
import { INPUT_FORMATS } from '../../server/ingest/decoders/types.js';
import { context, expectOutcome } from '../fixtures/decoding.js';

const deep = (depth: number, open: string, close: string, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth);

/** Text a producer could write into a field. */
const hostileText = fc.oneof(
  fc.string(),
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(
    deep(10_000, '[', ']'),
    deep(10_000, '{"a":', '}'),
    `{"ts":1e308,"sensor":"s","kind":"flow","src_ip":"10.0.0.1","bytes_out":1e400}`,
    `{"ts":-1e308,"sensor":"s","kind":"flow","src_ip":"10.0.0.1","dst_port":18446744073709551616}`,
    `{"timestamp":"2026-01-01T00:00:00Z","event_type":"flow","src_ip":"10.0.0.1","flow_id":${'9'.repeat(400)}}`,
    `{"ts":${'9'.repeat(400)},"uid":"C1","id.orig_h":"10.0.0.1","_path":"conn"}`,
    `{"__proto__":{"polluted":1},"ts":1,"sensor":"s","kind":"dns","src_ip":"10.0.0.1","query":"q"}`,
    'x'.repeat(70_000),
  ),
);

describe.each(INPUT_FORMATS)('the %s decoder on hostile input', (format) => {
  const decode = decoderFor(format);
  const field = defaultField(format) || 'msg';
  const ctx = context({ field });

  it('never throws and answers a valid outcome for any text in its field', () => {
    fc.assert(
      fc.property(hostileText, (text) => expectOutcome(decode([field, text], ctx))),
      { numRuns: 400 },
    );
  });

  it('never throws for any field/value array', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { maxLength: 12 }), (fields) => expectOutcome(decode(fields, ctx))),
      { numRuns: 300 },
    );
  });

  it('does not let a record pollute Object.prototype', () => {
    decode([field, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}'], ctx);
    if (({} as { polluted?: unknown }).polluted !== undefined) throw new Error('prototype polluted');
  });
});
