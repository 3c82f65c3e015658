/** The rate detector's expected band is the one it judged by, and a scan does not stretch it over the scan itself. */
import { describe, expect, it } from 'vitest';
import { type RateState, rateDetector } from '../../server/scoring/detectors/rate.js';
import { BAND_SIGMAS } from '../../shared/schemas/score.js';

const ev = { ts: 0, sensor: 's', kind: 'flow', src_ip: '10.0.0.1', segment: 'x' } as never;

function run(
  det: ReturnType<typeof rateDetector>,
  s: RateState,
  perSecond: (i: number) => number,
  from: number,
  n: number,
) {
  const out = [];
  for (let i = from; i < from + n; i++) {
    for (let k = 0; k < perSecond(i); k++) det.observe(s, ev, `r${i}.${k}`);
    out.push(det.evaluate(s, { bucketStart: i * 1000, idleBuckets: 0 }));
  }
  return out;
}

const upper = (s: RateState) => s.rate.mean + BAND_SIGMAS * Math.sqrt(s.rate.variance);

describe('rate detector band', () => {
  it('stays near the normal rate through a two-minute burst it flags, and its reasons carry that band', () => {
    const det = rateDetector({ bytes: false });
    const s = det.init('segment');
    run(det, s, (i) => 16 + (i % 5) * 3, 0, 400); // 16–28/s
    const before = upper(s);
    const during = run(det, s, () => 139, 400, 120);
    // every second of the burst is flagged, against a band that stays close to the usual one
    expect(during.every((r) => r.some((x) => x.feature === 'events_per_s'))).toBe(true);
    const last = during.at(-1)!.find((x) => x.feature === 'events_per_s')!;
    expect(last.band![1]).toBeLessThan(before * 2);
    expect(last.band![1]).toBeLessThan(139 / 2);
    expect(upper(s)).toBeLessThan(before * 2);
  });

  it('still learns a lasting change (a constant 20/s becoming 60/s) within the hour and a half', () => {
    const det = rateDetector({ bytes: false });
    const s = det.init('segment');
    run(det, s, () => 20, 0, 300);
    const after = run(det, s, () => 60, 300, 5000);
    expect(after.at(-1)!.length).toBe(0);
  });
});
