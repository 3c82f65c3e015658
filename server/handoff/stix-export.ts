/**
 * @module An alert as a STIX 2.1 bundle: the observed objects (SCOs with deterministic ids), observed-data for each
 * example event (or for the alert as a whole), an indicator and a sighting for every handed-off value but the host
 * itself, attack-patterns for its ATT&CK techniques (`indicates` relationships), a report tying it together with
 * the reasons, and a note per alert note. Ids are name-based (UUIDv5), so exporting twice gives the same objects.
 */
import { createHash } from 'node:crypto';
import type { Dossier, HandoffKind, HandoffObservable } from './dossier.js';
import { handoffTitle, reasonLine } from './dossier.js';

export type StixObject = Record<string, unknown> & { type: string; id: string };
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** STIX 2.1's namespace for SCO ids (section 2.9), and Watchfloor's own for the rest. */
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const WF_NAMESPACE = 'b3c5a8e2-6f0d-4c1e-9a57-2d7e1f4c8b90';

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** JSON with keys sorted (the canonical form SCO ids are derived from, for the simple objects made here). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const iso = (ms: number) => new Date(ms).toISOString();
const HASH_NAME: Partial<Record<HandoffKind, string>> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };
const SCO_TYPE: Partial<Record<HandoffKind, string>> = {
  ipv4: 'ipv4-addr',
  ipv6: 'ipv6-addr',
  domain: 'domain-name',
  url: 'url',
  md5: 'file',
  sha1: 'file',
  sha256: 'file',
};

/** The SCO of an observable (JA3 has no STIX object: it stays in the report's text). */
function scoOf(o: HandoffObservable): StixObject | null {
  const type = SCO_TYPE[o.kind];
  if (!type) return null;
  const idProps = type === 'file' ? { hashes: { [HASH_NAME[o.kind]!]: o.value } } : { value: o.value };
  return {
    type,
    spec_version: '2.1',
    id: `${type}--${uuidv5(SCO_NAMESPACE, canonical(idProps))}`,
    ...idProps,
  };
}

/** A STIX pattern string literal: backslash and quote escaped. */
const lit = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function patternOf(o: HandoffObservable): string | null {
  const type = SCO_TYPE[o.kind];
  if (!type) return null;
  return type === 'file'
    ? `[file:hashes.'${HASH_NAME[o.kind]}' = ${lit(o.value)}]`
    : `[${type}:value = ${lit(o.value)}]`;
}

const ATTACK_URL = (id: string) => `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;

/** The bundle of an alert's dossier. */
export function stixBundle(d: Dossier): StixBundle {
  const a = d.alert;
  const seed = `watchfloor-alert/${a.id}`;
  const sdoId = (type: string, name: string) => `${type}--${uuidv5(WF_NAMESPACE, `${seed}/${type}/${name}`)}`;
  const created = iso(a.firstSeen);
  const modified = iso(Math.max(a.firstSeen, d.at));
  const common = { spec_version: '2.1', created, modified };
  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${uuidv5(WF_NAMESPACE, 'watchfloor')}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: 'Watchfloor',
    identity_class: 'system',
  };
  const by = { created_by_ref: identity.id };

  const scos = new Map<string, StixObject>();
  const scoFor = (o: HandoffObservable) => {
    const sco = scoOf(o);
    if (sco && !scos.has(sco.id)) scos.set(sco.id, sco);
    return sco;
  };
  for (const o of d.observables) scoFor(o);

  // observed-data: one per example event (its addresses, names and connection), else one for the alert
  const observed: StixObject[] = [];
  for (const [n, { ref, event: e }] of d.events.entries()) {
    const refs: string[] = [];
    const addr = (ip: string | undefined) => {
      if (!ip) return undefined;
      const sco = scoFor({
        kind: ip.includes(':') ? 'ipv6' : 'ipv4',
        value: ip,
        source: 'event',
        ioc: false,
        seen: 1,
      });
      if (sco) refs.push(sco.id);
      return sco?.id;
    };
    const named = [e.query, e.tls_sni, e.http_host, e.http_url, e.file_md5, e.file_sha1, e.file_sha256];
    const src = addr(e.src_ip);
    const dst = addr(e.dst_ip);
    for (const o of d.observables) {
      if (o.kind.startsWith('ipv')) continue;
      if (named.some((v) => v !== undefined && v.toLowerCase() === o.value.toLowerCase())) {
        const sco = scoFor(o);
        if (sco) refs.push(sco.id);
      }
    }
    if (src && dst) {
      const traffic: Record<string, unknown> = { src_ref: src, dst_ref: dst, protocols: [e.proto ?? 'ipv4'] };
      if (e.src_port !== undefined) traffic.src_port = e.src_port;
      if (e.dst_port !== undefined) traffic.dst_port = e.dst_port;
      traffic.start = iso(e.ts);
      const nt: StixObject = {
        type: 'network-traffic',
        spec_version: '2.1',
        id: `network-traffic--${uuidv5(SCO_NAMESPACE, canonical(traffic))}`,
        ...traffic,
      };
      scos.set(nt.id, nt);
      refs.push(nt.id);
    }
    if (refs.length === 0) continue;
    observed.push({
      type: 'observed-data',
      id: sdoId('observed-data', `event/${n}/${ref}`),
      ...common,
      ...by,
      first_observed: iso(e.ts),
      last_observed: iso(e.ts),
      number_observed: 1,
      object_refs: [...new Set(refs)],
    });
  }
  if (observed.length === 0 && scos.size > 0) {
    observed.push({
      type: 'observed-data',
      id: sdoId('observed-data', 'alert'),
      ...common,
      ...by,
      first_observed: created,
      last_observed: iso(Math.max(a.firstSeen, a.lastSeen)),
      number_observed: Math.max(1, a.count),
      object_refs: [...scos.keys()],
    });
  }

  const attackPatterns = d.techniques.map(
    (t): StixObject => ({
      type: 'attack-pattern',
      id: sdoId('attack-pattern', t.id),
      ...common,
      ...by,
      name: t.id,
      external_references: [{ source_name: 'mitre-attack', external_id: t.id, url: ATTACK_URL(t.id) }],
      ...(t.tactic ? { kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: t.tactic }] } : {}),
    }),
  );

  const indicators: StixObject[] = [];
  const sightings: StixObject[] = [];
  const relationships: StixObject[] = [];
  for (const o of d.observables) {
    const pattern = patternOf(o);
    if (!pattern || o.source === 'entity') continue;
    const sco = scoFor(o)!;
    const indicator: StixObject = {
      type: 'indicator',
      id: sdoId('indicator', `${o.kind}/${o.value}`),
      ...common,
      ...by,
      name: o.ioc ? `${o.value} (${o.name ?? o.feed})` : `${o.value} seen in ${a.detector} alert ${a.id}`,
      description: o.ioc
        ? `Matched intelligence ${o.indicatorId} of feed ${o.feed}.`
        : `Named by an example event of ${handoffTitle(a)}.`,
      indicator_types: [o.ioc ? 'malicious-activity' : 'anomalous-activity'],
      pattern,
      pattern_type: 'stix',
      valid_from: created,
      confidence: Math.round(o.confidence ?? Math.min(100, a.peakScore)),
      labels: [...new Set([`watchfloor:${a.detector}`, ...(o.labels ?? [])])],
      ...(d.techniques.some((t) => t.tactic)
        ? {
            kill_chain_phases: [...new Set(d.techniques.flatMap((t) => (t.tactic ? [t.tactic] : [])))].map(
              (phase_name) => ({ kill_chain_name: 'mitre-attack', phase_name }),
            ),
          }
        : {}),
    };
    indicators.push(indicator);
    const withIt = observed.filter((x) => (x.object_refs as string[]).includes(sco.id)).map((x) => x.id);
    sightings.push({
      type: 'sighting',
      id: sdoId('sighting', `${o.kind}/${o.value}`),
      ...common,
      ...by,
      sighting_of_ref: indicator.id,
      first_seen: created,
      last_seen: iso(Math.max(a.firstSeen, a.lastSeen)),
      count: Math.max(1, o.seen),
      where_sighted_refs: [identity.id],
      ...(withIt.length ? { observed_data_refs: withIt } : {}),
      description: `${a.segment}: ${a.entity.type} ${a.entity.id}`,
    });
    for (const ap of attackPatterns) {
      relationships.push({
        type: 'relationship',
        id: sdoId('relationship', `${indicator.id}/indicates/${ap.id}`),
        ...common,
        ...by,
        relationship_type: 'indicates',
        source_ref: indicator.id,
        target_ref: ap.id,
      });
    }
  }

  const core = [...observed, ...attackPatterns, ...indicators, ...sightings, ...relationships];
  const report: StixObject = {
    type: 'report',
    id: sdoId('report', 'report'),
    ...common,
    ...by,
    name: handoffTitle(a),
    description: [
      `Score ${a.score} now, peak ${a.peakScore}; ${a.state}${a.owner ? ` (owner ${a.owner})` : ''}${a.escalated ? ', escalated' : ''}.`,
      'Reasons:',
      ...d.reasons.map((r) => `- ${reasonLine(r)}`),
      ...d.observables.filter((o) => o.kind === 'ja3').map((o) => `JA3 fingerprint seen: ${o.value}`),
      `On Watchfloor: ${d.link}`,
    ].join('\n'),
    report_types: ['observed-data'],
    published: iso(d.at),
    object_refs: [identity.id, ...core.map((o) => o.id)],
    external_references: [{ source_name: 'watchfloor', external_id: a.id, url: d.link }],
  };
  const notes = a.notes.map(
    (n, i): StixObject => ({
      type: 'note',
      id: sdoId('note', `${i}/${n.at}`),
      ...common,
      created: iso(n.at),
      modified: iso(n.at),
      ...by,
      abstract: `Note by ${n.author}`,
      content: n.text,
      authors: [n.author],
      object_refs: [report.id],
    }),
  );
  return {
    type: 'bundle',
    id: `bundle--${uuidv5(WF_NAMESPACE, `${seed}/bundle/${d.at}`)}`,
    objects: [identity, ...scos.values(), ...core, report, ...notes],
  };
}
