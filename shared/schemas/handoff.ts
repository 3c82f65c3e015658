/** @module Hand-off of an alert: its exports (STIX 2.1 bundle, MISP event) and the push to TheHive 5. */
import { z } from 'zod';

export const HANDOFF_FORMATS = ['stix', 'misp'] as const;
export type HandoffFormat = (typeof HANDOFF_FORMATS)[number];

/** `GET /api/alerts/:id/export?format=stix|misp` (answered as a JSON download). */
export const exportQuerySchema = z.object({ format: z.enum(HANDOFF_FORMATS) });

/** A STIX bundle or a MISP event: checked by structure in the tests, not re-declared here. */
export const exportAnswerSchema = z.record(z.string(), z.unknown());

/** `POST /api/alerts/:id/thehive`: the id TheHive gave the alert, and what went with it. */
export const theHivePushAnswerSchema = z.object({
  theHiveId: z.string(),
  observables: z.number().int(),
  /** ATT&CK procedures sent (0 when TheHive's catalogue refused them and the alert went without). */
  procedures: z.number().int(),
});
export type TheHivePushAnswer = z.infer<typeof theHivePushAnswerSchema>;
