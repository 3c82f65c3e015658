import { describe, expect, it } from 'vitest';
import { decodeNative } from '../../server/ingest/decoders/native.js';
import { parseEventTime } from '../../server/ingest/decoders/normalize.js';
import type { DecodeContext } from '../../server/ingest/decoders/types.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const ctx: DecodeContext = {
  source: 'telemetry',
  field: 'event',
  now: NOW,
  maxFutureMs: 300_000,
  segmentOf: (ip) => (ip.startsWith('10.1.') ? 'energy' : 'unassigned'),
};
const base = { ts: NOW - 1000, sensor: 'sur-1', kind: 'flow', src_ip: '10.1.2.3' };
const json = (v: unknown) => decodeNative(['event', JSON.stringify(v)], ctx);

describe('native decoder', () => {
  it('accepts one JSON object in the event field and resolves the segment from the CIDR map', () => {
    const d = json({ ...base, dst_ip: '2001:0db8:0000:0000:0000:0000:0000:0001', bytes_out: 10 });
    expect(d).toEqual({
      ok: true,
      event: {
        ts: NOW - 1000,
        sensor: 'sur-1',
        kind: 'flow',
        src_ip: '10.1.2.3',
        segment: 'energy',
        dst_ip: '2001:db8::1',
        bytes_out: 10,
      },
    });
  });

  it('takes an IPv4-mapped address (a dual-stack sensor) as its IPv4 host, in its mapped segment', () => {
    const d = json({ ...base, src_ip: '::ffff:10.1.2.3', dst_ip: '::FFFF:C000:0201' });
    expect(d).toMatchObject({
      ok: true,
      event: { src_ip: '10.1.2.3', segment: 'energy', dst_ip: '192.0.2.1' },
    });
  });

  it('reads the JSON of the event field when other fields come beside it (a producer’s metadata)', () => {
    const text = JSON.stringify({ ...base, kind: 'flow' });
    for (const fields of [
      ['event', text, 'kind', 'dns'],
      ['producer', 'etl-7', 'event', text],
    ]) {
      const d = decodeNative(fields, ctx);
      expect(d).toMatchObject({ ok: true, event: { kind: 'flow', src_ip: '10.1.2.3', sensor: 'sur-1' } });
    }
  });

  it('accepts flat field/value pairs, converting numeric strings', () => {
    const d = decodeNative(
      [
        'ts',
        '1795953600',
        'sensor',
        's',
        'kind',
        'flow',
        'src_ip',
        '10.1.0.1',
        'bytes_out',
        '1.5e3',
        'dst_port',
        '443',
      ],
      ctx,
    );
    expect(d.ok).toBe(true);
    if (d.ok === true) {
      expect(d.event.ts).toBe(1795953600_000);
      expect(d.event.bytes_out).toBe(1500);
      expect(d.event.dst_port).toBe(443);
    }
  });

  it.each([
    ['bad_json', ['event', '{not json']],
    ['not_object', ['event', '[1,2]']],
    ['not_object', ['event', '42']],
    ['missing_field', ['event', JSON.stringify({ sensor: 's', kind: 'flow', src_ip: '10.0.0.1' })]],
    ['missing_field', ['event', JSON.stringify({ ...base, kind: 'ids' })]],
    ['missing_field', ['event', JSON.stringify({ ...base, kind: 'dns' })]],
    ['missing_field', ['event', JSON.stringify({ ...base, kind: 'auth' })]],
    ['unknown_kind', ['event', JSON.stringify({ ...base, kind: 'netflow' })]],
    ['bad_type', ['event', JSON.stringify({ ...base, bytes_out: 'lots' })]],
    ['bad_value', ['event', JSON.stringify({ ...base, src_ip: '999.1.1.1' })]],
    ['bad_value', ['event', JSON.stringify({ ...base, dst_port: 70000 })]],
    ['bad_value', ['event', JSON.stringify({ ...base, bytes_out: -1 })]],
    // a second's sum of these overflowed to Infinity, which blanked every screen (no frame could carry it)
    ['bad_value', ['event', JSON.stringify({ ...base, bytes_out: 1.7e308 })]],
    // a name that reads as another (a direction override), or holds a control character
    ['bad_value', ['event', JSON.stringify({ ...base, segment: 'fin<i>x</i>\u202eecnanif' })]],
    ['bad_value', ['event', JSON.stringify({ ...base, sensor: 'sur\u00071' })]],
    ['bad_value', ['event', JSON.stringify({ ...base, packets_in: 2 ** 40 + 1 })]],
    [
      'bad_value',
      ['bytes_in', '1e300', 'ts', String(NOW), 'sensor', 's', 'kind', 'flow', 'src_ip', '10.0.0.1'],
    ],
    ['bad_value', ['event', JSON.stringify({ ...base, ts: 'yesterday' })]],
    ['bad_value', ['event', JSON.stringify({ ...base, kind: 'ids', signature: 'x', severity: 9 })]],
    [
      'bad_type',
      ['ts', String(NOW), 'sensor', 's', 'kind', 'flow', 'src_ip', '10.0.0.1', 'bytes_out', 'NaN'],
    ],
    [
      'bad_type',
      ['ts', String(NOW), 'sensor', 's', 'kind', 'flow', 'src_ip', '10.0.0.1', 'bytes_out', 'Infinity'],
    ],
    ['too_large', ['event', JSON.stringify({ ...base, sensor: 'x'.repeat(70_000) })]],
  ])('rejects with %s', (reason, fields) => {
    const d = decodeNative(fields, ctx);
    expect(d.ok).toBe(false);
    if (d.ok === false) {
      expect(d.reason).toBe(reason);
      expect(d.detail.length).toBeGreaterThan(0);
    }
  });

  it('ingests late events with their own time, and tags events too far ahead as skewed at arrival time', () => {
    const late = json({ ...base, ts: NOW - 6 * 3_600_000 });
    expect(late.ok === true && late.event.ts).toBe(NOW - 6 * 3_600_000);
    const ahead = json({ ...base, ts: NOW + 3_600_000 });
    expect(ahead.ok === true && ahead.event).toMatchObject({ ts: NOW, skewed: true });
  });
});

describe('event time', () => {
  it('reads ISO text with and without a colon in the offset, epoch seconds and ms', () => {
    expect(parseEventTime('2022-02-23T18:21:34.123456+0100')).toBe(Date.parse('2022-02-23T17:21:34.123Z'));
    expect(parseEventTime('2022-02-23T18:21:34Z')).toBe(Date.parse('2022-02-23T18:21:34Z'));
    expect(parseEventTime(1_700_000_000)).toBe(1_700_000_000_000);
    expect(parseEventTime(1_700_000_000_123)).toBe(1_700_000_000_123);
    expect(parseEventTime('1700000000.5')).toBe(1_700_000_000_500);
    expect(parseEventTime(Number.NaN)).toBeNull();
    expect(parseEventTime('soon')).toBeNull();
  });
});
