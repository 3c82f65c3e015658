/**
 * @module Admin: every live session (user, how they signed in, address, browser, last seen), each one ended with a
 * click (its sockets close at once, on every instance), and the sign-in policy.
 */
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { roleName } from '../../labels/roles.js';
import { formatDateTime } from '../../lib/format.js';
import { adminApi } from './admin-api.js';
import { ConfirmButton, RowActionMessages, useRowAction } from './RowActions.js';
import { SessionFrom, signedInWith } from './SessionCells.js';
import { SignInPolicy } from './SignInPolicy.js';
import { useLoad } from './useLoad.js';

export function SessionsPanel() {
  const sessions = useLoad(adminApi.sessions, 'sessions');
  const row = useRowAction(sessions.reload);
  const end = (id: string, username: string) =>
    row.run(() => adminApi.endSession(id), t('sessions.ended', { user: username }), t('account.notEnded'));

  return (
    <Panel
      title={t('admin.sessions')}
      className="admin__panel"
      actions={
        <button type="button" className="btn btn--small" onClick={sessions.reload}>
          {t('admin.refresh')}
        </button>
      }
    >
      {sessions.error ? (
        <p className="error" role="alert">
          {sessions.error}
        </p>
      ) : null}
      {sessions.data && sessions.data.length > 0 ? (
        <table className="table admin__table">
          <caption className="visually-hidden">{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.user')}</th>
              <th scope="col">{t('sessions.signedIn')}</th>
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
                  <strong>{s.username}</strong>
                  <div className="muted">{roleName(s.role)}</div>
                  {s.current ? <div className="muted">{t('account.thisSession')}</div> : null}
                </td>
                <td className="wrap">
                  {signedInWith(s)}
                  <div className="muted">{formatDateTime(s.createdAt)}</div>
                </td>
                <SessionFrom session={s} />
                <td>{formatDateTime(s.lastSeenAt)}</td>
                <td>
                  <ConfirmButton
                    id={s.id}
                    row={row}
                    verb={t('account.end')}
                    label={t('sessions.endOf', { user: s.username, address: s.address })}
                    onConfirm={() => void end(s.id, s.username)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <RowActionMessages row={row} />
      <SignInPolicy />
    </Panel>
  );
}
