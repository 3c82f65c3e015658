/** @module The shell: classification banners, header (navigation, connection, user), the routed view. */
import { Suspense, useEffect } from 'react';
import { may } from '../../../shared/permissions.js';
import { ClassificationBanner } from '../components/ClassificationBanner.js';
import { ConnectionBadge } from '../components/ConnectionBadge.js';
import { Link } from '../components/Link.js';
import { SearchBox } from '../features/search/SearchBox.js';
import { useConnection, useLiveSelector } from '../hooks/useLive.js';
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
  if (route.bare) {
    return <Suspense fallback={<div className="wall" />}>{route.element}</Suspense>;
  }
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
  const alerts = useLiveSelector((s) => s.alerts);
  let open = 0;
  for (const a of alerts.values()) if (a.state === 'open') open++;
  if (auth.status !== 'in') return null;
  const here = (p: string) => (pathname === p ? 'page' : undefined);
  return (
    <header className="topbar">
      <div className="topbar__brand">WATCHFLOOR</div>
      <nav className="topbar__nav" aria-label="Main">
        <Link to="/" aria-current={here('/')}>
          Overview
        </Link>
        <Link to="/alerts" aria-current={here('/alerts')}>
          Alerts{open > 0 ? <span className="navcount"> {open}</span> : null}
        </Link>
        <Link to="/handover" aria-current={here('/handover')}>
          Handover
        </Link>
        <Link to="/sensors" aria-current={here('/sensors')}>
          Sensors
        </Link>
        {may(auth.me.role, 'admin') ? (
          <Link to="/admin" aria-current={here('/admin')}>
            Admin
          </Link>
        ) : null}
      </nav>
      <SearchBox />
      <ConnectionBadge view={conn} />
      <time className="topbar__clock" dateTime={new Date(now).toISOString()} title="UTC">
        {formatClock(now)} Z
      </time>
      <span className="topbar__user" title={`${auth.me.username} (${auth.me.role})`}>
        {auth.me.username} <span className="topbar__role">({auth.me.role})</span>
      </span>
      <button
        type="button"
        className="btn btn--small"
        onClick={() => void logout().then(() => navigate('/login'))}
      >
        Log out
      </button>
    </header>
  );
}
