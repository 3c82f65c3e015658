/** @module The wall's network detail: every segment's anomaly score over the last five minutes against the alert threshold. */

import { useAlerting } from '../../app/AlertingProvider.js';
import { LineSwatch } from '../../components/LineSwatch.js';
import { t } from '../../i18n/index.js';
import { segmentStyles } from '../../lib/palette.js';
import { useLastSeconds } from './useLastSeconds.js';
import { WallChart } from './WallChart.js';

export function NetworkScene({ allowed }: { allowed: Set<string> | null }) {
  const raise = useAlerting()?.raise;
  const lines = useLastSeconds('score').filter((l) => !allowed || allowed.has(l.name));
  const styles = segmentStyles(lines.map((l) => l.name));
  return (
    <div className="scene scene--network">
      <div className="wchart">
        <div className="wchart__title">
          {t('wall.networkTitle')}
          {raise !== undefined ? ` · ${t('wall.dashedThreshold', { raise })}` : ''}
        </div>
        <WallChart
          series={lines.map((l) => ({
            name: l.name,
            colour: styles.get(l.name)!.colour,
            dash: styles.get(l.name)!.dash,
            values: l.values,
          }))}
          max={100}
          threshold={raise}
          label={t('wall.networkLabel')}
        />
        <div className="wlegend">
          {lines.map((l) => (
            <span key={l.name} className="wlegend__item">
              {/* the line's colour and its dash: past eight segments the colours come round again, dashed */}
              <LineSwatch className="wlegend__swatch" style={styles.get(l.name)!} />
              {l.name}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
