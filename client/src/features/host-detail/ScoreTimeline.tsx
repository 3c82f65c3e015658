/**
 * The host's score over the last minutes, stacked by the detectors behind it (recharts, loaded with the page), with
 * the alert threshold, the host's alert moments marked, a tooltip and a brush to zoom. The legend gives each
 * detector's share of the score shown at the top of the page, now, in whole points that add up to it (`wholeShares`; the
 * chart's newest tick can be some seconds older); a reason's own points, before combination, are in the table below.
 */

import { useMemo } from 'react';
import { wholeShares } from '../../../../shared/noisy-or.js';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { shownScore } from '../../../../shared/schemas/alert.js';
import type { TimelinePoint } from '../../../../shared/schemas/api.js';
import type { Reason } from '../../../../shared/schemas/score.js';
import type { ExploreRow, ExploreSeries } from '../../components/explore/explore-types.js';
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

const colourOf = (i: number) => DETECTOR_COLOURS[i % DETECTOR_COLOURS.length]!;
const NO_ALERTS: readonly Alert[] = [];

/**
 * The legend's entries: each detector's share of the score now, then every other detector the chart draws at 0 (its
 * evidence is over, as volume's a while ago): a coloured area is never left unnamed.
 */
export function legendEntries(
  shares: ReadonlyMap<string, number>,
  drawn: readonly string[],
): (readonly [string, number])[] {
  return [...shares, ...drawn.filter((d) => !shares.has(d)).map((d) => [d, 0] as const)];
}

interface Props {
  points: readonly TimelinePoint[];
  /** The raise threshold in force; no line until the server has said. */
  threshold?: number | undefined;
  height?: number;
  /** The host's alerts: their raise, acknowledgement and resolve are marked on the timeline. */
  alerts?: readonly Alert[];
  /** The host's score as the page shows it now, and the reasons behind it: what the legend splits. */
  score: number;
  reasons: readonly Reason[];
}

export function ScoreTimeline({
  points,
  threshold,
  height = 200,
  alerts = NO_ALERTS,
  score,
  reasons,
}: Props) {
  // The page re-renders every second (its clock) and with every frame; the chart is given the same rows, series and
  // marks until the timeline itself changes (a fetch every 10 s), so recharts draws it again only then.
  const detectors = useMemo(() => [...new Set(points.flatMap((p) => Object.keys(p.parts)))].sort(), [points]);
  // by value: the detectors and their names (in the language shown), not the arrays
  const detectorSig = detectors.join('\u0000');
  const nameSig = detectors.map(detectorName).join('\u0000');
  const rows = useMemo(
    () =>
      points.map((p) => {
        const row: ExploreRow = { t: p.t };
        for (const d of detectors) row[`d:${d}`] = p.parts[d] ?? 0;
        return row;
      }),
    [points, detectors],
  );
  const series = useMemo<ExploreSeries[]>(() => {
    const names = nameSig.split('\u0000');
    return detectorSig.split('\u0000').map((d, i) => ({
      key: `d:${d}`,
      name: names[i] ?? d,
      colour: colourOf(i),
      kind: 'area',
      stack: 'score',
    }));
  }, [detectorSig, nameSig]);
  const first = points[0]?.t ?? 0;
  const last = points.at(-1)?.t ?? 0;
  const marks = useMemo(() => exploreMarks(alerts, first, last + 1000), [alerts, first, last]);
  const shares = wholeShares(reasons, score);
  if (points.length === 0) return <p className="empty">{t('host.noTimeline')}</p>;
  const now = points[points.length - 1]!;
  const summary = t('host.timelineSummary', {
    minutes: Math.round((last - first) / 60_000) || 1,
    score: now.score,
    detectors: detectors.map(detectorName).join(', '),
  });
  return (
    <figure className="score-timeline">
      <ExploreChart
        rows={rows}
        series={series}
        label={summary}
        height={height}
        leftMax={100}
        threshold={
          threshold !== undefined
            ? { value: threshold, label: t('host.alertThreshold', { threshold }) }
            : undefined
        }
        marks={marks}
        legend={false}
      />
      <figcaption className="score-timeline__legend" data-testid="score-shares">
        <span className="score-timeline__item">{scoreShareLabel(shownScore(score))}:</span>
        {legendEntries(shares, detectors).map(([d, points]) => {
          const i = detectors.indexOf(d);
          return (
            <span key={d} className="score-timeline__item">
              <span
                className="score-timeline__swatch"
                style={{ background: i >= 0 ? colourOf(i) : 'transparent' }}
                aria-hidden="true"
              />
              {detectorName(d)} {points}
            </span>
          );
        })}
      </figcaption>
      {alerts.length > 0 ? <MarksKey /> : null}
    </figure>
  );
}
