/**
 * @module Admin: display tokens for wall screens — list, create (label, segments), revoke. The wall URL carries
 * the secret and is shown once, right after creation, with a copy button.
 */
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { asLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../../../shared/locale.js';
import { DateTime } from '../../components/DateTime.js';
import { Panel } from '../../components/Panel.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { tokenLabel, tokenMaker } from '../../labels/tokens.js';
import { adminApi, type CreatedToken, errorText } from './admin-api.js';
import { ConfirmButton, RowActionMessages, useRowAction } from './RowActions.js';
import { useLoad } from './useLoad.js';

export function TokensPanel() {
  const tokens = useLoad(adminApi.tokens, 'displayTokens');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const row = useRowAction(tokens.reload);
  const revoke = (id: string, label: string) =>
    row.run(() => adminApi.revokeToken(id), t('tokens.revoked', { label }), t('tokens.revokeFailed'));

  return (
    <Panel
      title={t('admin.tokens')}
      className="admin__panel"
      actions={<span className="panel__caption">{t('tokens.caption')}</span>}
    >
      {tokens.error ? (
        <p className="error" role="alert">
          {tokens.error}
        </p>
      ) : null}
      {created ? <CreatedUrl created={created} onDone={() => setCreated(null)} /> : null}
      {tokens.data && tokens.data.length === 0 ? <p className="empty">{t('tokens.none')}</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <table className="table admin__table">
          <caption className="visually-hidden">{t('admin.tokens')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tokens.label')}</th>
              <th scope="col">{t('overview.segments')}</th>
              <th scope="col">{t('account.language')}</th>
              <th scope="col">{t('users.created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('account.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((tk) => (
              <tr key={tk.id}>
                <td className="wrap tokens__label">
                  <strong>{tokenLabel(tk)}</strong>
                  <div className="muted mono admin__id">{tk.id}</div>
                </td>
                <td className="wrap">
                  {tk.segments.length ? (
                    tk.segments.join(', ')
                  ) : (
                    <span className="muted">{t('tokens.all')}</span>
                  )}
                </td>
                <td>
                  {tk.locale ? LOCALE_NAMES[tk.locale] : <span className="muted">{t('tokens.browser')}</span>}
                </td>
                <td>
                  <DateTime at={tk.createdAt} />
                  {tk.createdBy ? <div className="muted">{tokenMaker(tk.createdBy)}</div> : null}
                </td>
                <td>
                  <ConfirmButton
                    id={tk.id}
                    row={row}
                    verb={t('tokens.revoke')}
                    label={t('tokens.revokeLabel', { label: tokenLabel(tk) })}
                    onConfirm={() => void revoke(tk.id, tokenLabel(tk))}
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
  const [locale, setLocale] = useState<Locale | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onCreated(await adminApi.createToken(label.trim(), segments, locale || undefined));
      setLabel('');
      setSegments([]);
      setLocale('');
      setError(null);
    } catch (err) {
      setError(errorText(err, t('tokens.createFailed')));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (s: string) =>
    setSegments((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s].sort()));
  return (
    <form
      className="admin__form"
      onSubmit={submit}
      onInput={() => setError(null)}
      aria-labelledby="new-token-title"
    >
      <h3 id="new-token-title" className="admin__subtitle">
        {t('tokens.new')}
      </h3>
      <label className="field">
        <span className="field__label">{t('tokens.labelField')}</span>
        <input
          className="field__input"
          name="token-label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          required
          maxLength={80}
          placeholder={t('tokens.placeholder')}
        />
      </label>
      <fieldset className="admin__segments">
        <legend className="field__label">{t('tokens.segmentsShown')}</legend>
        {known.length === 0 ? <p className="muted">{t('strip.none')}</p> : null}
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
      <label className="field">
        <span className="field__label">{t('tokens.languageField')}</span>
        <select
          className="field__input"
          name="token-locale"
          value={locale}
          onChange={(e) => setLocale(asLocale(e.target.value) ?? '')}
        >
          <option value="">{t('tokens.browser')}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <div className="admin__row">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('tokens.create')}
        </button>
        <span className="muted">
          {segments.length ? t('tokens.segmentCount', { count: segments.length }) : t('tokens.allSegments')}
        </span>
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
      setCopied(t('tokens.copied'));
    } catch {
      // No clipboard (plain http away from localhost): select it for Ctrl+C.
      input.current?.select();
      setCopied(t('tokens.selected'));
    }
  };
  return (
    <section className="admin__created" aria-labelledby="created-title">
      <h3 id="created-title" className="admin__subtitle">
        {t('tokens.urlTitle', { label: created.token.label })}
      </h3>
      <p className="muted">{t('tokens.urlHelp')}</p>
      <div className="admin__row">
        <label className="visually-hidden" htmlFor="wall-url">
          {t('tokens.url')}
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
          {t('tokens.copyUrl')}
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
