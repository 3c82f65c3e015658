/** @module Administration over HTTP: users, display tokens, settings (alert thresholds, webhooks), deliveries, DLQ. */
import { z } from 'zod';
import { localeSchema, textParamsSchema } from '../locale.js';
import { hasUserInfo } from '../redact-url.js';
import { roleSchema } from '../roles.js';
import { REJECT_REASONS } from './telemetry.js';

export const userSchema = z.object({
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.number(),
  /** The language the user chose for the screens; absent: their browser's. */
  locale: localeSchema.optional(),
});
export type User = z.infer<typeof userSchema>;

/** `POST /api/users`. The account service checks the name and password rules. */
export const newUserSchema = z.object({ username: z.string(), role: roleSchema, password: z.string() });
export const passwordBodySchema = z.object({ password: z.string() });

export const displayTokenSchema = z.object({
  id: z.string(),
  /** As written (by an admin, the CLI); English where the server made the token (then `labelKey` says it). */
  label: z.string(),
  /** A label the server wrote, as a catalogue key (`server.<key>`) the screens translate. */
  labelKey: z.string().optional(),
  segments: z.array(z.string()),
  createdAt: z.number(),
  /** A user name, `cli:<account>`, or `FIRST_START_ACTOR`. */
  createdBy: z.string(),
  /** The wall's language; absent: the screen's browser decides (`?lang=` on the URL overrides both). */
  locale: localeSchema.optional(),
});
export type DisplayToken = z.infer<typeof displayTokenSchema>;

/**
 * The wall link the first start makes: made by no user (a user name has no space), its label in English for programs
 * and the CLI, and as a catalogue key for the screens.
 */
export const FIRST_START_ACTOR = 'first start';
export const FIRST_START_WALL = { label: 'operations room wall', labelKey: 'token.first_wall' } as const;

/** `POST /api/display-tokens`: a label and the segments the wall may show (none: all). */
export const newDisplayTokenSchema = z.object({
  label: z.string().trim().min(1).max(80),
  segments: z.array(z.string().trim().min(1).max(64)).max(64).default([]),
  locale: localeSchema.optional(),
});
export type NewDisplayToken = z.input<typeof newDisplayTokenSchema>;

/** The secret and the wall URL are shown only in this answer. */
export const createdTokenSchema = z.object({
  token: displayTokenSchema,
  secret: z.string(),
  url: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

/** The bounds of each setting (the admin form checks the same before sending). */
export const SETTINGS_LIMITS = {
  raise: [1, 100],
  raiseHoldMs: [0, 3_600_000],
  clear: [0, 100],
  clearHoldMs: [0, 86_400_000],
  watchRaise: [1, 100],
  webhooks: 20,
} as const;
const L = SETTINGS_LIMITS;

/** Admin settings: the alert rule's thresholds and hold times, and webhook URLs. */
export const settingsSchema = z
  .object({
    /** Score at which an alert is raised. */
    raise: z.number().min(L.raise[0]).max(L.raise[1]),
    /** Time the score must stay at or above `raise`, ms. */
    raiseHoldMs: z.number().int().min(L.raiseHoldMs[0]).max(L.raiseHoldMs[1]),
    /** Score below which the episode may end (hysteresis). */
    clear: z.number().min(L.clear[0]).max(L.clear[1]),
    /** Time the score must stay below `clear`, ms. */
    clearHoldMs: z.number().int().min(L.clearHoldMs[0]).max(L.clearHoldMs[1]),
    /** Score at which a watched host's alert is raised (the watchlist's lower threshold). */
    watchRaise: z.number().min(L.watchRaise[0]).max(L.watchRaise[1]),
    webhooks: z
      .array(
        z
          .string()
          .url()
          .refine((u) => /^https?:/.test(u), 'http(s) only'),
      )
      .max(L.webhooks),
  })
  .refine((s) => s.clear < s.raise, 'clear must be below raise (hysteresis)');
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A webhook URL given now: one with a user name or password is refused, since fetch never sends it (it answered 200
 * and failed on every alert). Only where URLs are given: settings stored before still load.
 */
const givenWebhookSchema = z.string().refine((u) => !hasUserInfo(u), {
  message:
    'a URL with a user name or password (user:password@) cannot be delivered to; put the secret in the path',
  params: { text: 'url_user_info' },
});

/** `PUT /api/settings`: any of the settings; the result must be valid as a whole. */
export const settingsPatchSchema = z
  .object({
    raise: z.number(),
    raiseHoldMs: z.number(),
    clear: z.number(),
    clearHoldMs: z.number(),
    watchRaise: z.number(),
    webhooks: z.array(givenWebhookSchema),
  })
  .partial()
  // a field of another name is refused, not ignored: a script's typo (`raise_threshold`) answered 200, nothing changed
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsAnswerSchema = z.object({ settings: settingsSchema });

export const deliverySchema = z.object({
  at: z.number(),
  url: z.string(),
  event: z.string(),
  alertId: z.string(),
  attempt: z.number(),
  ok: z.boolean(),
  status: z.number(),
  error: z.string().optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

const streamId = z.string().regex(/^\d{1,20}-\d{1,20}$/, 'must be a stream entry id such as 1700000000000-0');
const reason = z.enum(REJECT_REASONS);

/** `GET /api/dlq` query. */
export const dlqListQuerySchema = z.object({
  reason: reason.optional(),
  /** Entry id of the last item of the previous page; the page holds older entries. */
  cursor: streamId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DlqListQuery = z.input<typeof dlqListQuerySchema>;

/** `POST /api/dlq/requeue` body: exactly one of `ids`, `reason`, `all: true`. */
export const requeueBodySchema = z
  .object({
    ids: z.array(streamId).min(1).max(1000).optional(),
    reason: reason.optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => [b.ids, b.reason, b.all].filter((v) => v !== undefined).length === 1, {
    message: 'say which to requeue, one way only: every entry (all), a reason, or entry ids',
  });
export type RequeueSelection = z.infer<typeof requeueBodySchema>;

export const dlqItemSchema = z.object({
  /** Entry id in the DLQ. */
  id: z.string(),
  /** Input key the entry came from. */
  source: z.string(),
  /** Entry id in the source stream. */
  entryId: z.string(),
  reason: z.string(),
  /** English, for programs. */
  detail: z.string(),
  /** The detail as a catalogue key (`server.<key>`, e.g. `dlq.required`) and its parameters, for screens. */
  key: z.string().optional(),
  params: textParamsSchema.optional(),
  /** The raw entry (truncated to 8 KiB). */
  raw: z.string(),
  /** When it was dead-lettered, epoch ms. */
  at: z.number(),
});
export type DlqItem = z.infer<typeof dlqItemSchema>;

export const dlqPageSchema = z.object({
  items: z.array(dlqItemSchema),
  /** Pass as `cursor` for the next (older) page; null when nothing older is left. */
  nextCursor: z.string().nullable(),
  /** Entries in the DLQ, all reasons. */
  total: z.number(),
});
export type DlqPage = z.infer<typeof dlqPageSchema>;

export const requeueResultSchema = z.object({
  requeued: z.number(),
  /** Entries that stay in the DLQ, with why (at most 1000 listed). */
  failed: z.array(z.object({ id: z.string(), message: z.string() })),
});
export type RequeueResult = z.infer<typeof requeueResultSchema>;
