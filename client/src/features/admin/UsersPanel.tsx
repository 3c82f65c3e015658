/** @module Admin: user accounts — list, add, disable / enable, reset password. */
import { type FormEvent, useState } from 'react';
import { LOCALE_NAMES } from '../../../../shared/locale.js';
import { ROLES, type Role, roleSchema } from '../../../../shared/roles.js';
import { Dialog } from '../../components/Dialog.js';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { roleName } from '../../labels/roles.js';
import { formatDateTime } from '../../lib/format.js';
import { adminApi, errorText, type User } from './admin-api.js';
import { useLoad } from './useLoad.js';

export function UsersPanel({ me }: { me: string }) {
  const users = useLoad(adminApi.users, 'users');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resetFor, setResetFor] = useState<string | null>(null);
  const [totpFor, setTotpFor] = useState<string | null>(null);

  const resetTotp = async (username: string) => {
    try {
      const { endedSessions } = await adminApi.resetTotp(username);
      setTotpFor(null);
      setStatus(t('users.totpReset', { user: username, count: endedSessions }));
      setError(null);
    } catch (e) {
      setError(errorText(e, t('users.totpResetFailed')));
    }
  };

  const toggle = async (u: User) => {
    try {
      await adminApi.setDisabled(u.username, !u.disabled);
      setStatus(t(u.disabled ? 'users.enabled' : 'users.disabled', { user: u.username }));
      setError(null);
      users.reload();
    } catch (e) {
      setError(errorText(e, t('users.changeFailed')));
    }
  };

  return (
    <Panel
      title={t('admin.users')}
      className="admin__panel"
      actions={
        <span className="panel__caption">{t('users.accounts', { count: users.data?.length ?? 0 })}</span>
      }
    >
      {users.error ? (
        <p className="error" role="alert">
          {users.error}
        </p>
      ) : null}
      {users.data ? (
        <table className="table admin__table">
          <caption className="visually-hidden">{t('users.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.user')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('col.status')}</th>
              <th scope="col">{t('account.language')}</th>
              <th scope="col">{t('users.created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('account.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.username} className={u.disabled ? 'row--disabled' : ''}>
                <td className="wrap mono">
                  {u.username}
                  {u.username === me ? <span className="muted"> {t('users.you')}</span> : null}
                </td>
                <td>{roleName(u.role)}</td>
                <td>
                  {u.disabled ? (
                    <span className="tag tag--bad">■ {t('users.disabledTag')}</span>
                  ) : (
                    <span className="tag tag--ok">● {t('users.activeTag')}</span>
                  )}
                </td>
                <td>
                  {u.locale ? LOCALE_NAMES[u.locale] : <span className="muted">{t('users.browser')}</span>}
                </td>
                <td>{u.createdAt ? formatDateTime(u.createdAt) : '—'}</td>
                <td>
                  <div className="admin__actions">
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => void toggle(u)}
                      disabled={u.username === me}
                      title={u.username === me ? t('users.notSelf') : undefined}
                      aria-label={t(u.disabled ? 'users.enableUser' : 'users.disableUser', {
                        user: u.username,
                      })}
                    >
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => setResetFor(u.username)}
                      aria-label={t('users.resetPasswordOf', { user: u.username })}
                    >
                      {t('users.resetPassword')}
                    </button>
                    {totpFor === u.username ? (
                      <button
                        type="button"
                        className="btn btn--small btn--danger"
                        onClick={() => void resetTotp(u.username)}
                      >
                        {t('users.confirmTotpReset')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn btn--small"
                        onClick={() => setTotpFor(u.username)}
                        aria-label={t('users.resetTotpOf', { user: u.username })}
                      >
                        {t('users.resetTotp')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : users.loading ? (
        <p className="empty">{t('app.loading')}</p>
      ) : null}
      <div role="status" className="flash">
        {status}
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
      <AddUserForm
        onAdded={(u) => {
          setStatus(t('users.added', { user: u.username, role: roleName(u.role) }));
          users.reload();
        }}
      />
      <ResetPasswordDialog
        username={resetFor}
        onClose={() => setResetFor(null)}
        onDone={(name) => {
          setResetFor(null);
          setStatus(t('users.passwordReset', { user: name }));
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
      setError(errorText(err, t('users.addFailed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="admin__form"
      onSubmit={submit}
      onInput={() => setError(null)}
      aria-labelledby="add-user-title"
    >
      <h3 id="add-user-title" className="admin__subtitle">
        {t('users.add')}
      </h3>
      <div className="admin__row">
        <label className="field">
          <span className="field__label">{t('login.username')}</span>
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
          <span className="field__label">{t('users.role')}</span>
          <select
            className="field__input"
            name="new-role"
            value={role}
            onChange={(e) => setRole(roleSchema.catch('operator').parse(e.target.value))}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
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
          {t('users.addButton')}
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
      setError(errorText(err, t('users.passwordFailed')));
    }
  };
  return (
    <Dialog
      title={t('users.resetPasswordOf', { user: username ?? '' })}
      open={username !== null}
      onClose={() => {
        setPassword('');
        setError(null);
        onClose();
      }}
    >
      <form className="dialog__form" onSubmit={submit} onInput={() => setError(null)}>
        <p className="dialog__target">{t('users.resetHelp')}</p>
        <label className="field">
          <span className="field__label">{t('users.newPassword')}</span>
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
            {t('users.setPassword')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('action.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
