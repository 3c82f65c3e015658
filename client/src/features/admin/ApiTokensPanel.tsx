/**
 * @module Admin: API tokens for automation — list (role, expiry, last use), create (name, role, lifetime), revoke.
 * The token is shown once, right after creation, with a copy button and the header to send it in.
 */
import { type FormEvent, useRef, useState } from 'react';
import { Panel } from '../../components/Panel.js';
import { formatDateTime } from '../../lib/format.js';
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
  const tokens = useLoad(adminApi.apiTokens, 'the API tokens');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const row = useRowAction(tokens.reload);
  const now = Date.now();
  const revoke = (id: string, name: string) =>
    row.run(
      () => adminApi.revokeApiToken(id),
      `“${name}” revoked; it is refused from its next request on.`,
      'Could not revoke the token.',
    );

  return (
    <Panel
      title="API tokens"
      className="admin__panel"
      actions={<span className="panel__caption">automation, never admin</span>}
    >
      {tokens.error ? (
        <p className="error" role="alert">
          {tokens.error}
        </p>
      ) : null}
      {created ? <CreatedSecret created={created} onDone={() => setCreated(null)} /> : null}
      {tokens.data && tokens.data.length === 0 ? <p className="empty">No API tokens.</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <table className="table admin__table">
          <caption className="visually-hidden">API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Expires (UTC)</th>
              <th scope="col">Last used (UTC)</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <td className="wrap">
                  <strong>{t.name}</strong>
                  <div className="muted mono admin__id">{t.id}</div>
                  <div className="muted">by {t.createdBy}</div>
                </td>
                <td>{t.role}</td>
                <td>
                  {t.expiresAt === null ? <span className="muted">never</span> : formatDateTime(t.expiresAt)}
                  {t.expiresAt !== null && t.expiresAt <= now ? (
                    <div className="error-text">expired</div>
                  ) : null}
                </td>
                <td className="wrap">
                  {t.lastUsedAt === null ? (
                    <span className="muted">never</span>
                  ) : (
                    <>
                      {formatDateTime(t.lastUsedAt)}
                      <div className="muted mono">{t.lastUsedFrom}</div>
                    </>
                  )}
                </td>
                <td>
                  <ConfirmButton
                    id={t.id}
                    row={row}
                    verb="Revoke"
                    label={`Revoke ${t.name}`}
                    onConfirm={() => void revoke(t.id, t.name)}
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
      setError(errorText(err, 'Could not create the token.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin__form" onSubmit={submit} aria-labelledby="new-api-token-title">
      <h3 id="new-api-token-title" className="admin__subtitle">
        New API token
      </h3>
      <label className="field">
        <span className="field__label">Name (the audit trail shows token:name)</span>
        <input
          className="field__input"
          name="api-token-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          minLength={2}
          maxLength={64}
          pattern="[A-Za-z0-9._\-]+"
          placeholder="soar-playbook"
        />
      </label>
      <div className="admin__row">
        <label className="field">
          <span className="field__label">Role</span>
          <select
            className="field__input"
            name="api-token-role"
            value={role}
            onChange={(e) => setRole(e.target.value as ApiTokenRole)}
          >
            {API_TOKEN_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Expires after (days; empty: never)</span>
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
          Create API token
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
      setCopied('Copied to the clipboard.');
    } catch {
      // No clipboard (plain http away from localhost): select it for Ctrl+C.
      input.current?.select();
      setCopied('Selected: press Ctrl+C to copy.');
    }
  };
  return (
    <section className="admin__created" aria-labelledby="created-api-token-title">
      <h3 id="created-api-token-title" className="admin__subtitle">
        API token “{created.token.name}” — shown only once
      </h3>
      <p className="muted">
        Keep it in the program's secret store and send it as <code>Authorization: Bearer …</code>. It acts as
        a {created.token.role} until it is revoked{created.token.expiresAt === null ? '' : ' or expires'}.
      </p>
      <div className="admin__row">
        <label className="visually-hidden" htmlFor="api-token-secret">
          API token
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
          Copy token
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Done
        </button>
      </div>
      <div role="status" className="flash">
        {copied}
      </div>
    </section>
  );
}
