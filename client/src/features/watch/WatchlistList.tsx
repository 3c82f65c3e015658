/** @module The watchlist: what is watched, why, by whom, until when; leads remove entries and add new ones. */
import { useState } from 'react';
import { useMe } from '../../hooks/useMe.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { API, call } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { useRefreshWatchlist, useWatchlist } from './useWatchlist.js';
import { WatchForm } from './WatchForm.js';

export function WatchlistList() {
  const entries = useWatchlist();
  const { canWatch } = useMe();
  const refresh = useRefreshWatchlist();
  const [error, setError] = useState('');
  const remove = async (id: string) => {
    try {
      await call(API.removeWatch, { params: { id } });
      await refresh();
    } catch (err) {
      setError(errorText(err, t('watch.removeFailed')));
    }
  };
  return (
    <div className="watchlist">
      <h3 className="detail__sub">{t('watch.watchlist')}</h3>
      {entries.length === 0 ? <p className="empty">{t('watch.nothing')}</p> : null}
      <ul className="watchlist__items" aria-label={t('watch.watchlistLabel')}>
        {entries.map((e) => (
          <li key={e.id} className="watchlist__item">
            <span className="mono wrap">{e.value}</span>{' '}
            <span className="muted">{t(`watch.kinds.${e.kind}`)}</span>{' '}
            <span className="wrap">{e.reason}</span>{' '}
            <span className="muted">
              {t('watch.byUntil', { author: e.author, until: formatDateTime(e.expiresAt) })}
            </span>
            {canWatch ? (
              <button type="button" className="btn btn--small" onClick={() => void remove(e.id)}>
                {t('watch.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="dialog__error" role="alert">
        {error}
      </div>
      {canWatch ? <WatchForm /> : null}
    </div>
  );
}
