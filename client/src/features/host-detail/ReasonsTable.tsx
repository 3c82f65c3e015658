/**
 * @module Every reason behind a score: what was seen, what was expected, how much it added, and the events it was
 * seen in (its examples, looked up among the host's recent events).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Reason } from '../../../../shared/schemas/score.js';
import { t } from '../../i18n/index.js';
import { detectorName } from '../../labels/detectors.js';
import { reasonPointsLabel } from '../../labels/quantities.js';
import { API, routeQuery } from '../../lib/api.js';
import { featureLabel } from '../../lib/feature-label.js';
import { formatClock, formatFeatureValue, pointsText } from '../../lib/format.js';
import { placeLabel } from '../../lib/geo.js';
import { eventDetail } from './RecentEvents.js';
import type { RecentEvent } from './useHost.js';

/**
 * A reason's example as a line: the event itself, from the host's recent events or read back from its stream
 * (`fetched`), else its id.
 */
export function exampleLine(
  ref: string,
  recent: readonly RecentEvent[],
  fetched: ReadonlyMap<string, RecentEvent | null> = new Map(),
): string {
  const ev = recent.find((e) => e.ref === ref || e.event_id === ref) ?? fetched.get(ref);
  if (ev === undefined) return t('host.exampleLoading', { ref });
  if (ev === null) return t('host.exampleGone', { ref });
  const time = typeof ev.ts === 'number' ? `${formatClock(ev.ts)} ` : '';
  return `${time}${String(ev.kind ?? '')} ${eventDetail(ev)}`.trim();
}

/**
 * Opened, it reads back its examples once (a recent event the host keeps is shown from there meanwhile). It asks for
 * all of them, not only those missing from the recent events: those change every second on a live page, and a
 * question that changed every second was answered too late to be shown on a busy server.
 */
function Examples({ refs, recent }: { refs: readonly string[]; recent: readonly RecentEvent[] }) {
  const [open, setOpen] = useState(false);
  const query = useQuery({
    ...routeQuery(API.events, { query: { ref: [...refs] } }),
    enabled: open && refs.length > 0,
    staleTime: Infinity,
    // while a new set is read, the events read before stay shown
    placeholderData: keepPreviousData,
  });
  const failed = query.isError;
  const fetched = useMemo((): ReadonlyMap<string, RecentEvent | null> => {
    if (query.data) return new Map(query.data.events.map((x) => [x.ref, x.event] as const));
    return new Map(failed ? refs.map((r) => [r, null] as const) : []);
  }, [query.data, failed, refs]);
  if (refs.length === 0) return <>—</>;
  const onToggle = (e: { currentTarget: HTMLDetailsElement }) => setOpen(e.currentTarget.open);
  return (
    <details className="examples" onToggle={onToggle}>
      <summary>{t('host.examples', { count: refs.length })}</summary>
      <ul>
        {refs.map((ref) => (
          <li key={ref} className="mono">
            {exampleLine(ref, recent, fetched)}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ReasonsTable({
  reasons,
  scoreNow,
  recent = [],
}: {
  reasons: readonly Reason[];
  /** The host's score now: points its reasons added when they were found say "was" once it has faded below them. */
  scoreNow?: number;
  /** The host's recent events, where the examples are looked up. */
  recent?: readonly RecentEvent[];
}) {
  if (reasons.length === 0) return <p className="empty">{t('host.noReasons')}</p>;
  const sorted = [...reasons].sort((a, b) => b.contribution - a.contribution);
  return (
    <table className="table reasons">
      <thead>
        <tr>
          <th scope="col">{t('col.detector')}</th>
          <th scope="col">{t('col.feature')}</th>
          <th scope="col" className="num">
            {t('col.observed')}
          </th>
          <th scope="col" className="num">
            {t('col.expected')}
          </th>
          <th scope="col" className="num">
            {t('col.band')}
          </th>
          <th scope="col" className="num">
            {reasonPointsLabel()}
          </th>
          <th scope="col">{t('col.examples')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={`${r.detector}/${r.feature}/${r.observed}/${r.contribution}`}>
            <td>{detectorName(r.detector)}</td>
            <td>
              {featureLabel(r.detector, r.feature)}
              {r.geo ? (
                <span className="reason__place" data-testid="reason-place">
                  {placeLabel(r.geo)}
                </span>
              ) : null}
            </td>
            <td className="num">{formatFeatureValue(r.detector, r.feature, r.observed)}</td>
            <td className="num">{formatFeatureValue(r.detector, r.feature, r.expected)}</td>
            <td className="num">
              {r.band
                ? `${formatFeatureValue(r.detector, r.feature, r.band[0])} – ${formatFeatureValue(r.detector, r.feature, r.band[1])}`
                : '—'}
            </td>
            <td className="num strong">{pointsText(r, scoreNow)}</td>
            <td className="wrap">
              <Examples refs={r.examples ?? []} recent={recent} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
