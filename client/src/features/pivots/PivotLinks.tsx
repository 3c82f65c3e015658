/**
 * @module Pivot links (`WF_PIVOTS`) for what a screen shows: each template filled from the context (values
 * URL-encoded; templates naming a value the context lacks are left out), opened in a new tab that gets no handle
 * back to this one and no referrer.
 */
import { useQuery } from '@tanstack/react-query';
import { isIP } from '../../../../shared/ip.js';
import { fillPivot, type PivotContext } from '../../../../shared/pivots.js';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { API, routeQuery } from '../../lib/api.js';
import '../../styles/handoff.css';
import { t } from '../../i18n/index.js';

/** The templates, fetched once per session (they change only with a restart). */
export function usePivots() {
  return useQuery({ ...routeQuery(API.pivots), staleTime: Number.POSITIVE_INFINITY }).data?.pivots ?? [];
}

export function PivotLinks({
  context,
  label = t('handoff.pivot'),
}: {
  context: PivotContext | null;
  label?: string;
}) {
  const pivots = usePivots();
  if (!context) return null;
  const links = pivots.flatMap((p) => {
    const href = fillPivot(p.url, context);
    return href ? [{ name: p.name, href }] : [];
  });
  if (links.length === 0) return null;
  return (
    <span className="pivots" data-testid="pivots">
      {label ? <span className="muted">{label}:</span> : null}
      {links.map((l) => (
        <a key={l.name} className="pivot" href={l.href} target="_blank" rel="noopener noreferrer">
          {l.name}
        </a>
      ))}
    </span>
  );
}

const MINUTE = 60_000;

/** An alert's context: its host, the address intelligence matched (if any), its time with five minutes each side. */
export function alertPivotContext(a: Alert): PivotContext | null {
  if (a.entity.type !== 'host') return null;
  const peer = [...a.reasons, ...a.raiseReasons, ...a.peakReasons].find(
    (r) => r.intel && isIP(r.intel.indicator),
  )?.intel?.indicator;
  return {
    ip: a.entity.id,
    ...(peer ? { peer } : {}),
    from: a.firstSeen - 5 * MINUTE,
    to: Math.max(a.firstSeen, a.lastSeen) + 5 * MINUTE,
  };
}

/** An event's context: its source and destination, the destination port, five minutes each side of it. */
export function eventPivotContext(e: Record<string, unknown>): PivotContext | null {
  if (typeof e.src_ip !== 'string' || typeof e.ts !== 'number') return null;
  return {
    ip: e.src_ip,
    ...(typeof e.dst_ip === 'string' ? { peer: e.dst_ip } : {}),
    ...(typeof e.dst_port === 'number' ? { port: e.dst_port } : {}),
    from: e.ts - 5 * MINUTE,
    to: e.ts + 5 * MINUTE,
  };
}
