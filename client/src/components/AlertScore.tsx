/**
 * @module An alert's score now and its peak, "72 / 98"; "— / 98" once its episode is over (`alertScoreNow`), the
 * score it ended at in the dash's title. The queue and the handover print this one cell.
 */
import type { Alert } from '../../../shared/schemas/alert.js';
import { alertScoreNow, shownScore } from '../../../shared/schemas/alert.js';
import { t } from '../i18n/index.js';

export function AlertScore({ alert: a }: { alert: Pick<Alert, 'active' | 'score' | 'peakScore'> }) {
  const now = alertScoreNow(a);
  return (
    <>
      {now ?? (
        <span className="muted" title={t('alerts.episodeOver', { score: shownScore(a.score) })}>
          —
        </span>
      )}
      <span className="muted"> / {shownScore(a.peakScore)}</span>
    </>
  );
}
