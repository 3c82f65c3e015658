/** @module The Express application: middleware order, API routers, the built client with an SPA fallback. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Router } from 'express';
import type { Logger } from '../logger.js';
import { type AuthenticateDeps, authenticate, sameOriginForWrites } from './auth-middleware.js';
import { errorHandler, notFoundHandler } from './error-handler.js';

export interface AppDeps {
  /** How callers are recognised: the session cookie, or an API token. */
  auth: AuthenticateDeps;
  logger: Logger;
  publicUrl: string;
  trustProxy: string | null;
  /** Routers mounted under /api. */
  api: Router[];
  /** Routers mounted at the root (health, metrics). */
  root: Router[];
  /** Folder of the built client; absent in API-only tests. */
  clientDir?: string;
}

export function createApp(d: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (d.trustProxy) app.set('trust proxy', /^\d+$/.test(d.trustProxy) ? Number(d.trustProxy) : d.trustProxy);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
    next();
  });
  for (const r of d.root) app.use(r);
  app.use('/api', express.json({ limit: '64kb' }), sameOriginForWrites(d.publicUrl), authenticate(d.auth));
  for (const r of d.api) app.use('/api', r);
  app.use('/api', notFoundHandler);
  if (d.clientDir && existsSync(join(d.clientDir, 'index.html'))) {
    const root = d.clientDir;
    app.use(express.static(root, { index: false, maxAge: '1h' }));
    // Every screen's address gets the page, but a bundle file that is not there is a 404, not the page: a tab
    // opened before an upgrade asks for chunks the new build does not have, and HTML in their place fails obscurely.
    app.get(/^\/(?!api\/|socket\.io\/|assets\/).*/, (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-cache');
      // relative to `root`: `send` refuses any dot-segment of the path it is given, and the install folder may have
      // one (a clone under ~/.local/ served every page as an error)
      res.sendFile('index.html', { root }, (err) => err && next(err));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(d.logger));
  return app;
}
