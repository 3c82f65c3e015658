/**
 * @module HTTP answers of the data routes: client configuration, the wall's identity, host detail and notes,
 * sensors, search, series history and example events read back from their stream.
 */
import { z } from 'zod';
import { localeSchema } from '../locale.js';
import { alertSchema, severityBandsSchema } from './alert.js';
import { seriesPointSchema } from './frame.js';
import { hostScoreSchema } from './score.js';

/** The alert rule's thresholds and the severity bands, as the server applies them (the screens draw these). */
export const alertingSchema = z.object({
  /** Score at or above which an alert is raised (admin setting). */
  raise: z.number(),
  /** Score below which an episode may end. */
  clear: z.number(),
  /** Lowest score of each severity. */
  bands: severityBandsSchema,
});
export type Alerting = z.infer<typeof alertingSchema>;

/** A banner colour safe to put into a style attribute: `#rgb`/`#rrggbb`, or a plain CSS colour name. */
export const bannerColourSchema = z.string().regex(/^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$/);

/** The classification banner, top and bottom of every screen (`WF_CLASSIFICATION`, `WF_CLASSIFICATION_COLOUR`). */
export const classificationSchema = z.object({
  text: z.string().min(1).max(200),
  colour: bannerColourSchema,
});
export type Classification = z.infer<typeof classificationSchema>;

/** `GET /api/config`: what the screens need before login (banner, tick). */
export const clientConfigSchema = z.object({
  classification: classificationSchema,
  tickMs: z.number(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

/** `GET /api/wall` (display token): the wall's own label, the segments it may show, and the alert rule it draws. */
export const wallInfoSchema = z.object({
  label: z.string(),
  /** A label the server wrote, as a catalogue key (`server.<key>`) the screens translate. */
  labelKey: z.string().optional(),
  segments: z.array(z.string()),
  alerting: alertingSchema,
  /** The language the token names for its wall; absent: the screen's browser decides. */
  locale: localeSchema.optional(),
});
export type WallInfo = z.infer<typeof wallInfoSchema>;

/** One event as kept for drill-down (a normalized event; every field attacker-controlled). */
export const recentEventSchema = z.record(z.string(), z.unknown());

/** One tick of a host's held score, with each detector's share of it. */
export const timelinePointSchema = z.object({
  t: z.number(),
  score: z.number(),
  parts: z.record(z.string(), z.number()),
});
export type TimelinePoint = z.infer<typeof timelinePointSchema>;

export const hostNoteSchema = z.object({ at: z.number(), author: z.string(), text: z.string() });
export type HostNote = z.infer<typeof hostNoteSchema>;

/** `POST /api/hosts/:ip/notes`. */
export const newHostNoteSchema = z.object({ text: z.string().trim().min(1, 'text is required').max(4000) });
export const hostNoteAnswerSchema = z.object({ note: hostNoteSchema });

/**
 * `GET /api/hosts/:ip`: the host's live score, reasons, recent events and timeline (null when the scorer holds
 * nothing for it), its notes (newest first) and its alerts (unresolved, and resolved in the last 7 days).
 */
export const hostDetailSchema = z.object({
  ip: z.string(),
  host: hostScoreSchema
    .extend({ recent: z.array(recentEventSchema), timeline: z.array(timelinePointSchema) })
    .nullable(),
  notes: z.array(hostNoteSchema),
  alerts: z.array(alertSchema),
});
export type HostDetail = z.infer<typeof hostDetailSchema>;

export const sensorSchema = z.object({
  sensor: z.string(),
  segment: z.string(),
  /** Newest event time from this sensor, epoch ms. */
  lastSeen: z.number(),
  /** Wall clock of the last event received from it, epoch ms. */
  lastArrival: z.number(),
  /** Events a second received from it over the silence limit's seconds (a minute by default), to two decimals. */
  eventsPerSec: z.number(),
  /** No event for longer than the silence limit while it used to send. */
  silent: z.boolean(),
});
export type Sensor = z.infer<typeof sensorSchema>;
export const sensorsAnswerSchema = z.object({ sensors: z.array(sensorSchema) });

/** Seconds per bucket of the sensors' history: each sensor's events are counted per 10 s as they arrive. */
export const SENSOR_HISTORY_BUCKET_S = 10;
/** Sensors an answer of `GET /api/sensors/history` holds at most. */
export const SENSOR_HISTORY_MAX = 20;
/**
 * `GET /api/sensors/history` query: the events each sensor sent per second, averaged per `step` (a multiple of the
 * 10 s bucket), over at most 24 h; the `top` busiest sensors of the window, or the ones named by `sensor`.
 */
export const sensorHistoryQuerySchema = z.object({
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  step: z.coerce
    .number()
    .int()
    .min(SENSOR_HISTORY_BUCKET_S)
    .max(3600)
    .refine(
      (s) => s % SENSOR_HISTORY_BUCKET_S === 0,
      `step must be a multiple of ${SENSOR_HISTORY_BUCKET_S} s`,
    )
    .default(SENSOR_HISTORY_BUCKET_S),
  sensor: z
    .preprocess(
      (v) => (Array.isArray(v) ? v : v === undefined ? undefined : [v]),
      z.array(z.string().min(1).max(128)).min(1).max(SENSOR_HISTORY_MAX),
    )
    .optional(),
  top: z.coerce.number().int().min(1).max(SENSOR_HISTORY_MAX).default(8),
});
/**
 * The window's steps in which any of the sensors answered sent (a step missing is one in which Watchfloor received
 * nothing from them: down, or cut off, rather than one sensor's silence), and per sensor its events per second at
 * each of those steps (0: this sensor sent nothing then; the newest step averaged over its part that has ended),
 * busiest first; `total`: the sensors that sent in the window.
 */
export const sensorHistoryAnswerSchema = z.object({
  from: z.number(),
  to: z.number(),
  step: z.number(),
  t: z.array(z.number()),
  sensors: z.array(z.object({ sensor: z.string(), events: z.number(), eventsPerSec: z.array(z.number()) })),
  total: z.number().int(),
});
export type SensorHistoryAnswer = z.infer<typeof sensorHistoryAnswerSchema>;

export const SEARCH_TYPES = ['host', 'segment', 'sensor', 'asset'] as const;
export const searchResultSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.string(),
  label: z.string(),
  segment: z.string().optional(),
  /** A host's score now (hosts and assets). */
  score: z.number().optional(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
export const searchQuerySchema = z.object({ q: z.string().trim().min(1, 'q is required').max(100) });
/** The best matches (ranked: exact, asset names, then by score) and how many matched in all. */
export const searchAnswerSchema = z.object({ results: z.array(searchResultSchema), total: z.number().int() });
export type SearchAnswer = z.infer<typeof searchAnswerSchema>;

/** `GET /api/peers` query: an address or a name (a domain, an indicator's value). */
export const peersQuerySchema = z.object({ q: z.string().trim().min(1, 'q is required').max(256) });
/**
 * A host whose detectors' state names the address asked for: as a beacon's destination, a new contact, a domain of
 * suspect queries, a failed target, a matched indicator (`by`), each with when it was last seen there (event time).
 */
export const peerMatchSchema = z.object({
  ip: z.string(),
  segment: z.string(),
  /** The host's score now. */
  score: z.number(),
  seen: z.array(z.object({ detector: z.string(), value: z.string(), at: z.number() })),
});
export type PeerMatch = z.infer<typeof peerMatchSchema>;
/** Hosts naming the address, the most recently seen first, at most {@link PEERS_LIMIT}; `total` counts them all. */
export const peersAnswerSchema = z.object({
  q: z.string(),
  peers: z.array(peerMatchSchema),
  total: z.number().int(),
});
export type PeersAnswer = z.infer<typeof peersAnswerSchema>;
/** Hosts a peers answer lists at most. */
export const PEERS_LIMIT = 50;

/** A query string's `true` or `false`. */
export const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `GET /api/series` query: history beyond the live buffer, at most 24 h per request. */
export const seriesQuerySchema = z.object({
  segment: z.string().min(1).max(64).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  /** Seconds per point (1–3600): events and bytes become per-second averages, score the maximum. @default 1 */
  step: z.coerce.number().int().min(1).max(3600).default(1),
  /**
   * `false`: the points leave out `byKind` (the explored charts draw none of it; a third of the answer, and of the
   * browser's work to check it). @default true
   */
  kinds: queryFlag.default(true),
});
const seriesSpan = { from: z.number(), to: z.number(), step: z.number() };
/** A series point without its per-kind counts (`kinds=false`). */
export const seriesRatesPointSchema = seriesPointSchema.omit({ byKind: true });
export type SeriesRatesPoint = z.infer<typeof seriesRatesPointSchema>;
/** `GET /api/series` answer: the points with their per-kind counts, or without them (`kinds: false`) when asked. */
export const seriesAnswerSchema = z.discriminatedUnion('kinds', [
  z.object({ ...seriesSpan, kinds: z.literal(true).optional(), points: z.array(seriesPointSchema) }),
  z.object({ ...seriesSpan, kinds: z.literal(false), points: z.array(seriesRatesPointSchema) }),
]);
export type SeriesAnswer = z.infer<typeof seriesAnswerSchema>;

/** `GET /api/events?ref=…&ref=…`: 1 to 20 refs (`<stream>/<entry id>`) of reasons' example events. */
export const eventsQuerySchema = z.object({
  ref: z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]),
    z.array(z.string().min(1).max(300)).min(1, '1 to 20 event refs').max(20, '1 to 20 event refs'),
  ),
});
/** Each ref with its event decoded again, or null when the stream no longer holds it. */
export const eventsAnswerSchema = z.object({
  events: z.array(z.object({ ref: z.string(), event: recentEventSchema.nullable() })),
});
