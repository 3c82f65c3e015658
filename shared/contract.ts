/**
 * @module The HTTP contract (DESIGN.md "HTTP contract"): every route a screen calls, with the schemas of its query,
 * body and answer. The server mounts its handlers through it (inputs validated, answers typed) and the client calls
 * through it (answers validated), so a renamed field fails the typecheck on both sides.
 */
import { z } from 'zod';
import { localeSchema } from './locale.js';
import type { Permission } from './permissions.js';
import { pivotsAnswerSchema } from './pivots.js';
import { meSchema } from './roles.js';
import {
  accountPolicyPatchSchema,
  accountPolicySchema,
  apiTokenSchema,
  createdApiTokenSchema,
  endMySessionsSchema,
  newApiTokenSchema,
  recoveryCodesSchema,
  sessionListSchema,
  signInOptionsSchema,
  totpBodySchema,
  totpCodeSchema,
  totpEnrolmentSchema,
  totpStatusSchema,
} from './schemas/accounts.js';
import {
  createdTokenSchema,
  deliverySchema,
  displayTokenSchema,
  dlqListQuerySchema,
  dlqPageSchema,
  newDisplayTokenSchema,
  newUserSchema,
  passwordBodySchema,
  requeueBodySchema,
  requeueResultSchema,
  settingsAnswerSchema,
  settingsPatchSchema,
  userSchema,
} from './schemas/admin.js';
import {
  alertActionAnswerSchema,
  alertDetailSchema,
  alertListQuerySchema,
  alertListSchema,
  bulkAnswerSchema,
  bulkBodySchema,
} from './schemas/alert-api.js';
import {
  alertingSchema,
  clientConfigSchema,
  eventsAnswerSchema,
  eventsQuerySchema,
  hostDetailSchema,
  hostNoteAnswerSchema,
  newHostNoteSchema,
  peersAnswerSchema,
  peersQuerySchema,
  searchAnswerSchema,
  searchQuerySchema,
  sensorHistoryAnswerSchema,
  sensorHistoryQuerySchema,
  sensorsAnswerSchema,
  seriesAnswerSchema,
  seriesQuerySchema,
  wallInfoSchema,
} from './schemas/api.js';
import { auditAnswerSchema, auditQuerySchema } from './schemas/audit.js';
import { clusterSchema } from './schemas/cluster.js';
import { exportAnswerSchema, exportQuerySchema, theHivePushAnswerSchema } from './schemas/handoff.js';
import {
  handedOverSchema,
  handOverBodySchema,
  handoverAnswerSchema,
  handoverDraftSchema,
  newWatchItemSchema,
  summaryBodySchema,
  watchItemPatchSchema,
  watchItemSchema,
} from './schemas/handover.js';
import { intelStatusSchema } from './schemas/intel.js';
import { newRuleSchema, ruleSchema } from './schemas/rules.js';
import { statsSchema } from './schemas/stats.js';
import {
  huntResultsSchema,
  huntSchema,
  huntsAnswerSchema,
  newHuntSchema,
  newWatchEntrySchema,
  watchEntrySchema,
  watchlistAnswerSchema,
} from './schemas/watch.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One route: method, path under the origin (`:name` for a path parameter), and its schemas. */
export interface RouteDef {
  method: Method;
  /**
   * Who may call it: a permission of the one authorization table (`shared/permissions.ts`), or null for the routes
   * that need no session (the banner before login, login and logout, the wall's own display-token route).
   */
  permission: Permission | null;
  path: `/api/${string}`;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status. @default 200 */
  status?: number;
}

const route = <const R extends RouteDef>(r: R): R => r;

export const okSchema = z.object({ ok: z.literal(true) });
export const loginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  /** The second factor (a TOTP code or a recovery code), where the account has one. */
  totp: totpCodeSchema.optional(),
});

export const API = {
  // session
  login: route({
    method: 'POST',
    permission: null,
    path: '/api/login',
    body: loginBodySchema,
    response: meSchema,
  }),
  /** After a single sign-on session, `redirect` is the provider's logout (RP-initiated) to send the browser to. */
  logout: route({
    method: 'POST',
    permission: null,
    path: '/api/logout',
    response: okSchema.extend({ redirect: z.string().optional() }),
  }),
  /** How the login page offers to sign in (served without a session). */
  signIn: route({ method: 'GET', permission: null, path: '/api/sign-in', response: signInOptionsSchema }),
  me: route({ method: 'GET', permission: 'identity.read', path: '/api/me', response: meSchema }),
  /** The caller's language for the screens (null: the browser's); answers who the caller is now. */
  setMyLocale: route({
    method: 'PUT',
    permission: 'account.own',
    path: '/api/me/locale',
    body: z.object({ locale: localeSchema.nullable() }),
    response: meSchema,
  }),
  /** The caller's own sessions. */
  mySessions: route({
    method: 'GET',
    permission: 'account.own',
    path: '/api/me/sessions',
    response: sessionListSchema,
  }),
  /** Ends the caller's sessions (all, or all but this one); sockets close at once. */
  endMySessions: route({
    method: 'POST',
    permission: 'account.own',
    path: '/api/me/sessions/end',
    body: endMySessionsSchema,
    response: okSchema.extend({ endedSessions: z.number() }),
  }),
  /** The caller's second factor. */
  myTotp: route({
    method: 'GET',
    permission: 'account.own',
    path: '/api/me/totp',
    response: totpStatusSchema,
  }),
  /** Starts (or restarts) an enrolment: the secret and its QR code, shown once. */
  enrolTotp: route({
    method: 'POST',
    permission: 'account.own',
    path: '/api/me/totp/enrol',
    response: totpEnrolmentSchema,
  }),
  /** Confirms it with a first code; the recovery codes, shown once. */
  confirmTotp: route({
    method: 'POST',
    permission: 'account.own',
    path: '/api/me/totp/confirm',
    body: totpBodySchema,
    response: recoveryCodesSchema,
  }),
  /** Removes the caller's second factor (with a current code), unless their role requires one. */
  removeTotp: route({
    method: 'POST',
    permission: 'account.own',
    path: '/api/me/totp/remove',
    body: totpBodySchema,
    response: okSchema,
  }),
  /** This API as an OpenAPI 3.1 document, generated from this contract. */
  openapi: route({
    method: 'GET',
    permission: null,
    path: '/api/openapi.json',
    response: z.record(z.string(), z.unknown()),
  }),

  // data for the screens
  config: route({ method: 'GET', permission: null, path: '/api/config', response: clientConfigSchema }),
  alerting: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/alerting',
    response: alertingSchema,
  }),
  wall: route({ method: 'GET', permission: null, path: '/api/wall', response: wallInfoSchema }),
  stats: route({ method: 'GET', permission: 'data.read', path: '/api/stats', response: statsSchema }),
  series: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/series',
    query: seriesQuerySchema,
    response: seriesAnswerSchema,
  }),
  events: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/events',
    query: eventsQuerySchema,
    response: eventsAnswerSchema,
  }),
  host: route({ method: 'GET', permission: 'data.read', path: '/api/hosts/:ip', response: hostDetailSchema }),
  addHostNote: route({
    method: 'POST',
    permission: 'notes.write',
    path: '/api/hosts/:ip/notes',
    body: newHostNoteSchema,
    response: hostNoteAnswerSchema,
    status: 201,
  }),
  sensors: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/sensors',
    response: sensorsAnswerSchema,
  }),
  /** Each sensor's events per second over a window of up to 24 h, from the sensors' history (10 s buckets). */
  sensorHistory: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/sensors/history',
    query: sensorHistoryQuerySchema,
    response: sensorHistoryAnswerSchema,
  }),
  search: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/search',
    query: searchQuerySchema,
    response: searchAnswerSchema,
  }),
  peers: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/peers',
    query: peersQuerySchema,
    response: peersAnswerSchema,
  }),

  // alerts and rules
  alerts: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/alerts',
    query: alertListQuerySchema,
    response: alertListSchema,
  }),
  alert: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/alerts/:id',
    response: alertDetailSchema,
  }),
  /** The alert as a STIX 2.1 bundle or a MISP event (a JSON download); audited on the alert. */
  exportAlert: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/alerts/:id/export',
    query: exportQuerySchema,
    response: exportAnswerSchema,
  }),
  /** Creates the alert in TheHive 5 with its observables; audited on the alert. Mounted before `alertAction`. */
  theHive: route({
    method: 'POST',
    permission: 'alerts.handoff',
    path: '/api/alerts/:id/thehive',
    response: theHivePushAnswerSchema,
    status: 201,
  }),
  /** The pivot link templates (`WF_PIVOTS`) the screens fill. */
  pivots: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/pivots',
    response: pivotsAnswerSchema,
  }),
  /** The body depends on `:action`: one of `ALERT_ACTION_BODIES`, checked by the server once it knows the action. */
  alertAction: route({
    method: 'POST',
    permission: 'notes.write',
    path: '/api/alerts/:id/:action',
    body: z.record(z.string(), z.unknown()),
    response: alertActionAnswerSchema,
  }),
  bulk: route({
    method: 'POST',
    permission: 'alerts.act',
    path: '/api/alerts/bulk',
    body: bulkBodySchema,
    response: bulkAnswerSchema,
  }),
  rules: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/rules',
    response: z.object({ rules: z.array(ruleSchema) }),
  }),
  addRule: route({
    method: 'POST',
    permission: 'rules.write',
    path: '/api/rules',
    body: newRuleSchema,
    response: z.object({ rule: ruleSchema }),
    status: 201,
  }),
  removeRule: route({
    method: 'DELETE',
    permission: 'rules.write',
    path: '/api/rules/:id',
    response: okSchema,
  }),
  // the written handover
  /** This shift's summary, the open watch-for items and the last shift handed over. */
  handover: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/handover',
    response: handoverAnswerSchema,
  }),
  /** Saves this shift's summary (409 when another lead saved since `version`). */
  saveHandoverSummary: route({
    method: 'PUT',
    permission: 'handover.write',
    path: '/api/handover/summary',
    body: summaryBodySchema,
    response: z.object({ draft: handoverDraftSchema }),
  }),
  addWatchItem: route({
    method: 'POST',
    permission: 'handover.write',
    path: '/api/handover/items',
    body: newWatchItemSchema,
    response: z.object({ item: watchItemSchema }),
    status: 201,
  }),
  /** Shows a watch-for item on the wall, or takes it off. */
  updateWatchItem: route({
    method: 'PUT',
    permission: 'handover.write',
    path: '/api/handover/items/:id',
    body: watchItemPatchSchema,
    response: z.object({ item: watchItemSchema }),
  }),
  /** Closes a watch-for item (no longer to watch for). */
  closeWatchItem: route({
    method: 'DELETE',
    permission: 'handover.write',
    path: '/api/handover/items/:id',
    response: okSchema,
  }),
  /** Hands the shift over: the summary and the open items are kept for the next shift; a new summary starts. */
  handOver: route({
    method: 'POST',
    permission: 'handover.write',
    path: '/api/handover/hand-over',
    body: handOverBodySchema,
    response: z.object({ previous: handedOverSchema, draft: handoverDraftSchema }),
  }),
  audit: route({
    method: 'GET',
    permission: 'audit.read',
    path: '/api/audit',
    query: auditQuerySchema,
    response: auditAnswerSchema,
  }),

  // watchlist and saved hunts
  /** Live watch entries (hosts, CIDR ranges, domains), newest first. */
  watchlist: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/watchlist',
    response: watchlistAnswerSchema,
  }),
  addWatch: route({
    method: 'POST',
    permission: 'watch.write',
    path: '/api/watchlist',
    body: newWatchEntrySchema,
    response: z.object({ entry: watchEntrySchema }),
    status: 201,
  }),
  removeWatch: route({
    method: 'DELETE',
    permission: 'watch.write',
    path: '/api/watchlist/:id',
    response: okSchema,
  }),
  /** The team's saved hunts with what each finds now (the overview's watch panel). */
  hunts: route({ method: 'GET', permission: 'data.read', path: '/api/hunts', response: huntsAnswerSchema }),
  hunt: route({
    method: 'GET',
    permission: 'data.read',
    path: '/api/hunts/:id',
    response: huntResultsSchema,
  }),
  addHunt: route({
    method: 'POST',
    permission: 'watch.write',
    path: '/api/hunts',
    body: newHuntSchema,
    response: z.object({ hunt: huntSchema }),
    status: 201,
  }),
  removeHunt: route({
    method: 'DELETE',
    permission: 'watch.write',
    path: '/api/hunts/:id',
    response: okSchema,
  }),

  // administration
  users: route({
    method: 'GET',
    permission: 'admin',
    path: '/api/users',
    response: z.object({ users: z.array(userSchema) }),
  }),
  addUser: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/users',
    body: newUserSchema,
    response: z.object({ user: userSchema }),
    status: 201,
  }),
  disableUser: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/users/:name/disable',
    response: okSchema.extend({ endedSessions: z.number() }),
  }),
  /** Removes a user's second factor (a lost phone) and ends their sessions; they enrol again at their next sign-in. */
  resetTotp: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/users/:name/totp/reset',
    response: okSchema.extend({ endedSessions: z.number() }),
  }),
  enableUser: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/users/:name/enable',
    response: okSchema,
  }),
  setPassword: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/users/:name/password',
    body: passwordBodySchema,
    response: okSchema,
  }),
  tokens: route({
    method: 'GET',
    permission: 'admin',
    path: '/api/display-tokens',
    response: z.object({ tokens: z.array(displayTokenSchema) }),
  }),
  createToken: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/display-tokens',
    body: newDisplayTokenSchema,
    response: createdTokenSchema,
    status: 201,
  }),
  revokeToken: route({
    method: 'DELETE',
    permission: 'admin',
    path: '/api/display-tokens/:id',
    response: okSchema,
  }),
  apiTokens: route({
    method: 'GET',
    permission: 'admin',
    path: '/api/api-tokens',
    response: z.object({ tokens: z.array(apiTokenSchema) }),
  }),
  createApiToken: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/api-tokens',
    body: newApiTokenSchema,
    response: createdApiTokenSchema,
    status: 201,
  }),
  /** By id or by name. */
  revokeApiToken: route({
    method: 'DELETE',
    permission: 'admin',
    path: '/api/api-tokens/:id',
    response: okSchema,
  }),
  /** Every live session (admin). */
  sessions: route({ method: 'GET', permission: 'admin', path: '/api/sessions', response: sessionListSchema }),
  /** Ends a session: any (admin), or one of the caller's own. */
  endSession: route({
    method: 'DELETE',
    permission: 'account.own',
    path: '/api/sessions/:id',
    response: okSchema,
  }),
  accountPolicy: route({
    method: 'GET',
    permission: 'admin',
    path: '/api/account-policy',
    response: accountPolicySchema,
  }),
  saveAccountPolicy: route({
    method: 'PUT',
    permission: 'admin',
    path: '/api/account-policy',
    body: accountPolicyPatchSchema,
    response: accountPolicySchema,
  }),
  settings: route({
    method: 'GET',
    permission: 'admin',
    path: '/api/settings',
    response: settingsAnswerSchema,
  }),
  saveSettings: route({
    method: 'PUT',
    permission: 'admin',
    path: '/api/settings',
    body: settingsPatchSchema,
    response: settingsAnswerSchema,
  }),
  deliveries: route({
    method: 'GET',
    permission: 'admin',
    path: '/api/webhooks/deliveries',
    response: z.object({ deliveries: z.array(deliverySchema) }),
  }),
  dlq: route({
    method: 'GET',
    permission: 'admin',
    path: '/api/dlq',
    query: dlqListQuerySchema,
    response: dlqPageSchema,
  }),
  requeue: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/dlq/requeue',
    body: requeueBodySchema,
    response: requeueResultSchema,
  }),
  intel: route({ method: 'GET', permission: 'admin', path: '/api/intel', response: intelStatusSchema }),
  /** The processes sharing this Redis (roles, partitions, heartbeats) and each partition's owner, lag and snapshot. */
  cluster: route({ method: 'GET', permission: 'admin', path: '/api/cluster', response: clusterSchema }),
  intelRefresh: route({
    method: 'POST',
    permission: 'admin',
    path: '/api/intel/refresh',
    response: intelStatusSchema,
  }),
} as const satisfies Record<string, RouteDef>;

export type ApiRoutes = typeof API;

/** `{ip: string}` for `/api/hosts/:ip`; `{}` for a path without parameters. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** What the caller gives: path parameters, the query (as the schema takes it) and the body. */
export type RouteInput<R extends RouteDef> = (keyof PathParams<R['path']> extends never
  ? { params?: undefined }
  : { params: PathParams<R['path']> }) &
  (R['query'] extends z.ZodType ? { query: z.input<R['query']> } : { query?: undefined }) &
  (R['body'] extends z.ZodType ? { body: z.input<R['body']> } : { body?: undefined });

/** The answer a handler returns (what the schema takes), and what the client gets (what it gives). */
export type RouteAnswerIn<R extends RouteDef> = z.input<R['response']>;
export type RouteAnswer<R extends RouteDef> = z.output<R['response']>;

/** The path with its parameters filled in (URI-encoded) and the query string (empty values left out). */
export function routeUrl(
  def: RouteDef,
  params: Record<string, string> = {},
  query: Record<string, unknown> = {},
): string {
  const path = def.path.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${def.path}: no value for :${name}`);
    return encodeURIComponent(v);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const item of Array.isArray(v) ? v : [v])
      if (item !== undefined && item !== null && item !== '') q.append(k, String(item));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
