/**
 * @module MISP feeds as MISP's feed export writes them: `manifest.json` (event uuid → summary) and one
 * `<uuid>.json` per event (`{"Event": {…, "Attribute": […], "Object": [{"Attribute": […]}]}}`). Every attribute
 * meant for detection (`to_ids`) of a matched type becomes an indicator: confidence from the estimative-language
 * tag, else from the event's threat level; techniques from `mitre-attack-pattern` galaxy tags and clusters.
 */
import { z } from 'zod';
import { techniqueList } from '../../shared/attack.js';
import { normalizeAddress, normalizeAs } from './observable.js';
import { DEFAULT_CONFIDENCE, type Indicator, type Observable, type ParsedFeed, skip } from './types.js';

const tag = z.looseObject({ name: z.string() });
const attribute = z.looseObject({
  uuid: z.string().optional(),
  type: z.string(),
  value: z.string(),
  to_ids: z.union([z.boolean(), z.string(), z.number()]).optional(),
  deleted: z.union([z.boolean(), z.string(), z.number()]).optional(),
  Tag: z.array(tag).optional(),
});
const cluster = z.looseObject({
  value: z.string().optional(),
  meta: z.looseObject({ external_id: z.array(z.string()).optional() }).optional(),
});
const eventSchema = z.looseObject({
  Event: z.looseObject({
    uuid: z.string().optional(),
    info: z.string().optional(),
    threat_level_id: z.union([z.string(), z.number()]).optional(),
    Tag: z.array(tag).optional(),
    Attribute: z.array(z.unknown()).optional(),
    Object: z.array(z.looseObject({ Attribute: z.array(z.unknown()).optional() })).optional(),
    Galaxy: z.array(z.looseObject({ GalaxyCluster: z.array(cluster).optional() })).optional(),
  }),
});
const manifestSchema = z.record(z.string(), z.looseObject({ info: z.string().optional() }));

/** Whether parsed JSON looks like a MISP feed manifest. */
export const isMispManifest = (json: unknown): boolean =>
  manifestSchema.safeParse(json).success && Object.keys(json as object).length > 0;

/** The event uuids a manifest lists (throws when it is no manifest). */
export function mispManifestEvents(json: unknown): string[] {
  const m = manifestSchema.safeParse(json);
  if (!m.success) throw new Error('not a MISP manifest: expected {"<event uuid>": {…}, …}');
  const ids = Object.keys(m.data);
  const bad = ids.find((id) => !/^[0-9a-f-]{36}$/i.test(id));
  if (bad) throw new Error(`manifest key ${JSON.stringify(bad.slice(0, 60))} is not an event uuid`);
  return ids;
}

const TRUE = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/** MISP attribute types Watchfloor matches, and how their value reads. */
function observablesOf(type: string, value: string): Observable[] | undefined {
  const parts = value.split('|');
  const one = (o: Observable | undefined) => (o ? [o] : []);
  switch (type) {
    case 'ip-src':
    case 'ip-dst':
      return one(normalizeAddress(value));
    case 'ip-src|port':
    case 'ip-dst|port':
      return one(normalizeAddress(parts[0]!));
    case 'domain':
    case 'hostname':
      return one(normalizeAs('domain', value));
    case 'domain|ip':
    case 'hostname|port':
      return [
        ...one(normalizeAs('domain', parts[0]!)),
        ...(type === 'domain|ip' ? one(normalizeAddress(parts[1] ?? '')) : []),
      ];
    case 'url':
      return one(normalizeAs('url', value));
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'ja3-fingerprint-md5':
      return one(normalizeAs('hash', value));
    case 'filename|md5':
    case 'filename|sha1':
    case 'filename|sha256':
      return one(normalizeAs('hash', parts[1] ?? ''));
    default:
      return undefined;
  }
}

const CONFIDENCE_WORDS: Readonly<Record<string, number>> = {
  'very-high': 95,
  high: 85,
  moderate: 60,
  low: 30,
  'very-low': 10,
};
const THREAT_LEVEL: Readonly<Record<string, number>> = { '1': 85, '2': 65, '3': 40, '4': DEFAULT_CONFIDENCE };

function confidenceOf(tags: readonly string[], threatLevel: unknown): number {
  for (const t of tags) {
    const m = /^estimative-language:confidence-in-analytic-judgment="([a-z-]+)"$/.exec(t);
    if (m && CONFIDENCE_WORDS[m[1]!] !== undefined) return CONFIDENCE_WORDS[m[1]!]!;
  }
  return THREAT_LEVEL[String(threatLevel)] ?? DEFAULT_CONFIDENCE;
}

/** Technique ids named by galaxy tags (`misp-galaxy:mitre-attack-pattern="Name - T1071"`). */
function tagTechniques(tags: readonly string[]): string[] {
  const ids = tags
    .filter((t) => t.startsWith('misp-galaxy:mitre-'))
    .flatMap((t) => /\b(T\d{4}(?:\.\d{3})?)\b/.exec(t)?.slice(1, 2) ?? []);
  return techniqueList(ids) ?? [];
}

/** Parses one event file of a feed into `out` (throws when it is no MISP event). */
export function parseMispEvent(json: unknown, feed: string, out: ParsedFeed): void {
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) throw new Error('not a MISP event: expected {"Event": {…}}');
  const ev = parsed.data.Event;
  const eventTags = (ev.Tag ?? []).map((t) => t.name);
  const clusterIds = (ev.Galaxy ?? []).flatMap((g) =>
    (g.GalaxyCluster ?? []).flatMap((c) => c.meta?.external_id ?? []),
  );
  const eventAttack = [...tagTechniques(eventTags), ...(techniqueList(clusterIds) ?? [])];
  const attributes = [...(ev.Attribute ?? []), ...(ev.Object ?? []).flatMap((o) => o.Attribute ?? [])];
  for (const [n, raw] of attributes.entries()) {
    const a = attribute.safeParse(raw);
    const where = `${ev.uuid ?? 'event'}/${n}`;
    if (!a.success) {
      skip(out, where, 'not a MISP attribute (type and value required)');
      continue;
    }
    const id = a.data.uuid ?? where;
    if (TRUE(a.data.deleted)) {
      out.expired++;
      continue;
    }
    if (a.data.to_ids !== undefined && !TRUE(a.data.to_ids)) {
      skip(out, id, 'to_ids is off', a.data.value);
      continue;
    }
    const observables = observablesOf(a.data.type, a.data.value);
    if (observables === undefined) {
      skip(out, id, `attribute type ${a.data.type} is not matched`, a.data.value);
      continue;
    }
    if (observables.length === 0) {
      skip(out, id, `value is not a valid ${a.data.type}`, a.data.value);
      continue;
    }
    const tags = [...eventTags, ...(a.data.Tag ?? []).map((t) => t.name)];
    const indicator: Indicator = {
      feed,
      id,
      confidence: confidenceOf(tags, ev.threat_level_id),
      labels: [...new Set(tags.filter((t) => !t.startsWith('misp-galaxy:mitre-')))].slice(0, 10),
      attack: [...new Set([...eventAttack, ...tagTechniques(tags)])],
      observables,
    };
    if (ev.info) indicator.name = ev.info.slice(0, 200);
    out.indicators.push(indicator);
  }
}
