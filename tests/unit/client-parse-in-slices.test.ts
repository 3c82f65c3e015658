/** A long array checked with zod a slice at a time: the same answer as one parse, with a pause between slices. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeParseInSlices } from '../../client/src/lib/parse-in-slices.js';
import { seriesPointSchema } from '../../shared/schemas/frame.js';

const point = (i: number) => ({
  segment: `seg-${i % 3}`,
  t: i * 1000,
  events: i % 7,
  bytesOut: 100 * i,
  byKind: { flow: 1, ids: 0, dns: 0, auth: 0 },
  score: i % 100,
  open: false,
  extra: 'stripped, as by one parse',
});

const points = z.array(seriesPointSchema);

describe('safeParseInSlices', () => {
  it('answers as one parse does, pausing between slices', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => point(i));
    let pauses = 0;
    const sliced = await safeParseInSlices(points, items, 1000, async () => {
      pauses++;
    });
    expect(pauses).toBe(2);
    expect(sliced).toEqual(points.safeParse(items));
  });

  it('fails on an invalid item in a later slice, and on what is not an array', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => point(i));
    items[2100] = { ...point(2100), events: 'many' as unknown as number };
    const pause = async () => undefined;
    const sliced = await safeParseInSlices(points, items, 1000, pause);
    expect(sliced.success).toBe(false);
    // the issue's path counts from its slice's start (2000)
    expect(sliced.error?.issues[0]?.path).toEqual([100, 'events']);
    expect((await safeParseInSlices(points, { points: items }, 1000, pause)).success).toBe(false);
  });

  it('checks a short array in one go, without pausing', async () => {
    let pauses = 0;
    const r = await safeParseInSlices(points, [point(1)], 1000, async () => {
      pauses++;
    });
    expect(r.success && r.data).toEqual([seriesPointSchema.parse(point(1))]);
    expect(pauses).toBe(0);
  });
});
