/** @module Admin: alert thresholds (raise / clear with hold times) and webhook URLs; errors shown per field. */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Panel } from '../../components/Panel.js';
import { API, routeKey } from '../../lib/api.js';
import { adminApi, errorText } from './admin-api.js';
import { type DraftErrors, isHttpUrl, type SettingsDraft, toDraft, validateDraft } from './settings-form.js';
import { useLoad } from './useLoad.js';

const FIELDS: {
  key: 'raise' | 'raiseHoldS' | 'clear' | 'clearHoldS' | 'watchRaise';
  label: string;
  unit: string;
  hint: string;
}[] = [
  { key: 'raise', label: 'Raise threshold', unit: 'score', hint: 'An alert opens above this score.' },
  { key: 'raiseHoldS', label: 'Raise hold', unit: 's', hint: 'How long the score must stay above it.' },
  { key: 'clear', label: 'Clear threshold', unit: 'score', hint: 'The alert clears below this score.' },
  { key: 'clearHoldS', label: 'Clear hold', unit: 's', hint: 'How long the score must stay below it.' },
  {
    key: 'watchRaise',
    label: 'Watched raise threshold',
    unit: 'score',
    hint: 'Hosts, ranges and domains on the watchlist alert from this score.',
  },
];

export function SettingsPanel() {
  const loaded = useLoad(adminApi.settings, 'the settings');
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [newHook, setNewHook] = useState('');
  const queryClient = useQueryClient();

  useEffect(() => {
    if (loaded.data) setDraft(toDraft(loaded.data));
  }, [loaded.data]);

  const set = (patch: Partial<SettingsDraft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setStatus(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const { errors: errs, value } = validateDraft(draft);
    setErrors(errs);
    if (!value) return;
    try {
      const saved = await adminApi.saveSettings(value);
      setDraft(toDraft(saved));
      setStatus('Saved.');
      queryClient.setQueryData(['admin', 'the settings'], saved);
      // the screens draw the thresholds the server now applies
      void queryClient.invalidateQueries({ queryKey: routeKey(API.alerting) });
    } catch (err) {
      setErrors({ form: errorText(err, 'Could not save the settings.') });
    }
  };

  const addHook = () => {
    const u = newHook.trim();
    if (!draft || !u) return;
    if (!isHttpUrl(u)) {
      setErrors((x) => ({ ...x, webhooks: `Not an http(s) URL: ${u}` }));
      return;
    }
    set({ webhooks: [...draft.webhooks.filter((w) => w !== u), u] });
    setErrors((x) => ({ ...x, webhooks: undefined }));
    setNewHook('');
  };

  return (
    <Panel title="Alert settings" className="admin__panel">
      {loaded.error ? (
        <p className="error" role="alert">
          {loaded.error}
        </p>
      ) : null}
      {draft ? (
        <form className="admin__form" onSubmit={save} noValidate>
          <div className="admin__grid4">
            {FIELDS.map((f) => (
              <label key={f.key} className="field">
                <span className="field__label">
                  {f.label} <span className="muted">({f.unit})</span>
                </span>
                <input
                  className={`field__input ${errors[f.key] ? 'field__input--bad' : ''}`}
                  name={f.key}
                  inputMode="decimal"
                  value={draft[f.key]}
                  onChange={(e) => set({ [f.key]: e.target.value })}
                  aria-invalid={errors[f.key] ? true : undefined}
                  aria-describedby={`${f.key}-hint ${f.key}-error`}
                />
                <span id={`${f.key}-hint`} className="muted admin__hint">
                  {f.hint}
                </span>
                <span id={`${f.key}-error`} className="error-text">
                  {errors[f.key]}
                </span>
              </label>
            ))}
          </div>
          <fieldset className="admin__hooks">
            <legend className="field__label">Webhooks (new critical alerts and escalations)</legend>
            {draft.webhooks.length === 0 ? <p className="muted">No webhooks.</p> : null}
            <ul className="admin__list">
              {draft.webhooks.map((w) => (
                <li key={w}>
                  <span className="mono wrap">{w}</span>
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() => set({ webhooks: draft.webhooks.filter((x) => x !== w) })}
                    aria-label={`Remove webhook ${w}`}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <div className="admin__row">
              <label className="visually-hidden" htmlFor="new-webhook">
                New webhook URL
              </label>
              <input
                id="new-webhook"
                className="field__input admin__url"
                value={newHook}
                placeholder="https://chat.example.org/hooks/…"
                onChange={(e) => setNewHook(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addHook();
                  }
                }}
              />
              <button type="button" className="btn" onClick={addHook}>
                Add webhook
              </button>
            </div>
            <span className="error-text" role="alert">
              {errors.webhooks}
            </span>
          </fieldset>
          <div className="admin__row">
            <button type="submit" className="btn btn--primary">
              Save settings
            </button>
            <span role="status" className="flash">
              {status}
            </span>
          </div>
          <div role="alert" className="error-text">
            {errors.form}
          </div>
        </form>
      ) : loaded.loading ? (
        <p className="empty">Loading…</p>
      ) : null}
    </Panel>
  );
}
