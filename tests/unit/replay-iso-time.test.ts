/** The replay's fast event-time path equals parseEventTime on every input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventTime } from '../../server/ingest/decoders/normalize.js';
import { eventTime } from '../../server/replay/iso-time.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('eventTime', () => {
  it('reads the usual shapes', () => {
    expect(eventTime('2022-02-23T19:22:25.267657+0100')).toBe(Date.parse('2022-02-23T18:22:25.267Z'));
    expect(eventTime('2024-02-29T23:59:59Z')).toBe(Date.parse('2024-02-29T23:59:59Z'));
    expect(eventTime('2026-05-03T19:02:10.5-04:00')).toBe(Date.parse('2026-05-03T23:02:10.500Z'));
    expect(eventTime(1714420815.679485)).toBe(1714420815679);
  });

  it('equals parseEventTime on well-formed, out-of-range and mangled ISO times', () => {
    const iso = fc
      .record({
        y: fc.integer({ min: 1960, max: 2100 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 61 }),
        s: fc.integer({ min: 0, max: 61 }),
        frac: fc.option(fc.stringMatching(/^[0-9]{0,9}$/)),
        zone: fc.constantFrom(
          'Z',
          '+0000',
          '+01:00',
          '-0400',
          '+2359',
          '-24:00',
          '+0960',
          '+01',
          '',
          'z',
          'Zx',
        ),
      })
      .map(
        (t) =>
          `${pad(t.y, 4)}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}` +
          `${t.frac === null ? '' : `.${t.frac}`}${t.zone}`,
      );
    const mangled = fc
      .tuple(iso, fc.nat(40), fc.constantFrom('', ' ', 'x', '-', ':', '.', '9'))
      .map(([s, at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice((at % (s.length + 1)) + 1));
    fc.assert(
      fc.property(fc.oneof(iso, mangled, fc.string()), (s) => {
        const a = eventTime(s);
        const b = parseEventTime(s);
        expect(a).toBe(b);
      }),
      { numRuns: 20_000 },
    );
  });
});
