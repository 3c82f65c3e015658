/**
 * @module STIX 2.1 bundles: every `indicator` with a `stix` pattern becomes an indicator; its techniques come from its
 * own ATT&CK external references and from the `attack-pattern`s it `indicates`; `kill_chain_phases` of the
 * mitre-attack chain become `tactic:<phase>` labels (and technique ids when a phase names one). Revoked and expired
 * indicators are counted, not kept.
 */
import { z } from 'zod';
import { techniqueList as techniques } from '../../shared/attack.js';
import { parsePattern } from './stix-pattern.js';
import { DEFAULT_CONFIDENCE, type Indicator, type ParsedFeed, skip } from './types.js';

const externalRef = z.looseObject({ source_name: z.string().optional(), external_id: z.string().optional() });
const killChainPhase = z.looseObject({ kill_chain_name: z.string(), phase_name: z.string() });
const sdo = z.looseObject({ type: z.string(), id: z.string() });
const indicatorSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  pattern: z.string(),
  pattern_type: z.string().optional(),
  confidence: z.number().int().min(0).max(100).optional(),
  labels: z.array(z.string()).optional(),
  indicator_types: z.array(z.string()).optional(),
  valid_until: z.string().optional(),
  revoked: z.boolean().optional(),
  kill_chain_phases: z.array(killChainPhase).optional(),
  external_references: z.array(externalRef).optional(),
});
const attackPatternSchema = z.looseObject({
  id: z.string(),
  external_references: z.array(externalRef).optional(),
});
const relationshipSchema = z.looseObject({
  relationship_type: z.string(),
  source_ref: z.string(),
  target_ref: z.string(),
});
const bundleSchema = z.looseObject({ type: z.literal('bundle'), objects: z.array(z.unknown()) });

/** Whether parsed JSON looks like a STIX bundle (for recognising a bare feed by its content). */
export const isStixBundle = (json: unknown): boolean => bundleSchema.safeParse(json).success;

/** Technique ids among ATT&CK external references. */
function refTechniques(refs: readonly z.infer<typeof externalRef>[] | undefined): string[] {
  const ids = (refs ?? []).filter((r) =>
    /^mitre-(attack|mobile-attack|ics-attack)$/.test(r.source_name ?? ''),
  );
  return techniques(ids.map((r) => r.external_id)) ?? [];
}

/** Parses a bundle; `now` (epoch ms) decides which indicators have expired. Throws when it is no bundle. */
export function parseStixBundle(json: unknown, feed: string, now: number): ParsedFeed {
  const bundle = bundleSchema.safeParse(json);
  if (!bundle.success) throw new Error('not a STIX bundle: expected {"type":"bundle","objects":[…]}');
  const out: ParsedFeed = { indicators: [], skipped: [], expired: 0 };
  const attackPatterns = new Map<string, string[]>();
  const indicates = new Map<string, string[]>();
  const candidates: z.infer<typeof indicatorSchema>[] = [];
  for (const [n, raw] of bundle.data.objects.entries()) {
    const obj = sdo.safeParse(raw);
    if (!obj.success) {
      skip(out, `object ${n}`, 'not a STIX object (type and id required)');
      continue;
    }
    if (obj.data.type === 'indicator') {
      const ind = indicatorSchema.safeParse(raw);
      if (ind.success) candidates.push(ind.data);
      else skip(out, obj.data.id, `bad indicator: ${ind.error.issues[0]!.message}`);
    } else if (obj.data.type === 'attack-pattern') {
      const ap = attackPatternSchema.safeParse(raw);
      if (ap.success) attackPatterns.set(ap.data.id, refTechniques(ap.data.external_references));
    } else if (obj.data.type === 'relationship') {
      const rel = relationshipSchema.safeParse(raw);
      if (rel.success && rel.data.relationship_type === 'indicates') {
        const list = indicates.get(rel.data.source_ref) ?? [];
        list.push(rel.data.target_ref);
        indicates.set(rel.data.source_ref, list);
      }
    }
  }
  for (const ind of candidates) {
    if (ind.pattern_type !== undefined && ind.pattern_type !== 'stix') {
      skip(out, ind.id, `pattern_type ${ind.pattern_type} is not matched`, ind.pattern);
      continue;
    }
    const validUntil = ind.valid_until !== undefined ? Date.parse(ind.valid_until) : undefined;
    if (validUntil !== undefined && Number.isNaN(validUntil)) {
      skip(out, ind.id, 'valid_until is not a time', ind.valid_until);
      continue;
    }
    if (ind.revoked === true || (validUntil !== undefined && validUntil <= now)) {
      out.expired++;
      continue;
    }
    const parsed = parsePattern(ind.pattern);
    if (!parsed.ok) {
      skip(out, ind.id, parsed.why, ind.pattern);
      continue;
    }
    const phases = (ind.kill_chain_phases ?? []).filter((p) => /^mitre-/.test(p.kill_chain_name));
    const attack = new Set([
      ...refTechniques(ind.external_references),
      ...(indicates.get(ind.id) ?? []).flatMap((ref) => attackPatterns.get(ref) ?? []),
      ...(techniques(phases.map((p) => p.phase_name)) ?? []),
    ]);
    const tactics = phases.filter((p) => !/^T\d{4}/i.test(p.phase_name)).map((p) => `tactic:${p.phase_name}`);
    const indicator: Indicator = {
      feed,
      id: ind.id,
      confidence: ind.confidence ?? DEFAULT_CONFIDENCE,
      labels: [...new Set([...(ind.labels ?? []), ...(ind.indicator_types ?? []), ...tactics])],
      attack: [...attack],
      observables: parsed.observables,
    };
    if (ind.name) indicator.name = ind.name.slice(0, 200);
    if (validUntil !== undefined) indicator.validUntil = validUntil;
    out.indicators.push(indicator);
  }
  return out;
}
