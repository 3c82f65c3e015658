/** A segment's name is cut into the parts it may wrap between: the parts put back together are the name. */
import { describe, expect, it } from 'vitest';
import { segmentParts } from '../../client/src/components/SegmentName.js';

describe('segmentParts', () => {
  it('keeps a hyphenated name whole (the browser breaks after its hyphens itself)', () => {
    const name = 'Ministry-of-Internal-Affairs-Regional-Directorate-Network-North';
    expect(segmentParts(name)).toEqual([name]);
  });

  it('ends a part after each run of underscores, dots or slashes', () => {
    expect(segmentParts('ministry_of.interior/north')).toEqual(['ministry_', 'of.', 'interior/', 'north']);
    expect(segmentParts('a__b')).toEqual(['a__', 'b']);
    expect(segmentParts('_lab.')).toEqual(['_', 'lab.']);
  });

  it('gives back every character, in order', () => {
    for (const name of ['energy', 'x_y_z', '.', 'a..b//c', 'ÄÖ_ü.ß'])
      expect(segmentParts(name).join('')).toBe(name);
  });
});
