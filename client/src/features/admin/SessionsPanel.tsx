/**
 * @module Admin: every live session (user, how they signed in, address, browser, last seen), each one ended with a
 * click (its sockets close at once, on every instance), and the sign-in policy.
 */
import { Panel } from '../../components/Panel.js';
import { formatDateTime } from '../../lib/format.js';
import { adminApi } from './admin-api.js';
import { ConfirmButton, RowActionMessages, useRowAction } from './RowActions.js';
import { SessionFrom, signedInWith } from './SessionCells.js';
import { SignInPolicy } from './SignInPolicy.js';
import { useLoad } from './useLoad.js';

export function SessionsPanel() {
  const sessions = useLoad(adminApi.sessions, 'the sessions');
  const row = useRowAction(sessions.reload);
  const end = (id: string, username: string) =>
    row.run(
      () => adminApi.endSession(id),
      `A session of ${username} was ended; its screens were disconnected.`,
      'Could not end the session.',
    );

  return (
    <Panel
      title="Sessions"
      className="admin__panel"
      actions={
        <button type="button" className="btn btn--small" onClick={sessions.reload}>
          Refresh
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
          <caption className="visually-hidden">Live sessions</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Signed in</th>
              <th scope="col">From</th>
              <th scope="col">Last seen (UTC)</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.id}>
                <td className="wrap">
                  <strong>{s.username}</strong>
                  <div className="muted">{s.role}</div>
                  {s.current ? <div className="muted">this session</div> : null}
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
                    verb="End"
                    label={`End the session of ${s.username} from ${s.address}`}
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
