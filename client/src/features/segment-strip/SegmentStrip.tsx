/** @module Every segment as a tile coloured by its anomaly score; positions are stable (ordered by name). */
import { memo } from 'react';
import { ScoreBadge } from '../../components/ScoreBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { formatCount, formatReason, topReason } from '../../lib/format.js';
import { scoreStyle, segmentStyles } from '../../lib/palette.js';

/** Memoised: the page re-renders on every clock tick; this re-renders only when its data changes. */
export const SegmentStrip = memo(function SegmentStrip() {
  const segments = useLiveSelector((s) => s.segments);
  const seriesNames = useLiveSelector((s) => s.series);
  const styles = segmentStyles([...seriesNames.keys()]);
  const sorted = [...segments].sort((a, b) => a.segment.localeCompare(b.segment));
  if (sorted.length === 0) return <p className="empty">No segments reporting yet.</p>;
  return (
    <ul className="strip">
      {sorted.map((s) => {
        const look = scoreStyle(s.score);
        const reason = topReason(s.reasons);
        const line = styles.get(s.segment);
        return (
          <li
            key={s.segment}
            className={`strip__tile ${look.severity ? `strip__tile--${look.severity}` : ''}`}
            style={{ borderTopColor: line?.colour ?? '#6b7b8c' }}
          >
            <div className="strip__name" title={s.segment}>
              {s.segment}
            </div>
            <ScoreBadge score={s.score} />
            <div className="strip__meta">
              {formatCount(s.eventsPerSec)} ev/s · {formatCount(s.activeHosts)} hosts
            </div>
            {reason && look.severity ? <div className="strip__reason">{formatReason(reason)}</div> : null}
          </li>
        );
      })}
    </ul>
  );
});
