/** @module Ground truth of injected scenarios, as written to the `simTruth` stream and read back by evaluations. */
import { z } from 'zod';

export const SCENARIO_NAMES = [
  'port-scan',
  'beacon',
  'exfiltration',
  'dns-tunnel',
  'password-guess',
  'slow-scan',
  'sweep',
  'weak-evidence',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const groundTruthSchema = z.object({
  /** Plan id, unique per scheduled scenario (e.g. `beacon-mabc123`). */
  id: z.string().min(1),
  scenario: z.enum(SCENARIO_NAMES),
  /** The source IP the scenario's events are about. */
  entity: z.string().min(1),
  segment: z.string().min(1),
  /** Epoch ms, inclusive. */
  start: z.number().int(),
  /** Epoch ms, exclusive. */
  end: z.number().int(),
  description: z.string(),
  /** The counterpart: C2 or exfiltration address, tunnel domain, target DC…, when there is one. */
  target: z.string().optional(),
});
export type GroundTruth = z.infer<typeof groundTruthSchema>;

/** Flat field/value pairs for `XADD <simTruth> MAXLEN ~ cap * …` (numbers as decimal strings). */
export function truthToFields(t: GroundTruth): string[] {
  const fields = [
    'id',
    t.id,
    'scenario',
    t.scenario,
    'entity',
    t.entity,
    'segment',
    t.segment,
    'start',
    String(t.start),
    'end',
    String(t.end),
    'description',
    t.description,
  ];
  if (t.target !== undefined) fields.push('target', t.target);
  return fields;
}

/** Parses an entry read back from the truth stream (the flat array Redis returns); throws a ZodError if malformed. */
export function truthFromFields(fields: readonly string[]): GroundTruth {
  const o: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) o[fields[i]!] = fields[i + 1]!;
  return groundTruthSchema.parse({ ...o, start: Number(o.start), end: Number(o.end) });
}
