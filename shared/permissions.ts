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
  /** Suppression rules: create and remove. */
  'rules.write': 'lead',
  /** The audit trail and its exports. */
  'audit.read': 'lead',
  /** Users, display tokens, settings, webhooks, dead letters, metrics. */
  admin: 'admin',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

/** True when `role` holds `permission`. */
export const may = (role: Role, permission: Permission): boolean =>
  roleAtLeast(role, PERMISSIONS[permission]);

/** The permission each alert action needs (the HTTP route, the socket event and the service all ask this). */
export const ALERT_ACTION_PERMISSION = {
  ack: 'alerts.act',
  release: 'alerts.act',
  escalate: 'alerts.act',
  resolve: 'alerts.act',
  snooze: 'alerts.act',
  note: 'notes.write',
} as const satisfies Record<AlertActionName, Permission>;
