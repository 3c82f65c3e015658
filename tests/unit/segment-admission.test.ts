/** How many segments producers may name: a new one past the limit is refused until an idle one is forgotten. */
import { describe, expect, it } from 'vitest';
import { decodeNative } from '../../server/ingest/decoders/native.js';
import { SegmentAdmission } from '../../server/ingest/segment-admission.js';

describe('SegmentAdmission', () => {
  it('admits up to the limit, then only the segments it counts and those always admitted', () => {
    const a = new SegmentAdmission(3, 60_000, ['unassigned', 'finance']);
    for (const s of ['a', 'b', 'c']) expect(a.admit(s, 1000)).toBe(true);
    expect(a.admit('d', 1000)).toBe(false);
    expect(a.admit('b', 2000)).toBe(true);
    expect(a.admit('finance', 2000)).toBe(true);
    expect(a.admit('unassigned', 2000)).toBe(true);
    expect(a.size).toBe(3);
  });

  it('forgets a segment idle for longer than the engine keeps one, making room', () => {
    const a = new SegmentAdmission(2, 60_000, []);
    a.admit('a', 0);
    a.admit('b', 0);
    a.admit('b', 50_000);
    expect(a.admit('c', 59_000)).toBe(false);
    // 'a' has sent nothing for over a minute; 'b' has
    expect(a.admit('c', 61_000)).toBe(true);
    expect(a.admit('a', 61_000)).toBe(false);
    expect(a.admit('b', 61_000)).toBe(true);
  });
});

describe('a decoder with a segment limit', () => {
  it('dead-letters a new segment past it as bad_value, naming the limit', () => {
    const segments = new SegmentAdmission(1, 60_000, ['unassigned']);
    const ctx = {
      source: 's',
      field: 'event',
      now: 1e12,
      maxFutureMs: 300_000,
      segmentOf: () => 'unassigned',
      segments,
    };
    const ev = (segment?: string) => [
      'event',
      JSON.stringify({
        ts: 1e12,
        sensor: 's',
        kind: 'flow',
        src_ip: '10.0.0.1',
        ...(segment ? { segment } : {}),
      }),
    ];
    expect(decodeNative(ev('energy'), ctx).ok).toBe(true);
    const refused = decodeNative(ev('energy-2'), ctx);
    expect(refused).toMatchObject({
      ok: false,
      reason: 'bad_value',
      text: { key: 'dlq.too_many_segments', params: { value: '"energy-2"', limit: 1 } },
    });
    // a mapped (or unassigned) address is never refused
    expect(decodeNative(ev(), ctx).ok).toBe(true);
  });
});
