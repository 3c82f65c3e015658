/**
 * @module Alert action payloads as they arrive over HTTP or the socket, validated with the shared body schemas
 * (`shared/schemas/alert-api.ts`) into `AlertAction`s.
 */
import { ALERT_ACTION_BODIES, type AlertActionName } from '../../shared/schemas/alert-api.js';
import { parseInput } from '../errors.js';
import type { AlertAction } from './state-machine.js';

const schemas = ALERT_ACTION_BODIES satisfies Record<AlertActionName, unknown>;

export type ActionName = AlertActionName;

/** Own keys only: `constructor`, `__proto__`, `toString` and the like are not actions. */
export function isActionName(s: string): s is ActionName {
  return Object.hasOwn(schemas, s);
}

/** Validates a payload for `name` with the shared body schema; throws a 400 AppError naming the problems. */
export function parseAction(name: ActionName, body: unknown): AlertAction {
  return { type: name, ...parseInput(schemas[name], body ?? {}, name) } as AlertAction;
}
