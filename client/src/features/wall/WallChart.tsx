/**
 * @module A wall chart of the last five minutes with its axes in words read from across the room: values on the
 * left (0, half, top), time underneath, the threshold named.
 */
import { LineSvg, type LineSvgSeries } from '../../components/LineSvg.js';
import { t } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';

export function WallChart({
  series,
  max,
  threshold,
  unit,
  label,
}: {
  series: readonly LineSvgSeries[];
  max: number;
  threshold?: number;
  /** Appended to the top value ("/s"). */
  unit?: string;
  label: string;
}) {
  const ticks = [max, max / 2, 0];
  return (
    <div className="wplot">
      <div className="wplot__y" aria-hidden="true">
        {ticks.map((v, i) => (
          <span key={v} className="wplot__tick" data-testid="y-tick">
            {formatCount(v)}
            {i === 0 && unit ? unit : ''}
          </span>
        ))}
      </div>
      <div className="wplot__area">
        <LineSvg series={series} max={max} threshold={threshold} label={label} />
      </div>
      <div className="wplot__x" aria-hidden="true">
        <span>{t('wall.fiveMinAgo')}</span>
        <span>{t('wall.now')}</span>
      </div>
    </div>
  );
}

/** A round top for a chart's value axis, at or above `peak` (1, 2, 2.5, 5 × a power of ten). */
export function niceMax(peak: number): number {
  if (!(peak > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(peak));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= peak) return m * p;
  return 10 * p;
}
