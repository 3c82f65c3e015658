/** @module Your language for the screens: English, Lithuanian, or your browser's; stored on your user. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../../../shared/locale.js';
import { useAuth } from '../../app/AuthProvider.js';
import { Panel } from '../../components/Panel.js';
import { browserLocale } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { accountApi } from './account-api.js';

const BROWSER = 'browser';

export function LanguagePanel() {
  const { t } = useTranslation();
  const { auth, recheck } = useAuth();
  const current = auth.status === 'in' ? (auth.me.locale ?? BROWSER) : BROWSER;
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choose = async (value: string) => {
    try {
      await accountApi.setLocale(value === BROWSER ? null : (value as Locale));
      await recheck();
      setStatus(t('account.saved'));
      setError(null);
    } catch (e) {
      setError(errorText(e, t('account.notSaved')));
      setStatus(null);
    }
  };
  return (
    <Panel title={t('account.language')} className="admin__panel">
      <label className="field">
        <span className="field__label">{t('account.languageHelp')}</span>
        <select
          className="field__input"
          name="locale"
          value={current}
          onChange={(e) => void choose(e.target.value)}
        >
          <option value={BROWSER}>{t('account.browser', { language: LOCALE_NAMES[browserLocale()] })}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <div role="status" className="flash">
        {status}
      </div>
      <div role="alert" className="error-text">
        {error}
      </div>
    </Panel>
  );
}
