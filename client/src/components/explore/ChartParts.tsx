/**
 * @module The small parts of an explored chart (inside the lazily loaded chunk): its time labels, the tooltip's body,
 * and the axes' ranges and ticks worked out from the rows (the series are drawn outside recharts, so recharts has no
 * data to work them out from).
 */
import type { ExploreRow, ExploreSeries } from './explore-types.js';

export const AXIS = { stroke: '#8b98a5', fontSize: 13, fill: '#c9d1d9' } as const;

/** "13:04:05Z" within a day, "03-05 13:04Z" beyond. */
export function timeLabel(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  return span > 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}Z` : `${iso.slice(11, 19)}Z`;
}

export const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10);

const TOOLTIP_CONTENT = {
  background: '#0f151c',
  border: '1px solid #3b4a5a',
  color: '#e6edf3',
  margin: 0,
  padding: 10,
  whiteSpace: 'nowrap',
} as const;
const TOOLTIP_LABEL = { color: '#e6edf3', margin: 0 };
const TOOLTIP_LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** The row at time `t` (rows sorted by time), or the one just before it. */
export function rowAt(rows: readonly ExploreRow[], t: number): ExploreRow | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid]!.t <= t) lo = mid;
    else hi = mid - 1;
  }
  return rows[lo];
}

/** Five round ticks from 0 for values up to `max` (a step of 1, 2, 2.5 or 5 times a power of ten). */
export function valueTicks(max: number): number[] {
  const raw = max > 0 ? max / 4 : 0.25;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
  return [0, step, 2 * step, 3 * step, 4 * step];
}

/** The highest value each axis shows (stacked series summed). */
export function axisMaxima(
  rows: readonly ExploreRow[],
  series: readonly ExploreSeries[],
): { left: number; right: number } {
  const out = { left: 0, right: 0 };
  for (const r of rows) {
    const stacks = new Map<string, number>();
    for (const s of series) {
      const v = r[s.key];
      if (v === null || v === undefined || Number.isNaN(v)) continue;
      const axis = s.axis ?? 'left';
      const stacked = s.kind === 'area' && s.stack ? (stacks.get(s.stack) ?? 0) + v : v;
      if (s.kind === 'area' && s.stack) stacks.set(s.stack, stacked);
      if (stacked > out[axis]) out[axis] = stacked;
    }
  }
  return out;
}
/** Every series' value in the row under the pointer, and its UTC time. */
export function TooltipBody({ row, series }: { row: ExploreRow; series: readonly ExploreSeries[] }) {
  return (
    <div className="recharts-default-tooltip" style={TOOLTIP_CONTENT}>
      <p className="recharts-tooltip-label" style={TOOLTIP_LABEL}>
        {timeLabel(row.t, 0)}
      </p>
      <ul className="recharts-tooltip-item-list" style={TOOLTIP_LIST}>
        {series.map((s) => {
          const v = row[s.key];
          if (v === null || v === undefined || Number.isNaN(v)) return null;
          return (
            <li key={s.key} className="recharts-tooltip-item" style={{ color: s.colour }}>
              {s.name}: {round(v)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
