/**
 * @module The admin endpoints (users, display tokens, settings, webhook deliveries, DLQ) as calls on the shared
 * contract; the shapes are those of `shared/schemas/admin.ts`.
 */
import type { Role } from '../../../../shared/roles.js';
import type { DlqListQuery, RequeueSelection, SettingsPatch } from '../../../../shared/schemas/admin.js';
import { API, call } from '../../lib/api.js';

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

  tokens: (signal: AbortSignal) => call(API.tokens, {}, { signal }).then((a) => a.tokens),
  createToken: (label: string, segments: string[]) => call(API.createToken, { body: { label, segments } }),
  revokeToken: (id: string) => call(API.revokeToken, { params: { id } }),

  settings: (signal: AbortSignal) => call(API.settings, {}, { signal }).then((a) => a.settings),
  saveSettings: (patch: SettingsPatch) => call(API.saveSettings, { body: patch }).then((a) => a.settings),
  deliveries: (signal: AbortSignal) => call(API.deliveries, {}, { signal }).then((a) => a.deliveries),

  dlq: (query: DlqListQuery, signal: AbortSignal) => call(API.dlq, { query }, { signal }),
  requeue: (selection: RequeueSelection) => call(API.requeue, { body: selection }),
};

/** The message to show for a failed call. */
export function errorText(e: unknown, fallback: string): string {
  return e instanceof Error && e.message ? e.message : fallback;
}
