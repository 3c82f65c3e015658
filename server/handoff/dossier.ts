/**
 * @module What an alert hands off (STIX, MISP, TheHive alike): its reasons (now, when raised, at the peak), notes,
 * ATT&CK techniques, example events, and the observables they name — the host itself, the peers and names its
 * example events reached, and every intelligence match (an indicator of compromise). Pure.
 */
import { attackOfReasons, tacticOf } from '../../shared/attack.js';
import { canonicalIP, isIPv4 } from '../../shared/ip.js';
import type { Alert } from '../../shared/schemas/alert.js';
import type { Reason } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

export const HANDOFF_KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256', 'ja3'] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

/** At most this many observables in one hand-off (the strongest first: intelligence, then events). */
export const MAX_HANDOFF_OBSERVABLES = 100;

export interface HandoffObservable {
  kind: HandoffKind;
  value: string;
  /** `entity`: the alert's own host; `intel`: an indicator matched; `event`: named by an example event. */
  source: 'entity' | 'intel' | 'event';
  /** An indicator of compromise (intelligence matched it); the others are what was observed. */
  ioc: boolean;
  /** The intelligence behind it. */
  feed?: string;
  indicatorId?: string;
  name?: string;
  confidence?: number;
  labels?: string[];
  /** The example events naming it (at least one for `event`). */
  seen: number;
}

export interface HandoffEvent {
  ref: string;
  event: NormalizedEvent;
}

export interface Dossier {
  alert: Alert;
  /** Every reason once (now, raise, peak; by detector and feature), strongest first. */
  reasons: Reason[];
  techniques: { id: string; tactic?: string }[];
  observables: HandoffObservable[];
  events: HandoffEvent[];
  /** Link back to the alert on Watchfloor. */
  link: string;
  /** When the hand-off was made, epoch ms. */
  at: number;
}

/** The refs of an alert's example events (the reasons' examples), each once, at most `limit`. */
export function exampleRefs(alert: Alert, limit = 20): string[] {
  const refs = new Set<string>();
  for (const r of allReasons(alert)) for (const e of r.examples ?? []) if (refs.size < limit) refs.add(e);
  return [...refs];
}

function allReasons(alert: Alert): Reason[] {
  const seen = new Map<string, Reason>();
  for (const r of [...alert.peakReasons, ...alert.raiseReasons, ...alert.reasons]) {
    const key = `${r.detector}/${r.feature}/${r.intel?.id ?? ''}`;
    const held = seen.get(key);
    if (!held || r.contribution > held.contribution) seen.set(key, r);
  }
  return [...seen.values()].sort((a, b) => b.contribution - a.contribution);
}

const HASH_KIND: Readonly<Record<number, HandoffKind>> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

/** The kind of an indicator value by the field it matched (or its shape); undefined when not handed off. */
function kindOf(field: string, value: string): HandoffKind | undefined {
  if (field === 'ja3' || field === 'ja3s') return 'ja3';
  if (/^file_/.test(field) || /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(value))
    return HASH_KIND[value.length];
  const ip = canonicalIP(value.split('/')[0] ?? '');
  if (ip) return isIPv4(ip) ? 'ipv4' : 'ipv6';
  if (field === 'http_url' || value.includes('/')) return /^https?:\/\//i.test(value) ? 'url' : undefined;
  return /^[a-z0-9_.-]+\.[a-z0-9-]+$/i.test(value) ? 'domain' : undefined;
}

/** The values an example event names beside its own source address. */
function eventValues(e: NormalizedEvent): [string, string][] {
  const out: [string, string][] = [];
  const add = (field: string, v: unknown) => {
    if (typeof v === 'string' && v.length > 0) out.push([field, v]);
  };
  add('dst_ip', e.dst_ip);
  add('query', e.query);
  add('tls_sni', e.tls_sni);
  add('http_host', e.http_host);
  add('http_url', e.http_url);
  add('ja3', e.ja3);
  add('file_md5', e.file_md5);
  add('file_sha1', e.file_sha1);
  add('file_sha256', e.file_sha256);
  return out;
}

/** The dossier of an alert and the example events read back for it. */
export function buildDossier(
  alert: Alert,
  events: readonly HandoffEvent[],
  link: string,
  at: number,
): Dossier {
  const reasons = allReasons(alert);
  const observables = new Map<string, HandoffObservable>();
  const put = (o: HandoffObservable) => {
    const key = `${o.kind}:${o.value}`;
    const held = observables.get(key);
    if (!held) {
      if (observables.size < MAX_HANDOFF_OBSERVABLES) observables.set(key, o);
      return;
    }
    held.seen += o.seen;
    if (o.ioc && !held.ioc) observables.set(key, { ...o, seen: held.seen });
  };
  if (alert.entity.type === 'host') {
    const ip = canonicalIP(alert.entity.id);
    if (ip) put({ kind: isIPv4(ip) ? 'ipv4' : 'ipv6', value: ip, source: 'entity', ioc: false, seen: 0 });
  }
  for (const r of reasons) {
    const m = r.intel;
    const kind = m ? kindOf(m.field, m.indicator) : undefined;
    if (!m || !kind) continue;
    put({
      kind,
      value: kind.startsWith('ipv') || kind === 'domain' ? m.indicator.toLowerCase() : m.indicator,
      source: 'intel',
      ioc: true,
      feed: m.feed,
      indicatorId: m.id,
      ...(m.name ? { name: m.name } : {}),
      confidence: m.confidence,
      labels: m.labels,
      seen: 0,
    });
  }
  const own = alert.entity.id;
  for (const { event } of events) {
    for (const [field, value] of eventValues(event)) {
      const kind = kindOf(field, value);
      if (!kind || value === own) continue;
      put({
        kind,
        value: kind === 'domain' ? value.toLowerCase() : value,
        source: 'event',
        ioc: false,
        seen: 1,
      });
    }
  }
  const { techniques } = attackOfReasons({ reasons });
  return {
    alert,
    reasons,
    techniques: techniques.map((id) => {
      const tactic = tacticOf(id);
      return tactic ? { id, tactic } : { id };
    }),
    observables: [...observables.values()].sort((a, b) => rank(a) - rank(b)),
    events: [...events],
    link,
    at,
  };
}

const rank = (o: HandoffObservable) => (o.ioc ? 0 : o.source === 'entity' ? 2 : 1);

/** A reason in one line (for descriptions and comments). */
export function reasonLine(r: Reason): string {
  const intel = r.intel ? ` — ${r.intel.indicator} in ${r.intel.feed}` : '';
  const attack = r.attack?.length ? ` [${r.attack.join(', ')}]` : '';
  return `${r.detector} ${r.feature}: observed ${r.observed}, expected ${r.expected} (+${Math.round(r.contribution)})${intel}${attack}`;
}

/** The alert's title as every hand-off names it. */
export function handoffTitle(a: Alert): string {
  return `Watchfloor ${a.severity} alert ${a.id}: ${a.detector} on ${a.entity.type} ${a.entity.id} (${a.segment})`;
}
