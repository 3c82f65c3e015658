/** The beacon table's bookkeeping: the oldest kept beat held in a pair's row agrees with its ring of beats. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBeat,
  append,
  beatsKept,
  COUNT,
  DOUBTED,
  FIELDS,
  firstBeat,
  flagged,
  newBeaconState,
  startPair,
} from '../../server/scoring/detectors/beacon-table.js';

describe('beacon table', () => {
  it("keeps a pair's oldest kept beat in its row, as its ring has it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 120 }),
        (maxBeats, gaps) => {
          const s = newBeaconState();
          const i = append(s);
          startPair(s, i, '203.0.113.9', 7, 443, true);
          expect(flagged(s.pairs, i * FIELDS, DOUBTED)).toBe(true);
          let ts = 1_700_000_000_000;
          for (const gap of gaps) {
            ts += gap;
            addBeat(s, i, ts, 100, 'ref', maxBeats, 10);
            const count = s.pairs[i * FIELDS + COUNT]!;
            const oldest = count - beatsKept(s, i, maxBeats);
            expect(firstBeat(s, i)).toBe(s.beats[i]![2 * (oldest % maxBeats)]);
          }
        },
      ),
    );
  });
});
