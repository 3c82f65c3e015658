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
import { t } from '../../i18n/index.js';
import { detectorName } from '../../labels/detectors.js';
import { scoreShareLabel } from '../../labels/quantities.js';
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

interface Props {
  points: readonly TimelinePoint[];
  /** The raise threshold in force; no line until the server has said. */
  threshold?: number | undefined;
  height?: number;
  /** The host's alerts: their raise, acknowledgement and resolve are marked on the timeline. */
  alerts?: readonly Alert[];
}

export function ScoreTimeline({ points, threshold, height = 200, alerts = [] }: Props) {
  if (points.length === 0) return <p className="empty">{t('host.noTimeline')}</p>;
  const detectors = [...new Set(points.flatMap((p) => Object.keys(p.parts)))].sort();
  const colour = (d: string) => DETECTOR_COLOURS[detectors.indexOf(d) % DETECTOR_COLOURS.length]!;
  const first = points[0]!.t;
  const last = points[points.length - 1]!.t;
  const rows = points.map((p) => {
    const row: ExploreRow = { t: p.t };
    for (const d of detectors) row[`d:${d}`] = p.parts[d] ?? 0;
    return row;
  });
  const summary = t('host.timelineSummary', {
    minutes: Math.round((last - first) / 60_000) || 1,
    score: points[points.length - 1]!.score,
    detectors: detectors.map(detectorName).join(', '),
  });
  return (
    <figure className="score-timeline">
      <ExploreChart
        rows={rows}
        series={detectors.map((d) => ({
          key: `d:${d}`,
          name: detectorName(d),
          colour: colour(d),
          kind: 'area',
          stack: 'score',
        }))}
        label={summary}
        height={height}
        leftMax={100}
        threshold={
          threshold !== undefined
            ? { value: threshold, label: t('host.alertThreshold', { threshold }) }
            : undefined
        }
        marks={exploreMarks(alerts, first, last + 1000)}
        legend={false}
      />
      <figcaption className="score-timeline__legend">
        <span className="score-timeline__item">{scoreShareLabel()}:</span>
        {detectors.map((d) => (
          <span key={d} className="score-timeline__item">
            <span className="score-timeline__swatch" style={{ background: colour(d) }} aria-hidden="true" />
            {detectorName(d)} {points[points.length - 1]!.parts[d] ?? 0}
          </span>
        ))}
      </figcaption>
      {alerts.length > 0 ? <MarksKey /> : null}
    </figure>
  );
}
