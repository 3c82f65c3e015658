/** @module The route table: path patterns to lazily loaded views (charts load only after login). */
import { lazy, type ReactElement } from 'react';
import { matchPath } from '../lib/router.js';

const Overview = lazy(() => import('../views/Overview.js'));
const Host = lazy(() => import('../views/Host.js'));
const Login = lazy(() => import('../views/Login.js'));
const NotFound = lazy(() => import('../views/NotFound.js'));

export interface RouteMatch {
  /** Public routes render without a session. */
  public: boolean;
  /** Page title. */
  title: string;
  element: ReactElement;
}

interface RouteDef {
  path: string;
  public?: boolean;
  title(params: Record<string, string>): string;
  view(params: Record<string, string>): ReactElement;
}

const ROUTES: RouteDef[] = [
  { path: '/', title: () => 'Overview', view: () => <Overview /> },
  { path: '/hosts/:ip', title: ({ ip }) => `Host ${ip}`, view: ({ ip }) => <Host key={ip} ip={ip!} /> },
  { path: '/login', public: true, title: () => 'Sign in', view: () => <Login /> },
];

export function resolveRoute(pathname: string): RouteMatch {
  for (const r of ROUTES) {
    const params = matchPath(r.path, pathname);
    if (params) return { public: r.public ?? false, title: r.title(params), element: r.view(params) };
  }
  return { public: false, title: 'Not found', element: <NotFound /> };
}
