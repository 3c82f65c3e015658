/** @module The shell: classification banners, header (navigation, connection, user), the routed view. */
import { Fragment, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { may } from '../../../shared/permissions.js';
import { ClassificationBanner } from '../components/ClassificationBanner.js';
import { ConnectionBadge, ConnectionNotice } from '../components/ConnectionBadge.js';
import { Link } from '../components/Link.js';
import { alertCounts } from '../features/alerts/counts.js';
import { SearchBox } from '../features/search/SearchBox.js';
import { useConnection, useLiveSelector } from '../hooks/useLive.js';
import { useNow } from '../hooks/useNow.js';
import { formatClock } from '../lib/format.js';
import { navigate, safeNext, useLocation } from '../lib/router.js';
import { useAuth } from './AuthProvider.js';
import { useClassification } from './ConfigProvider.js';
import { resolveRoute } from './routes.js';

export function App() {
  const { t, i18n } = useTranslation();
  const classification = useClassification();
  const { auth } = useAuth();
  const location = useLocation();
  const route = resolveRoute(location.pathname);

  // Gate: no session → login (remembering where the user was going); a session on /login → onwards.
  const needsLogin = auth.status === 'out' && !route.public;
  const leaveLogin = auth.status === 'in' && location.pathname === '/login';
  // a second factor is required and not enrolled yet: the account page (enrolment) before anything else
  const mustEnrol =
    auth.status === 'in' && auth.me.mustEnrolTotp === true && location.pathname !== '/account';
  useEffect(() => {
    if (needsLogin) {
      const here = `${location.pathname}${location.search}`;
      navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
    } else if (mustEnrol) {
      navigate('/account', { replace: true });
    } else if (leaveLogin) {
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    }
  }, [needsLogin, leaveLogin, mustEnrol, location.pathname, location.search]);

  useEffect(() => {
    document.title = t('app.title', { page: route.title });
  }, [route.title, t]);

  const ready = auth.status !== 'checking' && !needsLogin && !leaveLogin && !mustEnrol;
  if (route.bare) {
    return <Suspense fallback={<div className="wall" />}>{route.element}</Suspense>;
  }
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <ClassificationBanner text={classification.text} colour={classification.colour} position="top" />
      {auth.status === 'in' ? <Header /> : null}
      {auth.status === 'in' ? <HeaderNotice /> : null}
      <div className="shell__main">
        {ready ? (
          <Suspense fallback={<p className="empty page">{t('app.loading')}</p>}>
            {/* a new language draws the view anew: every number and word in it */}
            <Fragment key={i18n.language}>{route.element}</Fragment>
          </Suspense>
        ) : (
          <p className="empty page">{t('app.checking')}</p>
        )}
      </div>
      <ClassificationBanner text={classification.text} colour={classification.colour} position="bottom" />
    </div>
  );
}

/** Why the screen is not live, said under the header. */
function HeaderNotice() {
  return <ConnectionNotice view={useConnection()} />;
}

function Header() {
  const { t } = useTranslation();
  const { auth, logout } = useAuth();
  const conn = useConnection();
  const now = useNow(1000);
  const { pathname } = useLocation();
  const alerts = useLiveSelector((s) => s.alerts);
  const waiting = alertCounts(alerts.values(), now).waiting;
  if (auth.status !== 'in') return null;
  const here = (p: string) => (pathname === p ? 'page' : undefined);
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="topbar__brand--long">WATCHFLOOR</span>
        <abbr className="topbar__brand--short" title="Watchfloor">
          WF
        </abbr>
      </div>
      <nav className="topbar__nav" aria-label={t('nav.main')}>
        <Link to="/" aria-current={here('/')}>
          {t('nav.overview')}
        </Link>
        <Link to="/alerts" aria-current={here('/alerts')}>
          {t('nav.alerts')}
          {waiting > 0 ? (
            <span className="navcount" title={t('nav.waiting', { count: waiting })}>
              {' '}
              {waiting}
            </span>
          ) : null}
        </Link>
        <Link to="/handover" aria-current={here('/handover')}>
          {t('nav.handover')}
        </Link>
        <Link to="/sensors" aria-current={here('/sensors')}>
          {t('nav.sensors')}
        </Link>
        <Link to="/attack" aria-current={here('/attack')}>
          {t('nav.attack')}
        </Link>
        {may(auth.me.role, 'admin') ? (
          <Link to="/admin" aria-current={here('/admin')}>
            {t('nav.admin')}
          </Link>
        ) : null}
      </nav>
      <SearchBox />
      <ConnectionBadge view={conn} />
      <time className="topbar__clock" dateTime={new Date(now).toISOString()} title={t('nav.utc')}>
        {formatClock(now)} Z
      </time>
      <Link to="/account" aria-current={here('/account')} className="topbar__user" title={t('nav.account')}>
        {auth.me.username}{' '}
        <span className="topbar__role" title={t(`role.${auth.me.role}`)}>
          ({t(`roleShort.${auth.me.role}`)})
        </span>
      </Link>
      <button
        type="button"
        className="btn btn--small"
        onClick={() => void logout().then(() => navigate('/login'))}
      >
        {t('nav.logout')}
      </button>
    </header>
  );
}
