/** @module Your own sessions: where you are signed in, each ended with a click, or all but this one at once. */
import { useState } from 'react';
import { Panel } from '../../components/Panel.js';
import { formatDateTime } from '../../lib/format.js';
import { errorText } from '../admin/admin-api.js';
import { SessionFrom, signedInWith } from '../admin/SessionCells.js';
import { useLoad } from '../admin/useLoad.js';
import { accountApi } from './account-api.js';

export function MySessionsPanel() {
  const sessions = useLoad(accountApi.sessions, 'your sessions');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setStatus(done);
      setError(null);
      sessions.reload();
    } catch (e) {
      setError(errorText(e, 'Could not end the session.'));
    }
  };
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Panel
      title="Your sessions"
      className="admin__panel"
      actions={
        <button
          type="button"
          className="btn btn--small"
          disabled={others === 0}
          onClick={() => void run(accountApi.endOthers, 'Your other sessions were ended.')}
        >
          End all other sessions
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
          <caption className="visually-hidden">Your sessions</caption>
          <thead>
            <tr>
              <th scope="col">Signed in (UTC)</th>
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
                  {formatDateTime(s.createdAt)}
                  <div className="muted">{signedInWith(s)}</div>
                </td>
                <SessionFrom session={s} />
                <td>{formatDateTime(s.lastSeenAt)}</td>
                <td>
                  {s.current ? (
                    <span className="muted">this session</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn--small"
                      aria-label={`End the session from ${s.address}`}
                      onClick={() => void run(() => accountApi.endSession(s.id), 'The session was ended.')}
                    >
                      End
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
