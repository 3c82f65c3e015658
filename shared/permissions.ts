/**
 * @module Who may do what: the one authorization table. The server checks it on every HTTP route, socket event
 * and alert action; the client reads the same table only to mirror it (which buttons to offer).
 */
import { type Role, roleAtLeast } from './roles.js';
import type { AlertActionName } from './schemas/alert-api.js';

/** Each permission and the lowest role that holds it (operator < lead < admin). */
export const PERMISSIONS = {
  /** Live data, hosts, series, events, search, sensors, ingest statistics, alerts and rules. */
  'data.read': 'operator',
  /** Notes on hosts and on alerts. */
  'notes.write': 'operator',
  /** Alert transitions: acknowledge, release, take over, escalate, snooze, resolve; bulk actions. */
  'alerts.act': 'lead',
  /** Hand-off to other tools: create an alert in TheHive. */
  'alerts.handoff': 'lead',
  /** The watchlist and saved hunts: add and remove. */
  'watch.write': 'lead',
  /** Suppression rules: create and remove. */
  'rules.write': 'lead',
  /** The audit trail and its exports. */
  'audit.read': 'lead',
  /** Who the caller is (`GET /api/me`): any caller, an API token and an enrolment-only session too. */
  'identity.read': 'operator',
  /** One's own sessions (list, end) and second factor (enrol, remove). */
  'account.own': 'operator',
  /** Users, display tokens, API tokens, everyone's sessions, sign-in policy, settings, webhooks, dead letters, metrics. */
  admin: 'admin',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

/** True when `role` holds `permission`. */
export const may = (role: Role, permission: Permission): boolean =>
  roleAtLeast(role, PERMISSIONS[permission]);

/**
 * What an API token may use, whatever its role: the work of an operator or a lead (data, notes, alert actions, rules,
 * the audit trail), never an account's own settings nor administration. Tokens are never the wall socket either.
 */
export const API_TOKEN_PERMISSIONS: readonly Permission[] = [
  'identity.read',
  'data.read',
  'notes.write',
  'alerts.act',
  'alerts.handoff',
  'watch.write',
  'rules.write',
  'audit.read',
];

/**
 * Who is asking: a signed-in person (session), a program (API token), or a person signed in with the password alone
 * where the policy requires a second factor they have not enrolled yet (enrolment: their own account only).
 */
export interface Caller {
  kind: 'session' | 'token' | 'enrolment';
  role: Role;
}

/** What each kind of caller may use at most, whatever its role (a session: everything its role holds). */
const KIND_LIMIT: Record<Exclude<Caller['kind'], 'session'>, readonly Permission[]> = {
  token: API_TOKEN_PERMISSIONS,
  enrolment: ['identity.read', 'account.own'],
};

/** True when the caller holds `permission`: its role does, within what its kind of caller may use. */
export const callerMay = (caller: Caller, permission: Permission): boolean =>
  may(caller.role, permission) && (caller.kind === 'session' || KIND_LIMIT[caller.kind].includes(permission));

/** The permission each alert action needs (the HTTP route, the socket event and the service all ask this). */
export const ALERT_ACTION_PERMISSION = {
  ack: 'alerts.act',
  release: 'alerts.act',
  escalate: 'alerts.act',
  resolve: 'alerts.act',
  snooze: 'alerts.act',
  note: 'notes.write',
} as const satisfies Record<AlertActionName, Permission>;
