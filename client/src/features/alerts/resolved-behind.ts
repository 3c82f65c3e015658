/**
 * @module Why a score in an alert band has no unresolved alert behind it: the alert its evidence raised was resolved
 * by a lead while the evidence is still held (a scan's refused ports are kept for an hour, a held score decays over
 * minutes; detection does not forget because a lead resolved). One rule for the wall's tiles and hosts, the overview's
 * segments and top hosts, and the host page.
 */
import { type Alert, RESOLVED_EXPLAINS_MS, type Severity } from '../../../../shared/schemas/alert.js';
import { type Band, isSeverityBand } from '../../lib/bands.js';

/**
 * What a score is of: one host, or a segment (its own evidence and its hosts'; `top`, the host its score comes from,
 * when it has one).
 */
export type AlertScope = { host: string } | { segment: string; top?: string };

const RANK: Readonly<Record<Severity, number>> = { critical: 3, high: 2, medium: 1 };

const inScope = (a: Alert, scope: AlertScope): boolean =>
  'host' in scope ? a.entity.type === 'host' && a.entity.id === scope.host : a.segment === scope.segment;

/**
 * The alert that explains a score in `band` when no unresolved alert of the scope is of that severity or above: the
 * scope's alert resolved most recently, within {@link RESOLVED_EXPLAINS_MS} of `now`; null when the band is not an
 * alert severity, an unresolved alert stands behind it, or nothing was resolved lately.
 */
export function resolvedBehind(
  band: Band,
  scope: AlertScope,
  alerts: Iterable<Alert>,
  now: number,
): Alert | null {
  if (!isSeverityBand(band)) return null;
  let newest: Alert | null = null;
  // of a segment, the alert of what its score comes from (itself or its strongest host) before any other of it: the
  // segment's newest resolution was named, a DNS alert of another host beside a scan host's evidence
  let newestOwn: Alert | null = null;
  const top = 'segment' in scope ? scope.top : undefined;
  for (const a of alerts) {
    if (!inScope(a, scope)) continue;
    if (a.state !== 'resolved') {
      if (RANK[a.severity] >= RANK[band]) return null;
      continue;
    }
    const at = a.resolvedAt ?? 0;
    if (now - at > RESOLVED_EXPLAINS_MS) continue;
    if (!newest || at > (newest.resolvedAt ?? 0)) newest = a;
    const own = a.entity.type === 'segment' || a.entity.id === top;
    if (own && (!newestOwn || at > (newestOwn.resolvedAt ?? 0))) newestOwn = a;
  }
  return newestOwn ?? newest;
}
