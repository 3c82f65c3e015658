/**
 * @module Series history beyond the live buffer: one Redis hash per segment and hour, fields `<second>:<metric>`,
 * added to (HINCRBY) so late events land in the right second; hashes expire after the retention. Read back per
 * second or downsampled for long windows.
 */
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import { EVENT_KINDS } from '../../shared/schemas/telemetry.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { emptyPoint } from './series.js';

const HOUR = 3_600_000;

export class HistoryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionMs: number,
  ) {}

  /** Adds closed points (and late corrections) to the history; zero points are skipped. */
  async write(points: readonly SeriesPoint[], late: readonly SeriesPoint[] = []): Promise<void> {
    if (points.length === 0 && late.length === 0) return;
    const p = this.redis.pipeline();
    const touched = new Set<string>();
    const segments = new Set<string>();
    for (const [pt, isLate] of [
      ...points.map((x) => [x, false] as const),
      ...late.map((x) => [x, true] as const),
    ]) {
      if (pt.events === 0 && isLate) continue;
      const hour = pt.t - (pt.t % HOUR);
      const key = this.keys.seriesHour(pt.segment, hour);
      const sec = (pt.t - hour) / 1000;
      if (pt.events > 0) {
        p.hincrby(key, `${sec}:e`, pt.events);
        if (pt.bytesOut) p.hincrby(key, `${sec}:b`, Math.round(pt.bytesOut));
        for (const k of EVENT_KINDS) if (pt.byKind[k]) p.hincrby(key, `${sec}:${k}`, pt.byKind[k]);
      }
      if (!isLate && pt.score > 0) p.hset(key, `${sec}:s`, pt.score);
      if (pt.events > 0 || pt.score > 0) {
        touched.add(key);
        segments.add(pt.segment);
      }
    }
    for (const key of touched) p.pexpire(key, this.retentionMs + HOUR);
    if (segments.size) p.sadd(this.keys.seriesSegments, ...segments);
    const res = await p.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  /** Per-second points of one segment in [from, to), seconds without data omitted; at most 24 h per call. */
  async read(segment: string, from: number, to: number): Promise<SeriesPoint[]> {
    const out: SeriesPoint[] = [];
    const start = from - (from % HOUR);
    const p = this.redis.pipeline();
    const hours: number[] = [];
    for (let h = start; h < to; h += HOUR) {
      hours.push(h);
      p.hgetall(this.keys.seriesHour(segment, h));
    }
    const res = (await p.exec()) ?? [];
    hours.forEach((hour, i) => {
      const fields = (res[i]?.[1] ?? {}) as Record<string, string>;
      const bySec = new Map<number, SeriesPoint>();
      for (const [field, value] of Object.entries(fields)) {
        const [secText, metric] = field.split(':');
        const t = hour + Number(secText) * 1000;
        if (t < from || t >= to) continue;
        let pt = bySec.get(t);
        if (!pt) {
          pt = emptyPoint(segment, t, false);
          bySec.set(t, pt);
        }
        const n = Number(value);
        if (metric === 'e') pt.events = n;
        else if (metric === 'b') pt.bytesOut = n;
        else if (metric === 's') pt.score = n;
        else if (metric && metric in pt.byKind) pt.byKind[metric as keyof SeriesPoint['byKind']] = n;
      }
      out.push(...[...bySec.values()].sort((a, b) => a.t - b.t));
    });
    return out;
  }

  async segments(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.seriesSegments)).sort();
  }

  /**
   * Points of one segment (or every segment) in [from, to), at `stepS` seconds per point (see {@link downsample});
   * at most 24 h per call.
   */
  async range(segment: string | undefined, from: number, to: number, stepS = 1): Promise<SeriesPoint[]> {
    const segments = segment ? [segment] : await this.segments();
    const points = (await Promise.all(segments.map((s) => this.read(s, from, to)))).flat();
    // every segment read: the first second any has is when watching began (one segment's first may just be its quiet)
    return stepS > 1 ? downsample(points, stepS * 1000, from, to, !segment) : points;
  }
}

/**
 * Averages per-second points into `stepMs` buckets per segment (rates stay per second; score is the peak). A bucket
 * is averaged over its seconds within [`from`, `to`) that have closed (up to the newest point's second): the step
 * still under way is the rate so far, not that rate spread over the whole step (which drew every history chart
 * falling towards 0 at "now"), and a window starting mid-step averages its first step over its part of it. A second
 * with no point in a closed stretch counts as nothing sent; with every segment's points, a step that began before the
 * first of them (the server started within it) is averaged from that first second (the network's rate was drawn
 * ramping up from half its value).
 */
export function downsample(
  points: readonly SeriesPoint[],
  stepMs: number,
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
  /** The points are every segment's: a step before the first of them is not averaged over the seconds before it. */
  everySegment = false,
): SeriesPoint[] {
  const out = new Map<string, SeriesPoint>();
  let closed = Number.NEGATIVE_INFINITY;
  // the first second any segment has: before it nothing was watched (the server had not started), which is no quiet
  let begun = everySegment ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const p of points) {
    closed = Math.max(closed, p.t + 1000);
    if (everySegment) begun = Math.min(begun, p.t);
    const t = p.t - (p.t % stepMs);
    const key = `${p.segment}\u0000${t}`;
    let o = out.get(key);
    if (!o) {
      o = emptyPoint(p.segment, t, false);
      out.set(key, o);
    }
    o.events += p.events;
    o.bytesOut += p.bytesOut;
    for (const k of EVENT_KINDS) o.byKind[k] += p.byKind[k];
    o.score = Math.max(o.score, p.score);
  }
  for (const o of out.values()) {
    const seconds = Math.max(1, (Math.min(o.t + stepMs, to, closed) - Math.max(o.t, from, begun)) / 1000);
    o.events /= seconds;
    o.bytesOut /= seconds;
    for (const k of EVENT_KINDS) o.byKind[k] /= seconds;
  }
  return [...out.values()].sort((a, b) => a.t - b.t);
}
