/** @module The shell: classification banners, header (navigation, connection, user), the routed view. */
import { Suspense, useEffect } from 'react';
import { ClassificationBanner } from '../components/ClassificationBanner.js';
import { ConnectionBadge } from '../components/ConnectionBadge.js';
import { Link } from '../components/Link.js';
import { useConnection } from '../hooks/useLive.js';
import { useNow } from '../hooks/useNow.js';
import { formatClock } from '../lib/format.js';
import { navigate, safeNext, useLocation } from '../lib/router.js';
import { useAuth } from './AuthProvider.js';
import { useClassification } from './ConfigProvider.js';
import { resolveRoute } from './routes.js';

export function App() {
  const classification = useClassification();
  const { auth } = useAuth();
  const location = useLocation();
  const route = resolveRoute(location.pathname);

  // Gate: no session → login (remembering where the user was going); a session on /login → onwards.
  const needsLogin = auth.status === 'out' && !route.public;
  const leaveLogin = auth.status === 'in' && location.pathname === '/login';
  useEffect(() => {
    if (needsLogin) {
      const here = `${location.pathname}${location.search}`;
      navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
    } else if (leaveLogin) {
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    }
  }, [needsLogin, leaveLogin, location.pathname, location.search]);

  useEffect(() => {
    document.title = `${route.title} · Watchfloor`;
  }, [route.title]);

  const ready = auth.status !== 'checking' && !needsLogin && !leaveLogin;
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <ClassificationBanner text={classification.text} colour={classification.colour} position="top" />
      {auth.status === 'in' ? <Header /> : null}
      <div className="shell__main">
        {ready ? (
          <Suspense fallback={<p className="empty page">Loading…</p>}>{route.element}</Suspense>
        ) : (
          <p className="empty page">Checking session…</p>
        )}
      </div>
      <ClassificationBanner text={classification.text} colour={classification.colour} position="bottom" />
    </div>
  );
}

function Header() {
  const { auth, logout } = useAuth();
  const conn = useConnection();
  const now = useNow(1000);
  const { pathname } = useLocation();
  if (auth.status !== 'in') return null;
  return (
    <header className="topbar">
      <div className="topbar__brand">WATCHFLOOR</div>
      <nav className="topbar__nav" aria-label="Main">
        <Link to="/" aria-current={pathname === '/' ? 'page' : undefined}>
          Overview
        </Link>
      </nav>
      <ConnectionBadge view={conn} />
      <time className="topbar__clock" dateTime={new Date(now).toISOString()}>
        {formatClock(now)} Z
      </time>
      <span className="topbar__user">
        {auth.me.username} <span className="topbar__role">({auth.me.role})</span>
      </span>
      <button type="button" className="btn" onClick={() => void logout().then(() => navigate('/login'))}>
        Log out
      </button>
    </header>
  );
}
