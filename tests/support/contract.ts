/**
 * @module Test helper: calls a route of the shared HTTP contract on a test server, as a given session or display
 * token, and checks the answer against the route's own schema (strictly: a field the schema does not declare is a
 * contract split too).
 */
import { expect } from 'vitest';
import { z } from 'zod';
import { type RouteAnswer, type RouteDef, type RouteInput, routeUrl } from '../../shared/contract.js';

export interface Caller {
  url: string;
  cookie?: string;
  bearer?: string;
}

/**
 * `schema` with every object in it made strict, so that a field the contract does not declare fails the parse
 * (objects declared loose, such as a recent event, stay loose; an object's own refinements are left out).
 */
export function strictly(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape).map(([k, v]) => [k, strictly(v as z.ZodType)]),
    );
    return schema.def.catchall instanceof z.ZodUnknown ? z.looseObject(shape) : z.strictObject(shape);
  }
  if (schema instanceof z.ZodArray) return z.array(strictly(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return strictly(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return strictly(schema.unwrap() as z.ZodType).optional();
  return schema;
}

/** Sends the request and returns the response with its JSON body (not yet checked). */
export async function send<R extends RouteDef>(
  who: Caller,
  def: R,
  input: RouteInput<R>,
): Promise<{ status: number; body: unknown }> {
  const i = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (who.cookie) headers.cookie = who.cookie;
  if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
  if (def.method !== 'GET') headers['content-type'] = 'application/json';
  const res = await fetch(`${who.url}${routeUrl(def, i.params, i.query)}`, {
    method: def.method,
    headers,
    ...(def.method === 'GET' ? {} : { body: JSON.stringify(i.body ?? {}) }),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** Calls the route, expects its success status, and returns the answer parsed strictly by its schema. */
export async function callChecked<R extends RouteDef>(
  who: Caller,
  def: R,
  input: RouteInput<R>,
): Promise<RouteAnswer<R>> {
  const { status, body } = await send(who, def, input);
  expect(status, `${def.method} ${def.path}: ${JSON.stringify(body)}`).toBe(def.status ?? 200);
  const parsed = strictly(def.response).safeParse(body);
  if (!parsed.success) {
    throw new Error(`${def.method} ${def.path} answered outside the contract: ${parsed.error.message}`);
  }
  return parsed.data as RouteAnswer<R>;
}
