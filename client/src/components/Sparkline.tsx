/** @module A small inline SVG line (no chart library): recent scores of a host, on a fixed 0–100 scale. */

export interface SparklineProps {
  values: readonly number[];
  width?: number;
  height?: number;
  max?: number;
  label: string;
  /** Draw the alert threshold as a faint dashed line. */
  threshold?: number;
}

export function Sparkline({ values, width = 160, height = 36, max = 100, label, threshold }: SparklineProps) {
  const n = values.length;
  const y = (v: number) => height - 2 - (Math.min(Math.max(v, 0), max) / max) * (height - 4);
  const x = (i: number) => (n <= 1 ? width : (i / (n - 1)) * (width - 2) + 1);
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const last = values[n - 1];
  return (
    <svg
      className="spark"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      {threshold !== undefined ? (
        <line x1={0} x2={width} y1={y(threshold)} y2={y(threshold)} className="spark__threshold" />
      ) : null}
      {n > 1 ? <path d={d} className="spark__line" /> : null}
      {last !== undefined ? <circle cx={x(n - 1)} cy={y(last)} r={3} className="spark__dot" /> : null}
    </svg>
  );
}
