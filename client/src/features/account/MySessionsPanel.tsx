/** @module Your own sessions: where you are signed in, each ended with a click, or all but this one at once. */
import { useState } from 'react';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { errorText } from '../admin/admin-api.js';
import { SessionFrom, signedInWith } from '../admin/SessionCells.js';
import { useLoad } from '../admin/useLoad.js';
import { accountApi } from './account-api.js';

export function MySessionsPanel() {
  const sessions = useLoad(accountApi.sessions, 'mySessions');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setStatus(done);
      setError(null);
      sessions.reload();
    } catch (e) {
      setError(errorText(e, t('account.notEnded')));
    }
  };
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Panel
      title={t('account.sessions')}
      className="admin__panel admin__panel--wide"
      actions={
        <button
          type="button"
          className="btn btn--small"
          disabled={others === 0}
          onClick={() => void run(accountApi.endOthers, t('account.othersEnded'))}
        >
          {t('account.endOthers')}
        </button>
      }
    >
      {sessions.error ? (
        <p className="error" role="alert">
          {sessions.error}
        </p>
      ) : null}
      {sessions.data ? (
        <table className="table admin__table">
          <caption className="visually-hidden">{t('account.sessions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.signedIn')}</th>
              <th scope="col">{t('account.from')}</th>
              <th scope="col">{t('account.lastSeen')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('account.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.id}>
                <td className="wrap">
                  {formatDateTime(s.createdAt)}
                  <div className="muted">{signedInWith(s)}</div>
                </td>
                <SessionFrom session={s} />
                <td>{formatDateTime(s.lastSeenAt)}</td>
                <td>
                  {s.current ? (
                    <span className="muted">{t('account.thisSession')}</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn--small"
                      aria-label={t('account.endFrom', { address: s.address })}
                      onClick={() => void run(() => accountApi.endSession(s.id), t('account.ended'))}
                    >
                      {t('account.end')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div role="status" className="flash">
        {status}
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
    </Panel>
  );
}
