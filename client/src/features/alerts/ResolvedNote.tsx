/**
 * @module Says why a score in an alert band has no unresolved alert behind it (`resolvedBehind`): its alert was
 * resolved, by whom and when, and the score still holds the evidence. A link to the alert on signed-in screens; text on
 * the wall.
 */
import { useCallback, useMemo } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { Link } from '../../components/Link.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import type { Band } from '../../lib/bands.js';
import { formatClockShort } from '../../lib/format.js';
import { alertHref } from '../../lib/paths.js';
import { type AlertScope, resolvedBehind } from './resolved-behind.js';

const params = (a: Alert) => ({
  id: a.id,
  by: a.resolvedBy ?? '—',
  clock: formatClockShort(a.resolvedAt ?? 0),
});

/** One line: "Alert A12 resolved by lead at 13:05 UTC; the score still holds its evidence", the id a link. */
export function ResolvedNote({ alert }: { alert: Alert }) {
  const [before, after] = t('resolvedBehind.line', { ...params(alert), id: '\u0000' }).split('\u0000');
  return (
    <span className="resolved-note" data-testid="resolved-behind">
      {before}
      <Link to={alertHref(alert.id)} className="mono">
        {alert.id}
      </Link>
      {after}
    </span>
  );
}

/** The wall's words for it: long ("✓ A12 resolved 13:05 by lead") and short ("✓ A12 resolved 13:05"). */
export function resolvedWallText(a: Alert): { long: string; short: string } {
  return { long: t('resolvedBehind.tile', params(a)), short: t('resolvedBehind.tileShort', params(a)) };
}

/** `resolvedBehind` over the alerts this screen has heard of (and `more`, e.g. a host page's fetched ones). */
export function useResolvedBehind(
  more: readonly Alert[] = [],
): (band: Band, scope: AlertScope) => Alert | null {
  const live = useLiveSelector((s) => s.alerts);
  // the live store's copy of an alert is the newer one
  const alerts = useMemo(
    () => (more.length === 0 ? live : new Map([...more.map((a) => [a.id, a] as const), ...live])),
    [live, more],
  );
  return useCallback(
    (band: Band, scope: AlertScope) => resolvedBehind(band, scope, alerts.values(), Date.now()),
    [alerts],
  );
}
