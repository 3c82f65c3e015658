/**
 * @module Mounts a route of the shared HTTP contract (`shared/contract.ts`) on a router: the query and body are
 * validated with the contract's schemas before the handler runs (a failure is the one 400 envelope, from
 * `parseInput`), and the handler's answer is typed by the contract's answer schema, then sent as JSON.
 */
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { PathParams, RouteAnswerIn, RouteDef } from '../../shared/contract.js';
import { badRequest, parseInput } from '../errors.js';
import { requirePermission } from './auth-middleware.js';

/** What a handler gets: the validated query and body, the path parameters, and the request itself. */
export interface RouteContext<R extends RouteDef> {
  params: PathParams<R['path']>;
  query: R['query'] extends z.ZodType ? z.output<R['query']> : undefined;
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
  req: Request;
  res: Response;
}

/** Returned by a handler that wrote the response itself (a download instead of JSON). */
export const SENT = Symbol('sent');

export type RouteHandler<R extends RouteDef> = (
  ctx: RouteContext<R>,
) => Promise<RouteAnswerIn<R> | typeof SENT> | RouteAnswerIn<R> | typeof SENT;

const METHODS = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' } as const;

/**
 * Mounts `def` on `router` (which is mounted at `/api`) behind the permission the contract names for it (checked
 * before validation, so an unauthorised caller learns nothing about the input rules).
 */
export function serve<R extends RouteDef>(router: Router, def: R, handler: RouteHandler<R>): void {
  const path = def.path.slice('/api'.length);
  const guards = def.permission === null ? [] : [requirePermission(def.permission)];
  router[METHODS[def.method]](path, ...guards, async (req: Request, res: Response) => {
    if (def.body) requireJsonBody(req);
    const ctx = {
      params: req.params as PathParams<R['path']>,
      query: def.query ? parseInput(def.query, req.query, 'query') : undefined,
      body: def.body ? parseInput(def.body, req.body ?? {}, 'body') : undefined,
      req,
      res,
    } as RouteContext<R>;
    const answer = await handler(ctx);
    if (answer === SENT) return;
    res.status(def.status ?? 200).json(answer);
  });
}

/**
 * Refuses a body that is not JSON as such: `express.json` leaves it unread, and the schema then blamed every field
 * ("note: expected string, received undefined") for a content type. Asked after the permission check, of routes that
 * take a body.
 */
function requireJsonBody(req: Request): void {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json'))
    throw badRequest(
      `send the body as JSON (content-type: application/json), not ${(req.headers['content-type'] ?? 'untyped').slice(0, 100)}`,
      { key: 'request.json_only' },
    );
}
