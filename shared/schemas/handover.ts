/**
 * @module The written handover: the shift summary and the "watch for" items leads write on `/handover`, what a
 * hand-over keeps for the next shift, and the part of it chosen for the wall.
 */
import { z } from 'zod';

/** Longest summary and watch-for item, in characters (the wall shows the first lines of each). */
export const HANDOVER_LIMITS = { summary: 4000, item: 500, openItems: 50 } as const;

const summaryText = z.string().trim().max(HANDOVER_LIMITS.summary);
const itemText = z.string().trim().min(1, 'text is required').max(HANDOVER_LIMITS.item);

/** One thing the next shift should watch for; it stays open, shift after shift, until a lead closes it. */
export const watchItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** Shown on the wall. */
  onWall: z.boolean(),
  author: z.string(),
  at: z.number(),
});
export type WatchItem = z.infer<typeof watchItemSchema>;

/** This shift's summary as being written (compare-and-set on `version`). */
export const handoverDraftSchema = z.object({
  summary: z.string(),
  /** Shown on the wall. */
  onWall: z.boolean(),
  version: z.number(),
  updatedAt: z.number().nullable(),
  updatedBy: z.string().nullable(),
});
export type HandoverDraft = z.infer<typeof handoverDraftSchema>;

/** A shift handed over: its summary and the watch-for items open at that moment, kept for the next shifts. */
export const handedOverSchema = z.object({
  id: z.string(),
  summary: z.string(),
  onWall: z.boolean(),
  /** Who last wrote the summary, and when. */
  writtenBy: z.string().nullable(),
  writtenAt: z.number().nullable(),
  handedOverBy: z.string(),
  handedOverAt: z.number(),
  items: z.array(watchItemSchema),
});
export type HandedOver = z.infer<typeof handedOverSchema>;

/** `GET /api/handover`: this shift's draft, the open watch-for items, and the last shift handed over. */
export const handoverAnswerSchema = z.object({
  draft: handoverDraftSchema,
  items: z.array(watchItemSchema),
  previous: handedOverSchema.nullable(),
});
export type HandoverAnswer = z.infer<typeof handoverAnswerSchema>;

/** `PUT /api/handover/summary`. */
export const summaryBodySchema = z.object({
  summary: summaryText,
  onWall: z.boolean(),
  version: z.number().int().nonnegative(),
});
/** `POST /api/handover/items`. */
export const newWatchItemSchema = z.object({ text: itemText, onWall: z.boolean().default(false) });
/** `PUT /api/handover/items/:id`: whether the wall shows it. */
export const watchItemPatchSchema = z.object({ onWall: z.boolean() });
/** `POST /api/handover/hand-over`: the draft version the lead read (a summary changed since is a conflict). */
export const handOverBodySchema = z.object({ version: z.number().int().nonnegative() });

/** What the wall shows of the handover (socket `handover` event, and the snapshot): only what a lead chose. */
export const wallHandoverSchema = z.object({
  summary: z
    .object({ text: z.string(), author: z.string().nullable(), at: z.number().nullable() })
    .nullable(),
  items: z.array(watchItemSchema.pick({ id: true, text: true, author: true, at: true })),
});
export type WallHandover = z.infer<typeof wallHandoverSchema>;
