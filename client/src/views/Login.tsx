/**
 * @module The login page; after success, goes where the user was going (`?next=`). An account with a second factor
 * is asked for its code once the password is accepted (the server answers `totp_required`).
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useAuth } from '../app/AuthProvider.js';
import { API, routeQuery } from '../lib/api.js';
import { ApiError } from '../lib/request.js';
import { navigate, safeNext, useLocation } from '../lib/router.js';

function messageFor(error: unknown, askedCode: boolean): string {
  if (!(error instanceof ApiError)) return 'Login failed. Try again.';
  if (error.code === 'totp_required') {
    return askedCode ? 'The code is not valid (or was used already). Try the next one.' : 'Enter the code.';
  }
  if (error.status === 401) return 'Wrong username or password.';
  if (error.status === 429) return 'Too many attempts. Wait a minute, then try again.';
  if (error.status === 400) return 'Enter a username and a password.';
  if (error.code === 'network') return 'The server cannot be reached. Check the network and try again.';
  return `Login failed: ${error.message}`;
}

/** Why single sign-on was refused (`/login?sso=<reason>`): the server sends a reason code, never text. */
const SSO_REFUSED: Record<string, string> = {
  no_role:
    'Your identity provider account has no Watchfloor role. Ask an administrator to add you to one of the mapped groups.',
  disabled: 'Your Watchfloor account is disabled. Ask an administrator.',
  local_account: 'A local Watchfloor account already has your name. Ask an administrator.',
  no_username:
    'The identity provider did not say who you are. Ask an administrator to check the configuration.',
  expired: 'The single sign-on took too long or was started elsewhere. Try again.',
  failed: 'Single sign-on failed. Try again.',
};

export default function Login() {
  const { login } = useAuth();
  const { search } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState<string | null>(null);
  const refused = new URLSearchParams(search).get('sso');
  const [error, setError] = useState<string | null>(
    refused ? (SSO_REFUSED[refused] ?? SSO_REFUSED.failed!) : null,
  );
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
        <p className="login__sub">Sign in to the watch floor</p>
        {options?.sso ? (
          <a className="btn btn--primary" href={`/api/auth/oidc/login?next=${encodeURIComponent(next)}`}>
            Sign in with single sign-on
          </a>
        ) : null}
        {options?.local === 'admin' ? (
          <p className="muted">Passwords: break-glass administrators only.</p>
        ) : null}
        {options?.local === 'off' ? null : (
          <>
            <label className="field">
              <span className="field__label">Username</span>
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
              <span className="field__label">Password</span>
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
                <span className="field__label">Code from your authenticator app (or a recovery code)</span>
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
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        )}
      </form>
    </main>
  );
}
