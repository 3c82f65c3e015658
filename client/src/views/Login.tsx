/** @module The login page; after success, goes where the user was going (`?next=`). */
import { type FormEvent, useState } from 'react';
import { useAuth } from '../app/AuthProvider.js';
import { ApiError } from '../lib/request.js';
import { navigate, safeNext, useLocation } from '../lib/router.js';

function messageFor(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Login failed. Try again.';
  if (error.status === 401) return 'Wrong username or password.';
  if (error.status === 429) return 'Too many attempts. Wait a minute, then try again.';
  if (error.status === 400) return 'Enter a username and a password.';
  if (error.code === 'network') return 'The server cannot be reached. Check the network and try again.';
  return `Login failed: ${error.message}`;
}

export default function Login() {
  const { login } = useAuth();
  const { search } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(safeNext(new URLSearchParams(search).get('next')), { replace: true });
    } catch (err) {
      setError(messageFor(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="login__form" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <h1 className="login__title">Watchfloor</h1>
        <p className="login__sub">Sign in to the watch floor</p>
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
        <div id="login-error" className="login__error" role="alert">
          {error}
        </div>
        <button className="btn btn--primary" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
