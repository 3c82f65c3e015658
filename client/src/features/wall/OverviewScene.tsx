/**
 * @module The wall's overview scene: headline numbers, a tile per segment coloured by its anomaly score, and
 * every segment's score over the last five minutes against the alert threshold.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { useAlerting, useScoreStyle } from '../../app/AlertingProvider.js';
import { LineSvg } from '../../components/LineSvg.js';
import { SEVERITY_LOOK } from '../../components/SeverityBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { formatCount } from '../../lib/format.js';
import { segmentStyles } from '../../lib/palette.js';
import { ChartAxis } from './ChartAxis.js';
import { useLastSeconds } from './useLastSeconds.js';

export function OverviewScene({ alerts, allowed }: { alerts: Alert[]; allowed: Set<string> | null }) {
  const segments = useLiveSelector((s) => s.segments);
  const scoreStyle = useScoreStyle();
  const raise = useAlerting()?.raise;
  const stats = useLiveSelector((s) => s.stats);
  const lines = useLastSeconds('score').filter((l) => !allowed || allowed.has(l.name));
  const styles = segmentStyles(lines.map((l) => l.name));
  const shown = [...segments]
    .filter((s) => !allowed || allowed.has(s.segment))
    .sort((a, b) => a.segment.localeCompare(b.segment));
  const open = alerts.filter((a) => a.state === 'open').length;
  const acked = alerts.filter((a) => a.state === 'acknowledged').length;
  const critical = alerts.filter((a) => a.state !== 'resolved' && a.severity === 'critical').length;
  return (
    <div className="scene scene--overview">
      <div className="wkpis">
        <WallKpi
          label="Events / s"
          value={formatCount(stats ? stats.eventsPerSec : shown.reduce((n, s) => n + s.eventsPerSec, 0))}
        />
        <WallKpi label="Open alerts" value={String(open)} tone={open > 0 ? 'warn' : undefined} />
        <WallKpi label="Critical" value={String(critical)} tone={critical > 0 ? 'bad' : undefined} />
        <WallKpi label="Acknowledged" value={String(acked)} />
        {stats ? <WallKpi label="Ingest lag" value={formatCount(stats.lag)} /> : null}
      </div>
      <div className="wtiles">
        {shown.slice(0, 12).map((s) => {
          const look = scoreStyle(s.score);
          return (
            <div key={s.segment} className={`wtile ${look.severity ? `wtile--${look.severity}` : ''}`}>
              <div className="wtile__name">{s.segment}</div>
              <div className="wtile__score">
                <span className="wtile__num">{Math.round(s.score)}</span>
                <span className="wtile__sev">
                  {look.severity ? `${SEVERITY_LOOK[look.severity].shape} ${look.label}` : 'normal'}
                </span>
              </div>
              <div className="wtile__meta">{formatCount(s.eventsPerSec)} ev/s</div>
            </div>
          );
        })}
      </div>
      <div className="wchart">
        <div className="wchart__title">
          Anomaly score by segment · last 5 min{raise !== undefined ? ` · alert threshold ${raise}` : ''}
        </div>
        <LineSvg
          series={lines.map((l) => ({
            name: l.name,
            colour: styles.get(l.name)!.colour,
            dash: styles.get(l.name)!.dash,
            values: l.values,
          }))}
          max={100}
          threshold={raise}
          label="Anomaly score by segment over the last five minutes"
        />
        <ChartAxis />
        <div className="wlegend">
          {lines.map((l) => (
            <span key={l.name} className="wlegend__item">
              <span className="wlegend__swatch" style={{ background: styles.get(l.name)!.colour }} />
              {l.name}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}

function WallKpi({ label, value, tone }: { label: string; value: string; tone?: 'warn' | 'bad' }) {
  return (
    <div className={`wkpi ${tone ? `wkpi--${tone}` : ''}`}>
      <div className="wkpi__label">{label}</div>
      <div className="wkpi__value">{value}</div>
    </div>
  );
}
