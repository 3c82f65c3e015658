/**
 * @module Admin: API tokens for automation — list (role, expiry, last use), create (name, role, lifetime), revoke.
 * The token is shown once, right after creation, with a copy button and the header to send it in.
 */
import { type FormEvent, useRef, useState } from 'react';
import { DateTime } from '../../components/DateTime.js';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { roleName } from '../../labels/roles.js';
import {
  API_TOKEN_MAX_DAYS,
  API_TOKEN_ROLES,
  type ApiTokenRole,
  adminApi,
  type CreatedApiToken,
  errorText,
} from './admin-api.js';
import { ConfirmButton, RowActionMessages, useRowAction } from './RowActions.js';
import { useLoad } from './useLoad.js';

export function ApiTokensPanel() {
  const tokens = useLoad(adminApi.apiTokens, 'apiTokens');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const row = useRowAction(tokens.reload);
  const now = Date.now();
  const revoke = (id: string, name: string) =>
    row.run(() => adminApi.revokeApiToken(id), t('apiTokens.revoked', { name }), t('tokens.revokeFailed'));

  return (
    <Panel
      title={t('admin.apiTokens')}
      className="admin__panel"
      actions={<span className="panel__caption">{t('apiTokens.caption')}</span>}
    >
      {tokens.error ? (
        <p className="error" role="alert">
          {tokens.error}
        </p>
      ) : null}
      {created ? <CreatedSecret created={created} onDone={() => setCreated(null)} /> : null}
      {tokens.data && tokens.data.length === 0 ? <p className="empty">{t('apiTokens.none')}</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <table className="table admin__table">
          <caption className="visually-hidden">{t('admin.apiTokens')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('apiTokens.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('apiTokens.expires')}</th>
              <th scope="col">{t('apiTokens.lastUsed')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('account.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((tk) => (
              <tr key={tk.id}>
                <td className="wrap">
                  <strong>{tk.name}</strong>
                  <div className="muted mono admin__id">{tk.id}</div>
                  <div className="muted">{t('tokens.by', { user: tk.createdBy })}</div>
                </td>
                <td>{roleName(tk.role)}</td>
                <td>
                  {tk.expiresAt === null ? (
                    <span className="muted">{t('apiTokens.never')}</span>
                  ) : (
                    <DateTime at={tk.expiresAt} />
                  )}
                  {tk.expiresAt !== null && tk.expiresAt <= now ? (
                    <div className="error-text">{t('handover.expired')}</div>
                  ) : null}
                </td>
                <td className="wrap">
                  {tk.lastUsedAt === null ? (
                    <span className="muted">{t('apiTokens.never')}</span>
                  ) : (
                    <>
                      <DateTime at={tk.lastUsedAt} />
                      <div className="muted mono">{tk.lastUsedFrom}</div>
                    </>
                  )}
                </td>
                <td>
                  <ConfirmButton
                    id={tk.id}
                    row={row}
                    verb={t('tokens.revoke')}
                    label={t('tokens.revokeLabel', { label: tk.name })}
                    onConfirm={() => void revoke(tk.id, tk.name)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <RowActionMessages row={row} />
      <CreateApiTokenForm
        onCreated={(c) => {
          setCreated(c);
          row.clearStatus();
          tokens.reload();
        }}
      />
    </Panel>
  );
}

function CreateApiTokenForm({ onCreated }: { onCreated(c: CreatedApiToken): void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiTokenRole>('lead');
  const [days, setDays] = useState('90');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const expiresInDays = days.trim() === '' ? undefined : Number(days);
      onCreated(await adminApi.createApiToken({ name: name.trim(), role, expiresInDays }));
      setName('');
      setError(null);
    } catch (err) {
      setError(errorText(err, t('tokens.createFailed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="admin__form"
      onSubmit={submit}
      onInput={() => setError(null)}
      aria-labelledby="new-api-token-title"
    >
      <h3 id="new-api-token-title" className="admin__subtitle">
        {t('apiTokens.new')}
      </h3>
      <label className="field">
        <span className="field__label">{t('apiTokens.nameField')}</span>
        <input
          className="field__input"
          name="api-token-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          minLength={2}
          maxLength={64}
          pattern="[A-Za-z0-9._\-]+"
          title={t('apiTokens.nameRule')}
          placeholder="soar-playbook"
        />
      </label>
      <div className="admin__row">
        <label className="field">
          <span className="field__label">{t('users.role')}</span>
          <select
            className="field__input"
            name="api-token-role"
            value={role}
            onChange={(e) => setRole(e.target.value as ApiTokenRole)}
          >
            {API_TOKEN_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('apiTokens.daysField')}</span>
          <input
            className="field__input"
            name="api-token-days"
            type="number"
            min={1}
            max={API_TOKEN_MAX_DAYS}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
      </div>
      <div className="admin__row">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('apiTokens.create')}
        </button>
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
    </form>
  );
}

function CreatedSecret({ created, onDone }: { created: CreatedApiToken; onDone(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(t('tokens.copied'));
    } catch {
      // No clipboard (plain http away from localhost): select it for Ctrl+C.
      input.current?.select();
      setCopied(t('tokens.selected'));
    }
  };
  return (
    <section className="admin__created" aria-labelledby="created-api-token-title">
      <h3 id="created-api-token-title" className="admin__subtitle">
        {t('apiTokens.createdTitle', { name: created.token.name })}
      </h3>
      <p className="muted">
        {t('apiTokens.keepIt')} <code>Authorization: Bearer …</code>.{' '}
        {t(created.token.expiresAt === null ? 'apiTokens.actsAs' : 'apiTokens.actsAsExpiring', {
          role: roleName(created.token.role),
        })}
      </p>
      <div className="admin__row">
        <label className="visually-hidden" htmlFor="api-token-secret">
          {t('apiTokens.token')}
        </label>
        <input
          id="api-token-secret"
          ref={input}
          className="field__input mono admin__url"
          readOnly
          value={created.secret}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="btn btn--primary" onClick={() => void copy()}>
          {t('apiTokens.copy')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </div>
      <div role="status" className="flash">
        {copied}
      </div>
    </section>
  );
}
