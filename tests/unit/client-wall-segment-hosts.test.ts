/** The wall's segment detail lists the hosts its band comes from: one rule for the tile and the list. */
import { describe, expect, it } from 'vitest';
import { bandedHosts, bandOf } from '../../client/src/lib/bands.js';
import type { Entity } from '../../server/scoring/entity.js';
import { type EngineView, SegmentProjection } from '../../server/scoring/segment-projection.js';
import type { SeriesBuffer } from '../../server/scoring/series.js';
import { SEVERITY_BANDS } from '../../shared/schemas/alert.js';
import type { Reason } from '../../shared/schemas/score.js';

const reason = (detector: string, contribution: number): Reason => ({
  detector,
  feature: 'f',
  observed: 1,
  expected: 0,
  contribution,
});

function host(ip: string, segment: string, score: number, reasons: Reason[]): [Entity, number] {
  return [{ type: 'host', id: ip, segment, reasons, lastSeen: 0 } as unknown as Entity, score];
}

describe("a segment's most anomalous hosts", () => {
  // eleven hosts of a busy segment fill the network's top hosts; the quiet segment's one host has only a weak sign
  const scored = new Map<Entity, number>([
    ...Array.from({ length: 11 }, (_, i) => host(`10.1.0.${i}`, 'busy', 50, [reason('scan', 50)])),
    host('10.2.0.7', 'quiet', 20, [reason('beacon', 20)]),
    host('10.2.0.8', 'quiet', 3, [reason('ids', 3)]),
  ]);
  const view: EngineView = {
    scored: new Set(scored.keys()),
    hosts: new Map([...scored.keys()].map((e) => [e.id, e])),
    segments: new Map(),
    series: { segments: new Set(['busy', 'quiet']) } as unknown as SeriesBuffer,
    segmentDetectors: [],
    held: (e) => scored.get(e) ?? 0,
  };
  const segments = new SegmentProjection(view).scores(() => 0, 0);

  it('come with the segment, whether or not they are among the network top hosts', () => {
    const quiet = segments.find((s) => s.segment === 'quiet')!;
    expect(bandOf(quiet.score, quiet.reasons, SEVERITY_BANDS)).toBe('weak');
    expect(quiet.topHosts?.map((h) => h.ip)).toEqual(['10.2.0.7', '10.2.0.8']);
    expect(segments.find((s) => s.segment === 'busy')!.topHosts).toHaveLength(4);
  });

  it('are listed by the rule of the band: a segment that is not "normal" lists the host it is not normal for', () => {
    for (const s of segments) {
      const listed = bandedHosts(s.topHosts ?? [], SEVERITY_BANDS);
      if (bandOf(s.score, s.reasons, SEVERITY_BANDS) !== 'normal')
        expect(listed.length, s.segment).toBeGreaterThan(0);
      for (const h of listed) expect(bandOf(h.score, h.reasons, SEVERITY_BANDS)).not.toBe('normal');
    }
    expect(bandedHosts(segments.find((s) => s.segment === 'quiet')!.topHosts ?? [], SEVERITY_BANDS)).toEqual([
      { ip: '10.2.0.7', score: 20, reasons: [reason('beacon', 20)] },
    ]);
  });
});
