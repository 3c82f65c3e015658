/** @module Admin: alert thresholds (raise / clear with hold times) and webhook URLs; errors shown per field. */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { API, routeKey } from '../../lib/api.js';
import { adminApi, errorText } from './admin-api.js';
import {
  type DraftErrors,
  hookProblem,
  type SettingsDraft,
  toDraft,
  validateDraft,
} from './settings-form.js';
import { useLoad } from './useLoad.js';

/** Each field's words are `settings.<key>.label|unit|hint` in the catalogues. */
const FIELDS = ['raise', 'raiseHoldS', 'clear', 'clearHoldS', 'watchRaise'] as const;

export function SettingsPanel() {
  const loaded = useLoad(adminApi.settings, 'settings');
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
      setStatus(t('account.saved'));
      queryClient.setQueryData(['admin', 'settings'], saved);
      // the screens draw the thresholds the server now applies
      void queryClient.invalidateQueries({ queryKey: routeKey(API.alerting) });
    } catch (err) {
      setErrors({ form: errorText(err, t('settings.saveFailed')) });
    }
  };

  const addHook = () => {
    const u = newHook.trim();
    if (!draft || !u) return;
    const problem = hookProblem(u);
    if (problem) {
      setErrors((x) => ({ ...x, webhooks: problem }));
      return;
    }
    set({ webhooks: [...draft.webhooks.filter((w) => w !== u), u] });
    setErrors((x) => ({ ...x, webhooks: undefined }));
    setNewHook('');
  };

  return (
    <Panel title={t('admin.settings')} className="admin__panel">
      {loaded.error ? (
        <p className="error" role="alert">
          {loaded.error}
        </p>
      ) : null}
      {draft ? (
        <form className="admin__form" onSubmit={save} noValidate>
          <div className="admin__grid4">
            {FIELDS.map((key) => (
              <label key={key} className="field">
                <span className="field__label">
                  {t(`settings.${key}.label`)} <span className="muted">({t(`settings.${key}.unit`)})</span>
                </span>
                <input
                  className={`field__input ${errors[key] ? 'field__input--bad' : ''}`}
                  name={key}
                  inputMode="decimal"
                  value={draft[key]}
                  onChange={(e) => set({ [key]: e.target.value })}
                  aria-invalid={errors[key] ? true : undefined}
                  aria-describedby={`${key}-hint ${key}-error`}
                />
                <span id={`${key}-hint`} className="muted admin__hint">
                  {t(`settings.${key}.hint`)}
                </span>
                <span id={`${key}-error`} className="error-text">
                  {errors[key]}
                </span>
              </label>
            ))}
          </div>
          <fieldset className="admin__hooks">
            <legend className="field__label">{t('settings.webhooks')}</legend>
            {draft.webhooks.length === 0 ? <p className="muted">{t('settings.noWebhooks')}</p> : null}
            <ul className="admin__list">
              {draft.webhooks.map((w) => (
                <li key={w}>
                  <span className="mono wrap">{w}</span>
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() => set({ webhooks: draft.webhooks.filter((x) => x !== w) })}
                    aria-label={t('settings.removeWebhook', { url: w })}
                  >
                    {t('account.remove')}
                  </button>
                </li>
              ))}
            </ul>
            <div className="admin__row">
              <label className="visually-hidden" htmlFor="new-webhook">
                {t('settings.newWebhook')}
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
                {t('settings.addWebhook')}
              </button>
            </div>
            <span className="error-text" role="alert">
              {errors.webhooks}
            </span>
          </fieldset>
          <div className="admin__row">
            <button type="submit" className="btn btn--primary">
              {t('settings.save')}
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
        <p className="empty">{t('app.loading')}</p>
      ) : null}
    </Panel>
  );
}
