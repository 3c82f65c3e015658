/**
 * @module What an explored chart takes (no recharts here, so a page can describe its chart without loading the
 * library): rows by time, the series drawn from them, a threshold, and the alert moments marked on it.
 */

/** One row: its time (epoch ms, `t`) and a value per series key (null: no value then). */
export type ExploreRow = { t: number } & Record<string, number | null>;

export interface ExploreSeries {
  key: string;
  name: string;
  colour: string;
  /** `area` rows with the same `stack` are stacked (a score's parts by detector). @default 'line' */
  kind?: 'line' | 'area';
  stack?: string;
  dash?: string | undefined;
  /** The right axis has its own scale (events/s beside a 0–100 score). @default 'left' */
  axis?: 'left' | 'right';
}

export interface ExploreMark {
  t: number;
  /** `raised`, `acknowledged`, `resolved` (alert moments), or anything a page marks. */
  kind: string;
  letter: string;
  title: string;
}

export interface ExploreChartProps {
  rows: readonly ExploreRow[];
  series: readonly ExploreSeries[];
  /** What the chart shows, for screen readers and the figure's title. */
  label: string;
  height?: number;
  /** Upper end of the left axis (a score: 100); the data's maximum when absent. */
  leftMax?: number;
  leftUnit?: string;
  rightUnit?: string;
  /** How the right axis writes its values (bytes: `formatBytes`). @default formatCount */
  rightFormat?: (value: number) => string;
  threshold?: { value: number; label: string } | undefined;
  marks?: readonly ExploreMark[];
  /** A brush under the chart to zoom into a stretch of time. @default true */
  brush?: boolean;
  /** The series' names under the chart (a page with its own legend turns it off). @default true */
  legend?: boolean;
}
