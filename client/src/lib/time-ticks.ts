/**
 * @module Time ticks for an explored chart's x axis: round moments (every 10 s, 1 min, 15 min, 1 h, …) about `gap`
 * pixels apart. Given to recharts as the axis' ticks, so it neither makes one of every row nor measures each
 * label's text in the DOM to thin them out (with a day of points that measuring was most of a long task). Pure.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;
/** The steps a tick may take, shortest first. */
const STEPS = [
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  24 * H,
];

/** Round moments in [from, to] (epoch ms, UTC), at least `gap` pixels apart on a plot `width` pixels wide. */
export function timeTicks(from: number, to: number, width: number, gap = 110): number[] {
  const span = to - from;
  if (!(span > 0) || !(width > 0)) return Number.isFinite(from) ? [from] : [];
  const most = Math.max(1, Math.floor(width / gap));
  const step = STEPS.find((s) => span / s <= most) ?? Math.ceil(span / most / (24 * H)) * 24 * H;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
