import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepRef, newRefRing, ringRef, ringRefs } from '../../server/scoring/evidence.js';

describe('example refs', () => {
  it('keep the newest `cap`, oldest first, in a list that grows to exactly what it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), (refs, cap) => {
        let list: string[] = [];
        const ring = newRefRing();
        for (let i = 0; i < refs.length; i++) {
          const before = list;
          const copy = before.slice();
          list = keepRef(list, refs[i]!, cap);
          ringRef(ring, refs[i]!, cap);
          const newest = refs.slice(Math.max(0, i + 1 - cap), i + 1);
          expect(list).toEqual(newest);
          expect(ringRefs(ring)).toEqual(newest);
          // while it grows, a new array: the one given is left as it was
          if (copy.length < cap) expect(before).toEqual(copy);
          expect(list.length).toBe(Math.min(i + 1, cap));
          expect(ring.buf.length).toBe(Math.min(i + 1, cap));
        }
      }),
      { numRuns: 300 },
    );
  });
});
