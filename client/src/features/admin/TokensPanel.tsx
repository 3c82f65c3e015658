/**
 * @module Admin: display tokens for wall screens — list, create (label, segments), revoke. The wall URL carries
 * the secret and is shown once, right after creation, with a copy button.
 */
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { Panel } from '../../components/Panel.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { formatDateTime } from '../../lib/format.js';
import { adminApi, type CreatedToken, errorText } from './admin-api.js';
import { ConfirmButton, RowActionMessages, useRowAction } from './RowActions.js';
import { useLoad } from './useLoad.js';

export function TokensPanel() {
  const tokens = useLoad(adminApi.tokens, 'the display tokens');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const row = useRowAction(tokens.reload);
  const revoke = (id: string, label: string) =>
    row.run(
      () => adminApi.revokeToken(id),
      `“${label}” revoked; its screens were disconnected.`,
      'Could not revoke the token.',
    );

  return (
    <Panel
      title="Display tokens"
      className="admin__panel"
      actions={<span className="panel__caption">wall screens, no login</span>}
    >
      {tokens.error ? (
        <p className="error" role="alert">
          {tokens.error}
        </p>
      ) : null}
      {created ? <CreatedUrl created={created} onDone={() => setCreated(null)} /> : null}
      {tokens.data && tokens.data.length === 0 ? <p className="empty">No display tokens.</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <table className="table admin__table">
          <caption className="visually-hidden">Display tokens</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Segments</th>
              <th scope="col">Created (UTC)</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <td className="wrap">
                  <strong>{t.label}</strong>
                  <div className="muted mono admin__id">{t.id}</div>
                </td>
                <td className="wrap">
                  {t.segments.length ? t.segments.join(', ') : <span className="muted">all</span>}
                </td>
                <td>
                  {formatDateTime(t.createdAt)}
                  {t.createdBy ? <div className="muted">by {t.createdBy}</div> : null}
                </td>
                <td>
                  <ConfirmButton
                    id={t.id}
                    row={row}
                    verb="Revoke"
                    label={`Revoke ${t.label}`}
                    onConfirm={() => void revoke(t.id, t.label)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <RowActionMessages row={row} />
      <CreateTokenForm
        onCreated={(c) => {
          setCreated(c);
          row.clearStatus();
          tokens.reload();
        }}
      />
    </Panel>
  );
}

function CreateTokenForm({ onCreated }: { onCreated(c: CreatedToken): void }) {
  const live = useLiveSelector((s) => s.segments);
  const known = useMemo(() => [...new Set(live.map((s) => s.segment))].sort(), [live]);
  const [label, setLabel] = useState('');
  const [segments, setSegments] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onCreated(await adminApi.createToken(label.trim(), segments));
      setLabel('');
      setSegments([]);
      setError(null);
    } catch (err) {
      setError(errorText(err, 'Could not create the token.'));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (s: string) =>
    setSegments((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s].sort()));
  return (
    <form className="admin__form" onSubmit={submit} aria-labelledby="new-token-title">
      <h3 id="new-token-title" className="admin__subtitle">
        New display token
      </h3>
      <label className="field">
        <span className="field__label">Label (where the screen is)</span>
        <input
          className="field__input"
          name="token-label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          required
          maxLength={80}
          placeholder="Ops room, left wall"
        />
      </label>
      <fieldset className="admin__segments">
        <legend className="field__label">Segments shown (none ticked: all segments)</legend>
        {known.length === 0 ? <p className="muted">No segments reporting yet.</p> : null}
        {known.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={segments.includes(s)}
              onChange={() => toggle(s)}
              name="token-segment"
              value={s}
            />
            <span>{s}</span>
          </label>
        ))}
      </fieldset>
      <div className="admin__row">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Create token
        </button>
        <span className="muted">{segments.length ? `${segments.length} segment(s)` : 'all segments'}</span>
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
    </form>
  );
}

function CreatedUrl({ created, onDone }: { created: CreatedToken; onDone(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied('Copied to the clipboard.');
    } catch {
      // No clipboard (plain http away from localhost): select it for Ctrl+C.
      input.current?.select();
      setCopied('Selected: press Ctrl+C to copy.');
    }
  };
  return (
    <section className="admin__created" aria-labelledby="created-title">
      <h3 id="created-title" className="admin__subtitle">
        Wall URL for “{created.token.label}” — shown only once
      </h3>
      <p className="muted">
        Open it on the wall screen. Anyone with this URL sees the wall until the token is revoked.
      </p>
      <div className="admin__row">
        <label className="visually-hidden" htmlFor="wall-url">
          Wall URL
        </label>
        <input
          id="wall-url"
          ref={input}
          className="field__input mono admin__url"
          readOnly
          value={created.url}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="btn btn--primary" onClick={() => void copy()}>
          Copy URL
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
