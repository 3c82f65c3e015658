/**
 * @module An alert as TheHive 5 sees one (`POST /api/v1/alert`, the fields of TheHive's InputAlert): type, source and
 * sourceRef (unique together), title, description (Markdown), severity 1–4, date, tags, TLP/PAP, an external link
 * back, observables (InputObservable: dataType, data, message, tags, ioc, sighted) and ATT&CK procedures. The
 * Markdown TheHive renders (description, summary, observables' messages, procedures' descriptions) is Watchfloor's
 * own; every value a producer or an analyst wrote goes into it as inert text (./markdown-text.ts).
 */
import type { Severity } from '../../shared/schemas/alert.js';
import type { Dossier, HandoffKind } from './dossier.js';
import { handoffTitle, reasonLine } from './dossier.js';
import { markdownText as md } from './markdown-text.js';

export interface TheHiveObservable {
  dataType: string;
  data: string;
  message: string;
  tags: string[];
  ioc: boolean;
  sighted: boolean;
  sightedAt?: number;
  tlp: number;
  pap: number;
}

export interface TheHiveProcedure {
  patternId: string;
  occurDate: number;
  tactic?: string;
  description: string;
}

export interface TheHiveAlert {
  type: string;
  source: string;
  sourceRef: string;
  title: string;
  description: string;
  severity: number;
  date: number;
  tags: string[];
  tlp: number;
  pap: number;
  externalLink: string;
  summary: string;
  observables: TheHiveObservable[];
  procedures: TheHiveProcedure[];
}

/** TheHive severities: 1 low, 2 medium, 3 high, 4 critical. */
const SEVERITY: Record<Severity, number> = { medium: 2, high: 3, critical: 4 };
/** TLP and PAP amber (TheHive: 0 white/clear … 4 red for TLP, 0–3 for PAP). */
const AMBER = 2;

/** TheHive's stock observable types (`ip`, `domain`, `url`, `hash`; anything else is `other`). */
const DATA_TYPE: Record<HandoffKind, string> = {
  ipv4: 'ip',
  ipv6: 'ip',
  domain: 'domain',
  url: 'url',
  md5: 'hash',
  sha1: 'hash',
  sha256: 'hash',
  ja3: 'other',
};

/** The TheHive alert of an alert's dossier. */
export function theHiveAlert(d: Dossier): TheHiveAlert {
  const a = d.alert;
  const description = [
    `**${md(a.detector)}** on ${a.entity.type} ${md(a.entity.id)} in segment **${md(a.segment)}** — score ${a.score} now, peak ${a.peakScore}, ${a.count} episode(s), ${a.state}.`,
    '',
    '### Reasons',
    ...(d.reasons.length ? d.reasons.map((r) => `- ${md(reasonLine(r))}`) : ['- none recorded']),
    ...(d.events.length
      ? [
          '',
          '### Example events',
          '| time (UTC) | kind | source | destination | detail |',
          '| --- | --- | --- | --- | --- |',
          ...d.events.map(
            ({ event: e }) =>
              `| ${new Date(e.ts).toISOString()} | ${md(e.kind)} | ${md(e.src_ip)}${e.src_port !== undefined ? `:${e.src_port}` : ''} | ${md(e.dst_ip ?? '')}${e.dst_port !== undefined ? `:${e.dst_port}` : ''} | ${md(e.signature ?? e.query ?? e.tls_sni ?? e.http_host ?? e.conn_state ?? '')} |`,
          ),
        ]
      : []),
    ...(a.notes.length
      ? [
          '',
          '### Notes',
          ...a.notes.map((n) => `- ${new Date(n.at).toISOString()} ${md(n.author)}: ${md(n.text)}`),
        ]
      : []),
    '',
    `[Open on Watchfloor](${d.link})`,
  ].join('\n');
  return {
    type: 'watchfloor',
    source: 'watchfloor',
    sourceRef: a.id,
    title: handoffTitle(a),
    description,
    severity: SEVERITY[a.severity],
    date: a.firstSeen,
    tags: [`detector:${a.detector}`, `segment:${a.segment}`, ...d.techniques.map((t) => `mitre:${t.id}`)],
    tlp: AMBER,
    pap: AMBER,
    externalLink: d.link,
    summary: d.reasons[0] ? md(reasonLine(d.reasons[0])) : `score ${a.peakScore}`,
    observables: d.observables.map((o) => ({
      dataType: DATA_TYPE[o.kind],
      data: o.value,
      message:
        o.source === 'entity'
          ? `the ${md(a.segment)} host the alert is about`
          : o.ioc
            ? `matched ${md(o.indicatorId ?? '')} of feed ${md(o.feed ?? '')}`
            : `named by ${o.seen} example event(s)`,
      // tags are shown as text: a feed's labels go as they are
      tags: [
        `watchfloor:${o.source}`,
        ...(o.kind === 'ja3' ? ['ja3'] : []),
        ...(o.labels ?? []).slice(0, 10),
      ],
      ioc: o.ioc,
      sighted: o.source !== 'entity',
      ...(o.source !== 'entity' ? { sightedAt: a.lastSeen } : {}),
      tlp: AMBER,
      pap: AMBER,
    })),
    procedures: d.techniques.map((t) => ({
      patternId: t.id,
      occurDate: a.firstSeen,
      ...(t.tactic ? { tactic: t.tactic } : {}),
      description: `Evidence in Watchfloor alert ${a.id}: ${d.reasons
        .filter((r) => r.attack?.includes(t.id))
        .map((r) => md(`${r.detector} ${r.feature}`))
        .join(', ')}`,
    })),
  };
}
