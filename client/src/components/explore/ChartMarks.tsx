/**
 * @module The threshold and the alert moments on an explored chart (inside its recharts chart, so part of the lazily
 * loaded chunk): the threshold as a dashed line across the plot with its label, each moment as a dashed line down it
 * with its letter above and its title on hover. Drawn from the axes' scales rather than as recharts reference lines,
 * each of which recharts registers in its store and redraws the chart for.
 */
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { letteredMarks } from '../../lib/mark-letters.js';
import type { ExploreMark } from './explore-types.js';

/** Height above the plot's top edge where the marks' letters stand, px. */
const MARK_ROW = 22;

interface Props {
  marks: readonly ExploreMark[];
  threshold?: { value: number; label: string } | undefined;
}

export function ChartMarks({ marks, threshold }: Props) {
  const x = useXAxisScale();
  const y = useYAxisScale('left');
  const plot = usePlotArea();
  if (!x || !plot) return null;
  const ty = threshold && y ? y(threshold.value) : undefined;
  const right = plot.x + plot.width;
  // above its line, unless that is the row of the marks' letters (a threshold at the top: "peak 100"); then below it
  const labelY = ty === undefined ? 0 : ty - plot.y < MARK_ROW ? ty + 17 : ty - 6;
  const lettered = letteredMarks(marks, (t) => x(t) ?? Number.NaN);
  return (
    <g className="xchart__marks">
      {threshold && ty !== undefined && Number.isFinite(ty) ? (
        <g className="xchart__threshold">
          <line
            x1={plot.x}
            x2={right}
            y1={ty}
            y2={ty}
            stroke="#ff6b81"
            strokeDasharray="8 5"
            strokeWidth={2}
          />
          <text x={right - 4} y={labelY} textAnchor="end" fill="#ff8fa3" fontSize={13}>
            {threshold.label}
          </text>
        </g>
      ) : null}
      {marks.map((m, i) => {
        const at = x(m.t);
        if (at === undefined || !Number.isFinite(at)) return null;
        return (
          <g
            key={`${m.kind}/${m.t}/${m.title}`}
            className={`stl__mark stl__mark--${m.kind}`}
            data-mark={m.kind}
          >
            <title>{m.title}</title>
            <line x1={at} x2={at} y1={plot.y} y2={plot.y + plot.height} />
            {lettered[i] ? (
              <text x={at} y={plot.y - 6} textAnchor="middle">
                {m.letter}
              </text>
            ) : null}
          </g>
        );
      })}
    </g>
  );
}
