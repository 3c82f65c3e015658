/**
 * @module Suricata EVE JSON (format `eve`): flow, alert, dns (v1/v2/v3 layouts), http, tls and anomaly records
 * become native events; every other well-formed event type is counted as `other`.
 *
 * Mapping choices (README "Suricata"):
 * - flow → `flow`. Time is `flow.start` (as Zeek's conn `ts`), bytes/packets `toserver` → `_out`,
 *   `toclient` → `_in`, duration `end - start`. `flow.state` → Zeek-style `conn_state`, see {@link connState}.
 * - alert → `ids` (signature, category, severity clamped to 1…4). anomaly → `ids` with signature
 *   `anomaly:<type>`, category the anomaly event name, severity 3.
 * - dns → `dns`, one event per transaction: the response record (v1/v2 `answer`, v3 `response`) carries the
 *   query name, type and rcode (absent rcode: NOERROR); request records (`query`, `request`) are `other`
 *   (`dns_query`). v1 logs one line per answer RR: they share the transaction's event_id, so they count once.
 * - http, tls, and fileinfo with a hash → `flow` without volume or conn_state (an application transaction; bytes
 *   come from the flow record only, so totals are not double counted), carrying `http_host`, `http_url`, `tls_sni`,
 *   `ja3`, `ja3s` and `file_md5/sha1/sha256` (see app-fields.ts). fileinfo keeps Suricata's orientation (the file's
 *   sender is `src_ip`); fileinfo without a hash is `other`. alert → also these fields when the alert carries the
 *   app-layer objects, and `attack` from the rule's `metadata.mitre_technique_id`.
 * - event_id: `eve:<flow_id>:<event_type>:…:<timestamp>` with the flow_id read from the raw text (it exceeds
 *   2^53); records without a flow_id get none.
 */

import { eveAppFields, eveFileHashed } from './app-fields.js';
import { finishEvent, parseEventTime } from './normalize.js';
import {
  boundedId,
  compact,
  entryText,
  isObject,
  type JsonObject,
  member,
  num,
  parseObject,
  text,
} from './record.js';
import type { DecodeContext, Decoded, Decoder } from './types.js';
import { reject } from './types.js';

const SCORED = new Set(['flow', 'alert', 'dns', 'http', 'tls', 'fileinfo', 'anomaly']);

export const decodeEve: Decoder = (fields, ctx) => {
  const entry = entryText(fields, ctx.field);
  return entry.error ?? decodeEveText(entry.value, ctx);
};

/** Decodes one EVE JSON line. */
export function decodeEveText(raw: string, ctx: DecodeContext): Decoded {
  const parsed = parseObject(raw);
  return parsed.error ?? decodeEveRecord(parsed.value, raw, ctx);
}

/** Decodes a parsed EVE record; `raw` is its JSON text, used to read `flow_id` exactly. */
export function decodeEveRecord(rec: JsonObject, raw: string, ctx: DecodeContext): Decoded {
  const type = rec.event_type;
  if (type === undefined || type === null)
    return reject('missing_field', 'event_type is required', 'required', { field: 'event_type' });
  if (typeof type !== 'string' || type === '')
    return reject('bad_type', 'event_type must be a non-empty string', 'not_text', { field: 'event_type' });
  if (!SCORED.has(type)) return { ok: 'other', type: type.slice(0, 64) };
  const sub = type === 'http' || type === 'tls' ? undefined : member(rec, type);
  if (type !== 'http' && type !== 'tls' && !sub)
    return reject('missing_field', `${type} object is required`, 'object_required', { field: type });
  if (type === 'fileinfo' && !eveFileHashed(rec)) return { ok: 'other', type };
  const common = endpoints(rec, ctx);
  const id = flowIdText(raw, rec.flow_id);
  switch (type) {
    case 'flow':
      return flowEvent(rec, sub!, common, id, ctx);
    case 'alert':
      return alertEvent(rec, sub!, common, id, ctx);
    case 'anomaly':
      return anomalyEvent(rec, sub!, common, id, ctx);
    case 'dns':
      return dnsEvent(sub!, { ...common, ts: rec.timestamp }, id, ctx);
    default: {
      // a transaction can carry several files: fileinfo is told apart by its file_id
      const tx = type === 'fileinfo' ? [num(sub!.file_id) ?? '', txPart(sub!.tx_id)] : [txPart(rec.tx_id)];
      const eventId = id && eventIdOf([id, type, ...tx, rec.timestamp]);
      return finish(
        { ...common, ...eveAppFields(rec), kind: 'flow', ts: rec.timestamp, event_id: eventId },
        ctx,
      );
    }
  }
}

function flowEvent(
  rec: JsonObject,
  flow: JsonObject,
  common: JsonObject,
  id: string | undefined,
  ctx: DecodeContext,
) {
  const start = parseEventTime(flow.start);
  const end = parseEventTime(flow.end);
  const age = num(flow.age);
  const duration =
    start !== null && end !== null && end >= start ? end - start : age !== undefined ? age * 1000 : undefined;
  return finish(
    {
      ...common,
      kind: 'flow',
      ts: start !== null ? flow.start : rec.timestamp,
      bytes_out: flow.bytes_toserver,
      bytes_in: flow.bytes_toclient,
      packets_out: flow.pkts_toserver,
      packets_in: flow.pkts_toclient,
      duration_ms: duration,
      conn_state: connState(flow, member(rec, 'tcp'), common.proto),
      event_id: id && eventIdOf([id, 'flow', rec.timestamp]),
    },
    ctx,
  );
}

function alertEvent(
  rec: JsonObject,
  alert: JsonObject,
  common: JsonObject,
  id: string | undefined,
  ctx: DecodeContext,
) {
  const sid = num(alert.signature_id);
  return finish(
    {
      ...common,
      ...eveAppFields(rec),
      kind: 'ids',
      ts: rec.timestamp,
      signature: text(alert.signature, 512) ?? (sid !== undefined ? `sid:${sid}` : undefined),
      category: typeof alert.category === 'string' ? alert.category.slice(0, 256) : undefined,
      severity: severity(alert.severity),
      event_id: id && eventIdOf([id, 'alert', sid ?? '', txPart(rec.tx_id), rec.timestamp]),
    },
    ctx,
  );
}

function anomalyEvent(
  rec: JsonObject,
  an: JsonObject,
  common: JsonObject,
  id: string | undefined,
  ctx: DecodeContext,
) {
  // Decode-layer anomalies of non-IP packets carry no address: well-formed, nothing to attribute.
  if (rec.src_ip === undefined) return { ok: 'other', type: 'anomaly' } as const;
  const type = text(an.type, 64) ?? 'unknown';
  const name = text(an.event, 256);
  return finish(
    {
      ...common,
      kind: 'ids',
      ts: rec.timestamp,
      signature: `anomaly:${type}`,
      category: name,
      severity: 3,
      event_id: id && eventIdOf([id, 'anomaly', type, name ?? '', rec.timestamp]),
    },
    ctx,
  );
}

function dnsEvent(dns: JsonObject, common: JsonObject, id: string | undefined, ctx: DecodeContext): Decoded {
  const type = dns.type;
  if (type === 'query' || type === 'request') return { ok: 'other', type: 'dns_query' };
  const response =
    type === 'answer' ||
    type === 'response' ||
    (type === undefined && (dns.rcode !== undefined || 'answers' in dns));
  if (!response) return { ok: 'other', type: 'dns' };
  const first = Array.isArray(dns.queries) && isObject(dns.queries[0]) ? dns.queries[0] : dns;
  const query = text(first.rrname, 1024);
  if (query === undefined) return { ok: 'other', type: 'dns' };
  const txid = num(dns.id);
  return finish(
    {
      ...common,
      kind: 'dns',
      query,
      qtype: text(first.rrtype, 32),
      rcode:
        dns.rcode === undefined
          ? 'NOERROR'
          : typeof dns.rcode === 'string'
            ? dns.rcode.slice(0, 32)
            : dns.rcode,
      // the record's time, as every other record's id: a rebased replay of the same capture is not a duplicate
      event_id: id && txid !== undefined ? eventIdOf([id, 'dns', txid, common.ts]) : undefined,
    },
    ctx,
  );
}

/** Fields every scored EVE record shares. Values pass through unchanged so that the contract schema judges them. */
function endpoints(rec: JsonObject, ctx: DecodeContext): JsonObject {
  return {
    sensor: text(rec.host, 128) ?? ctx.source.slice(0, 128),
    src_ip: rec.src_ip,
    dst_ip: rec.dest_ip,
    src_port: rec.src_port,
    dst_port: rec.dest_port,
    proto:
      typeof rec.proto === 'string'
        ? rec.proto.toLowerCase()
        : typeof rec.proto === 'number'
          ? String(rec.proto)
          : rec.proto,
  };
}

const TCP_SYN = 0x02;
const TCP_RST = 0x04;

/**
 * Suricata `flow.state` (+ TCP flags when the `tcp` object is logged) → Zeek-style conn_state:
 *
 * | flow.state | proto | reply packets / flags | conn_state |
 * | --- | --- | --- | --- |
 * | new | any | no reply | S0 (attempt, no reply) |
 * | new | udp, icmp… | reply | SF |
 * | new | tcp | responder RST, no SYN-ACK | REJ |
 * | new | tcp | SYN-ACK, then originator RST / not | RSTO / S1 |
 * | new | tcp | reply, no flags seen | OTH |
 * | established, closed, *bypassed | udp, icmp… | — | SF |
 * | established, closed, *bypassed | tcp | originator RST / responder RST | RSTO / RSTR |
 * | closed | tcp | no RST | SF |
 * | established, *bypassed | tcp | no RST | S1 (established, not terminated) |
 * | anything else | | | absent |
 */
export function connState(flow: JsonObject, tcp: JsonObject | undefined, proto: unknown): string | undefined {
  const state = flow.state;
  const replies = num(flow.pkts_toclient) ?? 0;
  const isTcp = proto === 'tcp';
  const origFlags = hexFlags(tcp?.tcp_flags_ts);
  const respFlags = hexFlags(tcp?.tcp_flags_tc);
  if (state === 'new') {
    if (replies === 0) return 'S0';
    if (!isTcp) return 'SF';
    if (respFlags & TCP_SYN) return origFlags & TCP_RST ? 'RSTO' : 'S1';
    return respFlags & TCP_RST ? 'REJ' : 'OTH';
  }
  if (
    state === 'established' ||
    state === 'closed' ||
    (typeof state === 'string' && state.endsWith('bypassed'))
  ) {
    if (!isTcp) return 'SF';
    if (origFlags & TCP_RST) return 'RSTO';
    if (respFlags & TCP_RST) return 'RSTR';
    return state === 'closed' ? 'SF' : 'S1';
  }
  return undefined;
}

function hexFlags(value: unknown): number {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{1,4}$/.test(value)) return 0;
  return Number.parseInt(value, 16);
}

/** Suricata priorities run 1…255 (1 highest); the contract keeps 1…4, so lower priorities fold into 4. */
function severity(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? Math.min(n, 4) : undefined;
}

const FLOW_ID = /"flow_id"\s*:\s*(\d{1,20})(?![\d.eE])/g;

/**
 * The exact decimal text of `flow_id`: JSON.parse rounds values above 2^53, so the digits are read from the raw
 * text (the match whose value equals the parsed one, which skips any nested `flow_id`).
 */
export function flowIdText(raw: string, value: unknown): string | undefined {
  if (typeof value === 'string') return /^\d{1,20}$/.test(value) ? value : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return undefined;
  for (const m of raw.matchAll(FLOW_ID)) if (Number(m[1]) === value) return m[1];
  return Number.isSafeInteger(value) ? String(value) : undefined;
}

function txPart(tx: unknown): string {
  const n = num(tx);
  return n === undefined ? '' : `tx${n}`;
}

function eventIdOf(parts: readonly unknown[]): string {
  return boundedId(['eve', ...parts.map((p) => (typeof p === 'string' || typeof p === 'number' ? p : ''))]);
}

function finish(candidate: JsonObject, ctx: DecodeContext): Decoded {
  return finishEvent(compact(candidate), ctx);
}
