/** @module Says whether the screen is live and how old its newest data is. Never claims live when it is not. */
import { formatAge } from '../lib/format.js';
import type { ConnectionView } from '../state/connection-status.js';

const LABELS: Record<ConnectionView['status'], string> = {
  live: 'LIVE',
  stale: 'STALE',
  reconnecting: 'RECONNECTING',
  connecting: 'CONNECTING',
  offline: 'OFFLINE',
};

export function ConnectionBadge({ view }: { view: ConnectionView }) {
  const age =
    view.ageMs === null
      ? 'no data yet'
      : view.eventAgeMs === null
        ? `no events yet · update ${formatAge(view.ageMs)} ago`
        : `data ${formatAge(view.ageMs)} old`;
  return (
    <output
      className={`conn conn--${view.status}`}
      aria-live="polite"
      title={view.why ?? 'Receiving a frame every tick'}
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__label">{LABELS[view.status]}</span>
      <span className="conn__age">{age}</span>
    </output>
  );
}
