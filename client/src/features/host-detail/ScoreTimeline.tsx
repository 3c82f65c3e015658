/**
 * The host's score over the last minutes, stacked by the detectors behind it (recharts, loaded with the page), with
 * the alert threshold, the host's alert moments marked, a tooltip and a brush to zoom. The legend gives each
 * detector's share of the score now (the shares add up to the score; a reason's own points, before combination, are
 * in the table below).
 */

import type { Alert } from '../../../../shared/schemas/alert.js';
import type { TimelinePoint } from '../../../../shared/schemas/api.js';
import type { ExploreRow } from '../../components/explore/explore-types.js';
import { ExploreChart } from '../../components/explore/LazyExploreChart.js';
import { MarksKey } from '../../components/MarksKey.js';
import { SCORE_SHARE_LABEL } from '../../labels/quantities.js';
import { exploreMarks } from '../history/explore-marks.js';

const DETECTOR_COLOURS = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#D55E00',
  '#CC79A7',
  '#F5F5F5',
  '#3A8DDE',
];

const TEXT = {
  none: 'No score history yet: the host has not scored above zero.',
  summary: (minutes: number, now: number, detectors: string) =>
    `Score of the last ${minutes} min, now ${now}; detectors: ${detectors}`,
  threshold: (v: number) => `alert ${v}`,
} as const;

interface Props {
  points: readonly TimelinePoint[];
  /** The raise threshold in force; no line until the server has said. */
  threshold?: number | undefined;
  height?: number;
  /** The host's alerts: their raise, acknowledgement and resolve are marked on the timeline. */
  alerts?: readonly Alert[];
}

export function ScoreTimeline({ points, threshold, height = 200, alerts = [] }: Props) {
  if (points.length === 0) return <p className="empty">{TEXT.none}</p>;
  const detectors = [...new Set(points.flatMap((p) => Object.keys(p.parts)))].sort();
  const colour = (d: string) => DETECTOR_COLOURS[detectors.indexOf(d) % DETECTOR_COLOURS.length]!;
  const first = points[0]!.t;
  const last = points[points.length - 1]!.t;
  const rows = points.map((p) => {
    const row: ExploreRow = { t: p.t };
    for (const d of detectors) row[`d:${d}`] = p.parts[d] ?? 0;
    return row;
  });
  return (
    <figure className="score-timeline">
      <ExploreChart
        rows={rows}
        series={detectors.map((d) => ({
          key: `d:${d}`,
          name: d,
          colour: colour(d),
          kind: 'area',
          stack: 'score',
        }))}
        label={TEXT.summary(
          Math.round((last - first) / 60_000) || 1,
          points[points.length - 1]!.score,
          detectors.join(', '),
        )}
        height={height}
        leftMax={100}
        threshold={
          threshold !== undefined ? { value: threshold, label: TEXT.threshold(threshold) } : undefined
        }
        marks={exploreMarks(alerts, first, last + 1000)}
        legend={false}
      />
      <figcaption className="score-timeline__legend">
        <span className="score-timeline__item">{SCORE_SHARE_LABEL}:</span>
        {detectors.map((d) => (
          <span key={d} className="score-timeline__item">
            <span className="score-timeline__swatch" style={{ background: colour(d) }} aria-hidden="true" />
            {d} {points[points.length - 1]!.parts[d] ?? 0}
          </span>
        ))}
      </figcaption>
      {alerts.length > 0 ? <MarksKey /> : null}
    </figure>
  );
}
