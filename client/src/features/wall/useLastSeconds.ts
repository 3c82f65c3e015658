/** @module The wall charts' data: per-second values of the last five minutes for each segment. */
import { useMemo } from 'react';
import type { SeriesPoint } from '../../../../shared/schemas/frame.js';
import { useLiveSelector } from '../../hooks/useLive.js';

const CHART_SECONDS = 300;

/** Per-second values of the last CHART_SECONDS for each segment (null where no bucket exists). */
export function useLastSeconds(metric: 'score' | 'events', only?: string) {
  const series = useLiveSelector((s) => s.series);
  return useMemo(() => {
    let end = 0;
    for (const pts of series.values()) {
      const last = pts[pts.length - 1];
      if (last && last.t > end) end = last.t;
    }
    const start = end - (CHART_SECONDS - 1) * 1000;
    const out: { name: string; values: (number | null)[] }[] = [];
    for (const [name, pts] of series) {
      if (only && name !== only) continue;
      const values: (number | null)[] = new Array(CHART_SECONDS).fill(null);
      for (const p of pts as readonly SeriesPoint[]) {
        if (p.t < start) continue;
        const i = Math.round((p.t - start) / 1000);
        if (i >= 0 && i < CHART_SECONDS && !(metric === 'events' && p.open)) {
          values[i] = metric === 'score' ? p.score : p.events;
        }
      }
      out.push({ name, values });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }, [series, metric, only]);
}
