/**
 * @module The admin endpoints (users, display tokens, API tokens, sessions, sign-in policy, settings, webhook
 * deliveries, DLQ) as calls on the shared contract; the shapes are those of `shared/schemas/admin.ts` and
 * `shared/schemas/accounts.ts`.
 */

import type { Locale } from '../../../../shared/locale.js';
import type { Role } from '../../../../shared/roles.js';
import type { AccountPolicy, NewApiToken } from '../../../../shared/schemas/accounts.js';
import type { DlqListQuery, RequeueSelection, SettingsPatch } from '../../../../shared/schemas/admin.js';
import { API, call } from '../../lib/api.js';

export {
  type AccountPolicy,
  API_TOKEN_MAX_DAYS,
  API_TOKEN_ROLES,
  type ApiToken,
  type ApiTokenRole,
  type CreatedApiToken,
  type SessionInfo,
} from '../../../../shared/schemas/accounts.js';
export type {
  CreatedToken,
  Delivery,
  DisplayToken,
  DlqItem,
  DlqPage,
  RequeueResult,
  Settings,
  User,
} from '../../../../shared/schemas/admin.js';
export { REJECT_REASONS, type RejectReason } from '../../../../shared/schemas/telemetry.js';

export const adminApi = {
  users: (signal: AbortSignal) => call(API.users, {}, { signal }).then((a) => a.users),
  addUser: (body: { username: string; role: Role; password: string }) =>
    call(API.addUser, { body }).then((a) => a.user),
  setDisabled: (name: string, disabled: boolean) =>
    call(disabled ? API.disableUser : API.enableUser, { params: { name } }),
  setPassword: (name: string, password: string) =>
    call(API.setPassword, { params: { name }, body: { password } }),
  resetTotp: (name: string) => call(API.resetTotp, { params: { name } }),

  tokens: (signal: AbortSignal) => call(API.tokens, {}, { signal }).then((a) => a.tokens),
  createToken: (label: string, segments: string[], locale?: Locale) =>
    call(API.createToken, { body: { label, segments, ...(locale ? { locale } : {}) } }),
  revokeToken: (id: string) => call(API.revokeToken, { params: { id } }),

  apiTokens: (signal: AbortSignal) => call(API.apiTokens, {}, { signal }).then((a) => a.tokens),
  createApiToken: (body: NewApiToken) => call(API.createApiToken, { body }),
  revokeApiToken: (id: string) => call(API.revokeApiToken, { params: { id } }),

  sessions: (signal: AbortSignal) => call(API.sessions, {}, { signal }).then((a) => a.sessions),
  endSession: (id: string) => call(API.endSession, { params: { id } }),
  accountPolicy: (signal: AbortSignal) => call(API.accountPolicy, {}, { signal }),
  saveAccountPolicy: (patch: Partial<AccountPolicy>) => call(API.saveAccountPolicy, { body: patch }),

  settings: (signal: AbortSignal) => call(API.settings, {}, { signal }).then((a) => a.settings),
  saveSettings: (patch: SettingsPatch) => call(API.saveSettings, { body: patch }).then((a) => a.settings),
  deliveries: (signal: AbortSignal) => call(API.deliveries, {}, { signal }).then((a) => a.deliveries),

  dlq: (query: DlqListQuery, signal: AbortSignal) => call(API.dlq, { query }, { signal }),
  requeue: (selection: RequeueSelection) => call(API.requeue, { body: selection }),
};

/** The message to show for a failed call (the server's text translated; see i18n/server-text.ts). */
export { errorText } from '../../i18n/server-text.js';
