/**
 * The saved hunts' counts for the list: one read of the alerts for all hunts (each read them anew: 200 hunts took
 * 2–3 s a request), the same counts as each hunt run alone, and the same list answered from memory for a few seconds.
 */
import { describe, expect, it } from 'vitest';
import { HuntCounts, type HuntSources, runHunt } from '../../server/watch/hunts.js';
import type { Alert } from '../../shared/schemas/alert.js';
import type { Hunt } from '../../shared/schemas/watch.js';
import { alertFixture } from '../support/alert-fixture.js';

const NOW = 10_000_000_000;
const MIN = 60_000;

/** Open alerts and alerts resolved 5, 50 and 500 minutes ago, on two segments; the store's newest-first read. */
function sources(): HuntSources & { reads: number } {
  const all: Alert[] = [];
  for (let i = 0; i < 40; i++) {
    const resolvedAt = i % 4 === 0 ? null : NOW - [5, 50, 500][i % 3]! * MIN;
    all.push(
      alertFixture({
        id: `A${i}`,
        segment: i % 2 ? 'energy' : 'health',
        detector: i % 5 ? 'scan' : 'beacon',
        peakScore: 40 + i,
        firstSeen: NOW - 600 * MIN,
        lastSeen: NOW - MIN,
        state: resolvedAt === null ? 'open' : 'resolved',
        resolvedAt,
      }),
    );
  }
  const src = {
    reads: 0,
    async alerts(since: number) {
      src.reads++;
      return all.filter((a) => a.resolvedAt === null || a.resolvedAt >= since);
    },
    hosts: () => [],
    recent: () => [],
  };
  return src;
}

const hunt = (i: number, filters: Hunt['filters']): Hunt => ({
  id: `H${i}`,
  name: `hunt ${i}`,
  filters,
  author: 'amy',
  createdAt: 0,
});

describe('HuntCounts', () => {
  const hunts = [
    hunt(1, { lastMinutes: 10 }),
    hunt(2, { lastMinutes: 60, segment: 'energy' }),
    hunt(3, { lastMinutes: 24 * 60, detector: 'beacon' }),
    hunt(4, { from: NOW - 100 * MIN, to: NOW - 20 * MIN }),
    hunt(5, { lastMinutes: 30, minScore: 60 }),
  ];

  it('reads the alerts once for every hunt and counts as each hunt alone does', async () => {
    const src = sources();
    const listed = await new HuntCounts(src).list(hunts, NOW);
    expect(src.reads).toBe(1);
    for (const [i, h] of hunts.entries()) {
      expect(listed[i]!.counts, h.name).toEqual((await runHunt(h, sources(), NOW)).counts);
      expect(listed[i]).toMatchObject(h);
    }
    // the hunts find different things (the check above compares something)
    expect(new Set(listed.map((h) => h.counts.alerts)).size).toBeGreaterThan(2);
  });

  it('answers the same list from memory for a few seconds, and a changed list or a later request afresh', async () => {
    const src = sources();
    const counts = new HuntCounts(src, 5_000);
    await counts.list(hunts, NOW);
    await counts.list(hunts, NOW + 4_000);
    expect(src.reads).toBe(1);
    await counts.list(hunts.slice(1), NOW + 4_000);
    expect(src.reads).toBe(2);
    await counts.list(hunts.slice(1), NOW + 9_100);
    expect(src.reads).toBe(3);
    expect(await new HuntCounts(src).list([], NOW)).toEqual([]);
  });
});
