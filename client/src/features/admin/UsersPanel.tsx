/** @module Admin: user accounts — list, add, disable / enable, reset password. */
import { type FormEvent, useState } from 'react';
import { ROLES, type Role, roleSchema } from '../../../../shared/roles.js';
import { Dialog } from '../../components/Dialog.js';
import { Panel } from '../../components/Panel.js';
import { formatDateTime } from '../../lib/format.js';
import { adminApi, errorText, type User } from './admin-api.js';
import { useLoad } from './useLoad.js';

export function UsersPanel({ me }: { me: string }) {
  const users = useLoad(adminApi.users, 'the users');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resetFor, setResetFor] = useState<string | null>(null);
  const [totpFor, setTotpFor] = useState<string | null>(null);

  const resetTotp = async (username: string) => {
    try {
      const { endedSessions } = await adminApi.resetTotp(username);
      setTotpFor(null);
      setStatus(
        `The second factor of ${username} was reset; ${endedSessions} session(s) ended. They set it up again at their next sign-in.`,
      );
      setError(null);
    } catch (e) {
      setError(errorText(e, 'Could not reset the second factor.'));
    }
  };

  const toggle = async (u: User) => {
    try {
      await adminApi.setDisabled(u.username, !u.disabled);
      setStatus(`${u.username} ${u.disabled ? 'enabled' : 'disabled; their sessions have ended'}.`);
      setError(null);
      users.reload();
    } catch (e) {
      setError(errorText(e, 'Could not change the account.'));
    }
  };

  return (
    <Panel
      title="Users"
      className="admin__panel"
      actions={<span className="panel__caption">{users.data?.length ?? 0} accounts</span>}
    >
      {users.error ? (
        <p className="error" role="alert">
          {users.error}
        </p>
      ) : null}
      {users.data ? (
        <table className="table admin__table">
          <caption className="visually-hidden">User accounts</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Created (UTC)</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.username} className={u.disabled ? 'row--disabled' : ''}>
                <td className="wrap mono">
                  {u.username}
                  {u.username === me ? <span className="muted"> (you)</span> : null}
                </td>
                <td>{u.role}</td>
                <td>
                  {u.disabled ? (
                    <span className="tag tag--bad">■ DISABLED</span>
                  ) : (
                    <span className="tag tag--ok">● ACTIVE</span>
                  )}
                </td>
                <td>{u.createdAt ? formatDateTime(u.createdAt) : '—'}</td>
                <td>
                  <div className="admin__actions">
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => void toggle(u)}
                      disabled={u.username === me}
                      title={u.username === me ? 'You cannot disable your own account here' : undefined}
                      aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => setResetFor(u.username)}
                      aria-label={`Reset the password of ${u.username}`}
                    >
                      Reset password
                    </button>
                    {totpFor === u.username ? (
                      <button
                        type="button"
                        className="btn btn--small btn--danger"
                        onClick={() => void resetTotp(u.username)}
                      >
                        Confirm second-factor reset
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn btn--small"
                        onClick={() => setTotpFor(u.username)}
                        aria-label={`Reset the second factor of ${u.username}`}
                      >
                        Reset second factor
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : users.loading ? (
        <p className="empty">Loading…</p>
      ) : null}
      <div role="status" className="flash">
        {status}
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
      <AddUserForm
        onAdded={(u) => {
          setStatus(`${u.username} added as ${u.role}.`);
          users.reload();
        }}
      />
      <ResetPasswordDialog
        username={resetFor}
        onClose={() => setResetFor(null)}
        onDone={(name) => {
          setResetFor(null);
          setStatus(`Password of ${name} reset; their sessions have ended.`);
        }}
      />
    </Panel>
  );
}

function AddUserForm({ onAdded }: { onAdded(u: User): void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const u = await adminApi.addUser({ username: username.trim(), role, password });
      setUsername('');
      setPassword('');
      setError(null);
      onAdded(u);
    } catch (err) {
      setError(errorText(err, 'Could not add the user.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin__form" onSubmit={submit} aria-labelledby="add-user-title">
      <h3 id="add-user-title" className="admin__subtitle">
        Add a user
      </h3>
      <div className="admin__row">
        <label className="field">
          <span className="field__label">Username</span>
          <input
            className="field__input"
            name="new-username"
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            maxLength={64}
          />
        </label>
        <label className="field">
          <span className="field__label">Role</span>
          <select
            className="field__input"
            name="new-role"
            value={role}
            onChange={(e) => setRole(roleSchema.catch('operator').parse(e.target.value))}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            className="field__input"
            type="password"
            name="new-password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Add user
        </button>
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
    </form>
  );
}

function ResetPasswordDialog({
  username,
  onClose,
  onDone,
}: {
  username: string | null;
  onClose(): void;
  onDone(username: string): void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username) return;
    try {
      await adminApi.setPassword(username, password);
      setPassword('');
      setError(null);
      onDone(username);
    } catch (err) {
      setError(errorText(err, 'Could not reset the password.'));
    }
  };
  return (
    <Dialog
      title={`Reset the password of ${username ?? ''}`}
      open={username !== null}
      onClose={() => {
        setPassword('');
        setError(null);
        onClose();
      }}
    >
      <form className="dialog__form" onSubmit={submit}>
        <p className="dialog__target">
          Their sessions end at once; they sign in again with the new password.
        </p>
        <label className="field">
          <span className="field__label">New password</span>
          <input
            className="field__input"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoFocus
          />
        </label>
        <div role="alert" className="error-text">
          {error}
        </div>
        <div className="admin__row">
          <button type="submit" className="btn btn--primary">
            Set password
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
