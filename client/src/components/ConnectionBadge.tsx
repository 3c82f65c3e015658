/** @module Says whether the screen is live and how old its newest data is. Never claims live when it is not. */
import { useTranslation } from 'react-i18next';
import { formatAge } from '../lib/format.js';
import type { ConnectionView } from '../state/connection-status.js';

export function ConnectionBadge({ view }: { view: ConnectionView }) {
  const { t } = useTranslation();
  const age =
    view.ageMs === null
      ? t('connection.noData')
      : view.eventAgeMs === null
        ? t('connection.noEvents', { age: formatAge(view.ageMs) })
        : t('connection.dataAge', { age: formatAge(view.ageMs) });
  return (
    <output
      className={`conn conn--${view.status}`}
      aria-live="polite"
      title={view.why ? t(`connection.why.${view.why}`) : t('connection.receiving')}
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__label">{t(`connection.${view.status}`)}</span>
      <span className="conn__age">{age}</span>
    </output>
  );
}

/**
 * Under the header while the screen is not live: why, in words (the badge's own hover title is not enough for a
 * screen read at a glance). Nothing while live or while the first snapshot is awaited.
 */
export function ConnectionNotice({ view }: { view: ConnectionView }) {
  const { t } = useTranslation();
  if (view.status === 'live' || view.status === 'connecting' || !view.why) return null;
  return (
    <p className={`connnotice connnotice--${view.status}`} role="status" data-testid="connection-notice">
      {t('connection.notice', {
        status: t(`connection.${view.status}`),
        why: t(`connection.why.${view.why}`),
      })}
    </p>
  );
}
