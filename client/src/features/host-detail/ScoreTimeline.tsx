/**
 * The host's score over the last minutes as stacked bars, one per tick, split by the detectors behind it, with
 * the alert threshold. Colours come with a legend of names and each detector's share of the score now (the shares
 * add up to the score; a reason's own points, before combination, are in the table below).
 */

import type { Alert } from '../../../../shared/schemas/alert.js';
import type { TimelinePoint } from '../../../../shared/schemas/api.js';
import { MarksKey } from '../../components/MarksKey.js';
import { t } from '../../i18n/index.js';
import { MARK_LOOK } from '../../labels/alerts.js';
import { detectorName } from '../../labels/detectors.js';
import { scoreShareLabel } from '../../labels/quantities.js';
import { alertMarks } from '../alerts/marks.js';

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
  width?: number;
  height?: number;
  /** The host's alerts: their raise, acknowledgement and resolve are marked on the timeline. */
  alerts?: readonly Alert[];
}

export function ScoreTimeline({ points, threshold, width = 900, height = 180, alerts = [] }: Props) {
  if (points.length === 0) return <p className="empty">{t('host.noTimeline')}</p>;
  const detectors = [...new Set(points.flatMap((p) => Object.keys(p.parts)))].sort();
  const colour = (d: string) => DETECTOR_COLOURS[detectors.indexOf(d) % DETECTOR_COLOURS.length]!;
  const left = 40;
  const bottom = 22;
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const barW = plotW / Math.max(points.length, 60);
  const y = (v: number) => 8 + plotH - (v / 100) * plotH;
  const first = points[0]!.t;
  const last = points[points.length - 1]!.t;
  const summary = t('host.timelineSummary', {
    minutes: Math.round((last - first) / 60_000) || 1,
    score: points[points.length - 1]!.score,
    detectors: detectors.map(detectorName).join(', '),
  });
  return (
    <figure className="score-timeline">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={summary}>
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={left} x2={width - 8} y1={y(v)} y2={y(v)} stroke="#2a3442" />
            <text x={left - 6} y={y(v) + 5} textAnchor="end" fontSize="14" fill="#c9d1d9">
              {v}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          let base = 0;
          return (
            <g key={p.t}>
              {detectors.map((d) => {
                const v = p.parts[d] ?? 0;
                if (v <= 0) return null;
                const top = base + v;
                const rect = (
                  <rect
                    key={d}
                    x={left + i * barW}
                    width={Math.max(barW - 0.5, 0.5)}
                    y={y(top)}
                    height={y(base) - y(top)}
                    fill={colour(d)}
                  />
                );
                base = top;
                return rect;
              })}
            </g>
          );
        })}
        {threshold !== undefined ? (
          <>
            <line
              x1={left}
              x2={width - 8}
              y1={y(threshold)}
              y2={y(threshold)}
              stroke="#ff6b81"
              strokeDasharray="8 5"
              strokeWidth="2"
            />
            <text x={width - 10} y={y(threshold) - 6} textAnchor="end" fontSize="14" fill="#ff8fa3">
              {t('host.alertThreshold', { threshold })}
            </text>
          </>
        ) : null}
        {alertMarks(alerts, first, last + 1000).map((m) => {
          const mx =
            left + ((m.t - first) / Math.max(1, last - first)) * (points.length - 1) * barW + barW / 2;
          return (
            <g
              key={`${m.kind}/${m.t}/${m.title}`}
              className={`stl__mark stl__mark--${m.kind}`}
              data-mark={m.kind}
            >
              <title>{m.title}</title>
              <line x1={mx} x2={mx} y1={20} y2={y(0)} />
              <text x={mx} y={16} textAnchor="middle">
                {MARK_LOOK[m.kind].letter}
              </text>
            </g>
          );
        })}
        <text x={left} y={height - 4} fontSize="14" fill="#c9d1d9">
          {new Date(first).toISOString().slice(11, 19)} Z
        </text>
        <text x={width - 8} y={height - 4} textAnchor="end" fontSize="14" fill="#c9d1d9">
          {new Date(last).toISOString().slice(11, 19)} Z
        </text>
      </svg>
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
