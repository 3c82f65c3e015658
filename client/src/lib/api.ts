/**
 * @module The typed client over the shared HTTP contract (`shared/contract.ts`): `call(API.x, input)` builds the
 * URL from the route's path and query, sends the body, and validates the answer with the route's schema. Shapes
 * live only in shared/; this file declares none.
 */
import { API, type RouteAnswer, type RouteDef, type RouteInput, routeUrl } from '../../../shared/contract.js';
import { type RequestOptions, request } from './request.js';

export { API };

export type CallOptions = Pick<RequestOptions, 'signal' | 'quiet401' | 'bearer'>;

type CallArgs<R extends RouteDef> =
  Record<never, never> extends RouteInput<R>
    ? [input?: RouteInput<R>, options?: CallOptions]
    : [input: RouteInput<R>, options?: CallOptions];

/** Calls a contract route; resolves to its validated answer, throws `ApiError` on any failure. */
export function call<R extends RouteDef>(def: R, ...[input, options]: CallArgs<R>): Promise<RouteAnswer<R>> {
  const i = (input ?? {}) as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  return request(routeUrl(def, i.params, i.query), def.response, {
    method: def.method,
    ...(i.body !== undefined ? { body: i.body } : def.method === 'GET' ? {} : { body: {} }),
    ...options,
  }) as Promise<RouteAnswer<R>>;
}

/** The cache key of a route with its input: the path, then the parameters and query that select the answer. */
export function routeKey<R extends RouteDef>(def: R, input?: RouteInput<R>): readonly unknown[] {
  const i = (input ?? {}) as { params?: unknown; query?: unknown };
  return [def.path, i.params ?? null, i.query ?? null];
}

/** `useQuery` options for a GET route: its key and a fetcher that passes TanStack Query's abort signal on. */
export function routeQuery<R extends RouteDef>(def: R, ...[input, options]: CallArgs<R>) {
  return {
    queryKey: routeKey(def, input),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      (call as (d: R, i?: RouteInput<R>, o?: CallOptions) => Promise<RouteAnswer<R>>)(def, input, {
        ...options,
        signal,
      }),
  };
}

export type { AlertActionName as AlertAction } from '../../../shared/schemas/alert-api.js';
