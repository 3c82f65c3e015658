/**
 * @module The login page; after success, goes where the user was going (`?next=`). An account with a second factor
 * is asked for its code once the password is accepted (the server answers `totp_required`).
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/AuthProvider.js';
import { t } from '../i18n/index.js';
import { serverText } from '../i18n/server-text.js';
import { API, routeQuery } from '../lib/api.js';
import { ApiError } from '../lib/request.js';
import { navigate, safeNext, useLocation } from '../lib/router.js';

function messageFor(error: unknown, askedCode: boolean): string {
  if (!(error instanceof ApiError)) return t('login.failed');
  if (error.code === 'totp_required') return askedCode ? t('login.badCode') : t('login.enterCode');
  if (error.status === 401) return t('login.wrong');
  if (error.status === 429) return error.text ? serverText(error.text, error.message) : t('login.throttled');
  if (error.status === 400) return t('login.missing');
  if (error.code === 'network') return t('login.network');
  return t('login.failedWith', {
    reason: error.text ? serverText(error.text, error.message) : error.message,
  });
}

/** Why single sign-on was refused (`/login?sso=<reason>`): the server sends a reason code, never text. */
const SSO_REASONS = ['no_role', 'disabled', 'local_account', 'no_username', 'expired', 'failed'];
const ssoRefused = (reason: string): string =>
  t(`login.sso_${SSO_REASONS.includes(reason) ? reason : 'failed'}`);

export default function Login() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const { search } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState<string | null>(null);
  const refused = new URLSearchParams(search).get('sso');
  const [error, setError] = useState<string | null>(refused ? ssoRefused(refused) : null);
  const options = useQuery({ ...routeQuery(API.signIn, {}, { quiet401: true }), staleTime: Infinity }).data;
  const next = new URLSearchParams(search).get('next') ?? '/';
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password, totp?.trim() || undefined);
      navigate(safeNext(new URLSearchParams(search).get('next')), { replace: true });
    } catch (err) {
      setError(messageFor(err, totp !== null && totp !== ''));
      if (err instanceof ApiError && err.code === 'totp_required') setTotp('');
      else {
        setPassword('');
        setTotp(null);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="login__form" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <h1 className="login__title">Watchfloor</h1>
        <p className="login__sub">{t('login.sub')}</p>
        {options?.sso ? (
          <a className="btn btn--primary" href={`/api/auth/oidc/login?next=${encodeURIComponent(next)}`}>
            {t('login.sso')}
          </a>
        ) : null}
        {options?.local === 'admin' ? <p className="muted">{t('login.breakGlass')}</p> : null}
        {options?.local === 'off' ? null : (
          <>
            <label className="field">
              <span className="field__label">{t('login.username')}</span>
              <input
                className="field__input"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </label>
            <label className="field">
              <span className="field__label">{t('login.password')}</span>
              <input
                className="field__input"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {totp !== null ? (
              <label className="field">
                <span className="field__label">{t('login.code')}</span>
                <input
                  className="field__input"
                  name="totp"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                  // biome-ignore lint/a11y/noAutofocus: the field appears after the password was accepted
                  autoFocus
                  value={totp}
                  onChange={(e) => setTotp(e.target.value)}
                />
              </label>
            ) : null}
          </>
        )}
        <div id="login-error" className="login__error" role="alert">
          {error}
        </div>
        {options?.local === 'off' ? null : (
          <button className="btn btn--primary" type="submit" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        )}
      </form>
    </main>
  );
}
