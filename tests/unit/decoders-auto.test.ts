import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAuto, detectFormat } from '../../server/ingest/decoders/auto.js';
import { decodeEve, decodeEveRecord } from '../../server/ingest/decoders/eve.js';
import { decoderFor, defaultField } from '../../server/ingest/decoders/index.js';
import { decodeNative } from '../../server/ingest/decoders/native.js';
import type { Decoded } from '../../server/ingest/decoders/types.js';
import { INPUT_FORMATS } from '../../server/ingest/decoders/types.js';
import { decodeZeek, decodeZeekRecord } from '../../server/ingest/decoders/zeek.js';
import { context, damagedText, expectEvent, expectOutcome, fixtureLines } from '../fixtures/decoding.js';

const ctx = context({ field: '' });
const eve = fixtureLines('eve-branches.jsonl');
const zeek = fixtureLines('zeek-branches.jsonl');
const native = JSON.stringify({
  ts: 1709283600,
  sensor: 'fw-1',
  kind: 'auth',
  src_ip: '192.0.2.5',
  outcome: 'failure',
});
const reason = (d: Decoded) => (d.ok === false ? d.reason : d.ok);

describe('decodeAuto', () => {
  it('detects the format by shape, whatever the field is called', () => {
    expect(decodeAuto(['msg', eve[0]!], ctx)).toEqual(decodeEve(['eve', eve[0]!], context()));
    expect(decodeAuto(['line', zeek[0]!], ctx)).toEqual(
      decodeZeek(['zeek', zeek[0]!], context({ field: 'zeek' })),
    );
    expect(expectEvent(decodeAuto(['event', native], ctx))).toMatchObject({
      kind: 'auth',
      outcome: 'failure',
    });
    expect(decodeAuto(['x', eve[19]!], ctx)).toEqual({ ok: 'other', type: 'stats' });
  });

  it('keeps EVE flow_id exact through auto', () => {
    expect(expectEvent(decodeAuto(['eve', eve[6]!], ctx)).event_id).toContain('9007199254740993');
  });

  it('reads flat pairs as native', () => {
    const pairs = [
      'ts',
      '1709283600',
      'sensor',
      'fw-1',
      'kind',
      'flow',
      'src_ip',
      '192.0.2.5',
      'bytes_out',
      '10',
    ];
    expect(expectEvent(decodeAuto(pairs, ctx))).toMatchObject({
      kind: 'flow',
      bytes_out: 10,
      ts: 1709283600000,
    });
    expect(reason(decodeAuto(['kind', 'flow'], ctx))).toBe('missing_field');
  });

  it('rejects what it cannot place', () => {
    expect(reason(decodeAuto(['x', '{"hello":"world"}'], ctx))).toBe('unknown_format');
    expect(reason(decodeAuto(['x', eve.at(-1)!], ctx))).toBe('unknown_format');
    expect(reason(decodeAuto(['x', '{"kind":'], ctx))).toBe('bad_json');
    expect(reason(decodeAuto(['x', '"text"'], ctx))).toBe('not_object');
    expect(reason(decodeAuto(['x', 'y'.repeat(70_000)], ctx))).toBe('too_large');
    expect(reason(decodeAuto([], ctx))).toBe('missing_field');
  });

  it.each([
    [{ event_type: 'flow' }, 'eve'],
    [{ _path: 'conn' }, 'zeek'],
    [{ 'id.orig_h': '192.0.2.1' }, 'zeek'],
    [{ kind: 'dns', src_ip: '192.0.2.1' }, 'native'],
    [{ kind: 'dns' }, null],
  ])('detectFormat(%o) → %s', (record, format) => {
    expect(detectFormat(record)).toBe(format);
  });

  it('never throws on random JSON, objects and damaged records', () => {
    const all = [...eve, ...zeek, native];
    fc.assert(
      fc.property(damagedText(all), (t) => expectOutcome(decodeAuto(['x', t], ctx))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.object(), (o) => {
        expectOutcome(decodeAuto(['x', JSON.stringify(o) ?? ''], ctx));
        expectOutcome(decodeEveRecord(o, '', ctx));
        expectOutcome(decodeZeekRecord(o, ctx));
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.array(fc.string()), (f) => expectOutcome(decodeAuto(f, ctx))));
  });
});

describe('decoder registry', () => {
  it('maps every input format to its decoder and default field', () => {
    expect(INPUT_FORMATS.map(defaultField)).toEqual(['event', 'eve', 'zeek', '']);
    expect(decoderFor('native')).toBe(decodeNative);
    expect(decoderFor('eve')).toBe(decodeEve);
    expect(decoderFor('zeek')).toBe(decodeZeek);
    expect(decoderFor('auto')).toBe(decodeAuto);
  });
});
