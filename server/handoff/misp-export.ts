/**
 * @module An alert as a MISP event in MISP's own JSON (the core format the feed generator and PyMISP write:
 * `{"Event": {info, date, threat_level_id, analysis, distribution, Orgc, Tag, Attribute, Object}}`). Intelligence
 * matches are attributes for detection (`to_ids`); what example events named is context (`to_ids` off); each
 * example connection is a `network-connection` object; techniques are `mitre-attack-pattern` galaxy tags; reasons
 * and notes are text attributes. Uuids are name-based, so exporting twice gives the same event.
 */
import type { Severity } from '../../shared/schemas/alert.js';
import type { Dossier, HandoffKind, HandoffObservable } from './dossier.js';
import { handoffTitle, reasonLine } from './dossier.js';
import { uuidv5 } from './stix-export.js';

const NAMESPACE = '6f2d8f71-3c7e-4d0b-8a5e-1c9b0e7a4d22';
/** Watchfloor as the creating organisation. */
export const WATCHFLOOR_ORG = { name: 'Watchfloor', uuid: uuidv5(NAMESPACE, 'watchfloor-org') } as const;

/** MISP threat levels: 1 high, 2 medium, 3 low, 4 undefined. */
const THREAT_LEVEL: Record<Severity, string> = { critical: '1', high: '1', medium: '2' };

/** The attribute type and category of a handed-off value (MISP's categories-and-types table). */
const ATTRIBUTE: Record<HandoffKind, { type: string; category: string }> = {
  ipv4: { type: 'ip-dst', category: 'Network activity' },
  ipv6: { type: 'ip-dst', category: 'Network activity' },
  domain: { type: 'domain', category: 'Network activity' },
  url: { type: 'url', category: 'Network activity' },
  md5: { type: 'md5', category: 'Payload delivery' },
  sha1: { type: 'sha1', category: 'Payload delivery' },
  sha256: { type: 'sha256', category: 'Payload delivery' },
  ja3: { type: 'ja3-fingerprint-md5', category: 'Network activity' },
};

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  distribution: string;
  timestamp: string;
  comment: string;
  object_relation?: string;
  first_seen?: string;
  last_seen?: string;
  Tag?: { name: string }[];
}

export interface MispObject {
  uuid: string;
  name: string;
  'meta-category': string;
  description: string;
  template_uuid: string;
  template_version: string;
  distribution: string;
  timestamp: string;
  comment: string;
  Attribute: MispAttribute[];
}

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    threat_level_id: string;
    analysis: string;
    distribution: string;
    published: boolean;
    timestamp: string;
    Orgc: { name: string; uuid: string };
    Tag: { name: string }[];
    Attribute: MispAttribute[];
    Object: MispObject[];
  };
}

const secs = (ms: number) => String(Math.floor(ms / 1000));

/** The MISP event of an alert's dossier. */
export function mispEvent(d: Dossier): MispEvent {
  const a = d.alert;
  const uuid = (name: string) => uuidv5(NAMESPACE, `watchfloor-alert/${a.id}/${name}`);
  const timestamp = secs(d.at);
  const attr = (
    name: string,
    x: Omit<MispAttribute, 'uuid' | 'distribution' | 'timestamp'>,
  ): MispAttribute => ({ uuid: uuid(`attribute/${name}`), distribution: '5', timestamp, ...x });

  const observableAttr = (o: HandoffObservable): MispAttribute => {
    const { type, category } =
      o.source === 'entity' ? { type: 'ip-src', category: 'Network activity' } : ATTRIBUTE[o.kind];
    const comment =
      o.source === 'entity'
        ? `the ${a.segment} host the alert is about`
        : o.ioc
          ? `matched ${o.indicatorId} of feed ${o.feed}${o.name ? ` (${o.name})` : ''}`
          : `named by ${o.seen} example event(s)`;
    return attr(`${o.kind}/${o.value}`, {
      type,
      category,
      value: o.value,
      to_ids: o.ioc,
      comment,
      ...(o.labels?.length ? { Tag: o.labels.slice(0, 10).map((name) => ({ name })) } : {}),
    });
  };

  const objects: MispObject[] = [];
  for (const [n, { ref, event: e }] of d.events.entries()) {
    if (!e.dst_ip) continue;
    const rel = (relation: string, type: string, value: string | number | undefined): MispAttribute[] =>
      value === undefined
        ? []
        : [
            attr(`event/${n}/${relation}`, {
              object_relation: relation,
              type,
              category: 'Network activity',
              value: String(value),
              to_ids: false,
              comment: '',
            }),
          ];
    objects.push({
      uuid: uuid(`object/${n}/${ref}`),
      name: 'network-connection',
      'meta-category': 'network',
      description: 'A local or remote network connection.',
      template_uuid: 'af16764b-f8e5-4603-9de1-de34d272f80b',
      template_version: '3',
      distribution: '5',
      timestamp,
      comment: `example event ${ref} (${e.kind}, sensor ${e.sensor}) at ${new Date(e.ts).toISOString()}`,
      Attribute: [
        ...rel('ip-src', 'ip-src', e.src_ip),
        ...rel('ip-dst', 'ip-dst', e.dst_ip),
        ...rel('src-port', 'port', e.src_port),
        ...rel('dst-port', 'port', e.dst_port),
        ...rel('layer4-protocol', 'text', e.proto?.toUpperCase()),
        ...rel('first-packet-seen', 'datetime', new Date(e.ts).toISOString()),
      ],
    });
  }

  const text = (name: string, value: string, comment: string) =>
    attr(name, { type: 'text', category: 'Other', value, to_ids: false, comment });
  return {
    Event: {
      uuid: uuid('event'),
      info: handoffTitle(a),
      date: new Date(a.firstSeen).toISOString().slice(0, 10),
      threat_level_id: THREAT_LEVEL[a.severity],
      // 1 ongoing, 2 completed
      analysis: a.state === 'resolved' ? '2' : '1',
      // your organisation only: the receiving analyst decides how far it goes
      distribution: '0',
      published: false,
      timestamp,
      Orgc: { ...WATCHFLOOR_ORG },
      Tag: [
        { name: 'tlp:amber' },
        { name: `watchfloor:detector="${a.detector}"` },
        { name: `watchfloor:segment="${a.segment}"` },
        ...d.techniques.map((t) => ({ name: `misp-galaxy:mitre-attack-pattern="${t.id}"` })),
      ],
      Attribute: [
        ...d.observables.map(observableAttr),
        text(
          'reasons',
          d.reasons.map(reasonLine).join('\n') || 'none recorded',
          'the reasons behind the score',
        ),
        ...a.notes.map((n, i) =>
          text(`note/${i}`, n.text, `note by ${n.author} at ${new Date(n.at).toISOString()}`),
        ),
        attr('link', {
          type: 'link',
          category: 'External analysis',
          value: d.link,
          to_ids: false,
          comment: 'the alert on Watchfloor',
        }),
      ],
      Object: objects,
    },
  };
}
