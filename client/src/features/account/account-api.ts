/** @module The caller's own account endpoints (sessions, second factor, language) as calls on the shared contract. */
import type { Locale } from '../../../../shared/locale.js';
import { API, call } from '../../lib/api.js';

export type { SessionInfo, TotpEnrolment, TotpStatus } from '../../../../shared/schemas/accounts.js';

export const accountApi = {
  sessions: (signal: AbortSignal) => call(API.mySessions, {}, { signal }).then((a) => a.sessions),
  endSession: (id: string) => call(API.endSession, { params: { id } }),
  endOthers: () => call(API.endMySessions, { body: { keepCurrent: true } }),
  totp: (signal: AbortSignal) => call(API.myTotp, {}, { signal }),
  enrol: () => call(API.enrolTotp),
  confirm: (totp: string) => call(API.confirmTotp, { body: { totp } }).then((a) => a.recoveryCodes),
  remove: (totp: string) => call(API.removeTotp, { body: { totp } }),
  setLocale: (locale: Locale | null) => call(API.setMyLocale, { body: { locale } }),
};
