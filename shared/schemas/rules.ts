/** @module Suppression rules: what a lead writes, what is stored, and what a false positive suggests. */
import { z } from 'zod';

/** `POST /api/rules`: a rule names an entity, a detector, or both, and always expires. */
export const newRuleSchema = z
  .object({
    entity: z.string().trim().min(1).max(128).optional(),
    detector: z.string().trim().min(1).max(64).optional(),
    segment: z.string().trim().min(1).max(64).optional(),
    reason: z.string().trim().min(1, 'a reason is required').max(1000),
    expiresAt: z.number().int().positive(),
  })
  .refine((r) => r.entity || r.detector, 'a rule names an entity, a detector, or both');
export type NewRule = z.infer<typeof newRuleSchema>;

export const ruleSchema = z.object({
  id: z.string(),
  entity: z.string().optional(),
  detector: z.string().optional(),
  segment: z.string().optional(),
  reason: z.string(),
  author: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type Rule = z.infer<typeof ruleSchema>;

/** The rule a false-positive resolve suggests: this detector on this entity, for a week. */
export const suggestedRuleSchema = z.object({
  entity: z.string(),
  detector: z.string(),
  segment: z.string(),
  reason: z.string(),
  expiresAt: z.number(),
});
export type SuggestedRule = z.infer<typeof suggestedRuleSchema>;
