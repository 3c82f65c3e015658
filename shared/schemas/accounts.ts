/** @module Accounts over HTTP: API tokens, sessions and the account policy (DESIGN.md "Roles", issue 22). */
import { z } from 'zod';
import { ROLES } from '../roles.js';

/** The roles an API token may carry: never admin. */
export const API_TOKEN_ROLES = ['operator', 'lead'] as const;
export const apiTokenRoleSchema = z.enum(API_TOKEN_ROLES);
export type ApiTokenRole = z.infer<typeof apiTokenRoleSchema>;

/** A token's name: it is the audit trail's actor (`token:NAME`), unique among live tokens. */
export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits and . _ - only');

/** Longest lifetime of an API token, days (ten years). */
export const API_TOKEN_MAX_DAYS = 3650;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: apiTokenRoleSchema,
  createdAt: z.number(),
  createdBy: z.string(),
  /** Epoch ms after which the token is refused; null: until revoked. */
  expiresAt: z.number().nullable(),
  /** Last request made with it (epoch ms) and from where; null before the first. */
  lastUsedAt: z.number().nullable(),
  lastUsedFrom: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** `POST /api/api-tokens` (strict: a misspelt lifetime is refused, not a token that never expires). */
export const newApiTokenSchema = z
  .object({
    name: apiTokenNameSchema,
    role: apiTokenRoleSchema,
    /** Lifetime in days; absent: until revoked. */
    expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).optional(),
  })
  .strict();
export type NewApiToken = z.input<typeof newApiTokenSchema>;

/** The secret is shown only in this answer. */
export const createdApiTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

/** How a session was opened. */
export const SIGN_IN_METHODS = ['password', 'oidc'] as const;
export const signInMethodSchema = z.enum(SIGN_IN_METHODS);
export type SignInMethod = z.infer<typeof signInMethodSchema>;

/** One live session as an admin (or its owner) sees it; `id` is a public handle, never the cookie's secret. */
export const sessionInfoSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  via: signInMethodSchema,
  /** Second factors used to sign in: `totp` for a local account, the provider's `amr` claim with OIDC. */
  amr: z.array(z.string()),
  address: z.string(),
  userAgent: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  /** True for the session that made the request. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const sessionListSchema = z.object({ sessions: z.array(sessionInfoSchema) });

/** `POST /api/sessions/mine/end`: every session of the caller, or all but the one making the request. */
export const endMySessionsSchema = z.object({ keepCurrent: z.boolean().default(false) });

/** `GET /api/me/totp`: the caller's second factor. */
export const totpStatusSchema = z.object({
  enrolled: z.boolean(),
  /** The sign-in policy requires it for the caller's role. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TotpStatus = z.infer<typeof totpStatusSchema>;

/** `POST /api/me/totp/enrol`: the secret to scan, shown once (a new enrolment replaces an unconfirmed one). */
export const totpEnrolmentSchema = z.object({
  secret: z.string(),
  /** `otpauth://totp/…` as authenticator apps read it. */
  uri: z.string(),
  /** The URI as a QR code, a `data:image/png` URL. */
  qr: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

/** A code from the authenticator app (6 digits) or a recovery code. */
export const totpCodeSchema = z.string().trim().min(6).max(32);
export const totpBodySchema = z.object({ totp: totpCodeSchema });

/** `POST /api/me/totp/confirm`: the recovery codes, shown once. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

/** Local passwords: for everyone, for break-glass admins only, or off (single sign-on only). */
export const LOCAL_LOGIN = ['all', 'admin', 'off'] as const;

/** `GET /api/sign-in`: how the login page offers to sign in. */
export const signInOptionsSchema = z.object({
  /** Single sign-on is configured: `GET /api/auth/oidc/login?next=` starts it. */
  sso: z.boolean(),
  local: z.enum(LOCAL_LOGIN),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/** Admin policy for sign-in (kept in Redis, the same on every instance). */
export const accountPolicySchema = z.object({
  /** Roles whose local accounts must use a second factor (TOTP). @default none */
  totpRequired: z.array(z.enum(ROLES)).max(ROLES.length),
  /** A new sign-in ends the user's other sessions. @default false */
  newLoginEndsOthers: z.boolean(),
});
export type AccountPolicy = z.infer<typeof accountPolicySchema>;
export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = { totpRequired: [], newLoginEndsOthers: false };
export const accountPolicyPatchSchema = accountPolicySchema.partial();
