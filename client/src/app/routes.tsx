/** @module The route table: path patterns to lazily loaded views (each view is its own chunk). */
import { lazy, type ReactElement } from 'react';
import { t } from '../i18n/index.js';
import { matchPath } from '../lib/paths.js';

const Overview = lazy(() => import('../views/Overview.js'));
const Host = lazy(() => import('../views/Host.js'));
const Login = lazy(() => import('../views/Login.js'));
const Alerts = lazy(() => import('../views/Alerts.js'));
const Handover = lazy(() => import('../views/Handover.js'));
const Sensors = lazy(() => import('../views/Sensors.js'));
const Wall = lazy(() => import('../views/Wall.js'));
const Admin = lazy(() => import('../views/Admin.js'));
const Account = lazy(() => import('../views/Account.js'));
const Attack = lazy(() => import('../views/Attack.js'));
const Peers = lazy(() => import('../views/Peers.js'));
const NotFound = lazy(() => import('../views/NotFound.js'));

export interface RouteMatch {
  /** Public routes render without a session. */
  public: boolean;
  /** Bare routes draw the whole screen themselves (no header, no shell banners): the wall. */
  bare: boolean;
  /** Page title, in the screens' language when resolved. */
  title: string;
  element: ReactElement;
}

interface RouteDef {
  path: string;
  public?: boolean;
  bare?: boolean;
  title(params: Record<string, string>): string;
  view(params: Record<string, string>): ReactElement;
}

const ROUTES: RouteDef[] = [
  { path: '/', title: () => t('title.overview'), view: () => <Overview /> },
  {
    path: '/hosts/:ip',
    title: ({ ip }) => t('title.host', { ip }),
    view: ({ ip }) => <Host key={ip} ip={ip!} />,
  },
  {
    path: '/peers/:q',
    title: ({ q }) => t('peers.title', { q }),
    view: ({ q }) => <Peers key={q} q={q!} />,
  },
  { path: '/alerts', title: () => t('title.alerts'), view: () => <Alerts /> },
  { path: '/handover', title: () => t('title.handover'), view: () => <Handover /> },
  { path: '/sensors', title: () => t('title.sensors'), view: () => <Sensors /> },
  { path: '/attack', title: () => t('title.attack'), view: () => <Attack /> },
  { path: '/admin', title: () => t('title.admin'), view: () => <Admin /> },
  { path: '/account', title: () => t('title.account'), view: () => <Account /> },
  { path: '/wall', public: true, bare: true, title: () => t('title.wall'), view: () => <Wall /> },
  { path: '/login', public: true, title: () => t('title.login'), view: () => <Login /> },
];

export function resolveRoute(pathname: string): RouteMatch {
  for (const r of ROUTES) {
    const params = matchPath(r.path, pathname);
    if (params) {
      return {
        public: r.public ?? false,
        bare: r.bare ?? false,
        title: r.title(params),
        element: r.view(params),
      };
    }
  }
  return { public: false, bare: false, title: t('title.notFound'), element: <NotFound /> };
}
