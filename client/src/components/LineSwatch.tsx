/** @module A series' line in a legend: its colour and its dash, as the chart draws it. */
import type { SeriesStyle } from '../lib/palette.js';

export function LineSwatch({ style, className }: { style: SeriesStyle; className?: string }) {
  return (
    <svg className={className} width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">
      <line x1="1" x2="27" y1="6" y2="6" stroke={style.colour} strokeWidth="4" strokeDasharray={style.dash} />
    </svg>
  );
}
