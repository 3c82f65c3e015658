/**
 * @module Zeek JSON logs (format `zeek`): one record per entry; conn → `flow`, dns → `dns`, notice → `ids`; ssl,
 * http and hashed files → volume-less `flow` carrying `tls_sni`/`ja3`/`ja3s`, `http_host`/`http_url`, `file_*`
 * (bytes stay with conn); every other log (`x509`, which names no connection, `weird`…) is counted as `other`.
 *
 * The log is `_path`; without it the record's fields decide (`conn_state`, or `id.orig_h` with `proto` →
 * conn; `query` → dns; `note` → notice). Keys are Zeek's dotted names (`id.orig_h`); a nested `id` object, as
 * some shippers write, is read too. Sensor id is `_node_name`, else the input key.
 * event_id: `zeek:conn:<uid>:<ts>`, `zeek:dns:<uid>:<trans_id>:<qtype>:<query>:<ts>`, `zeek:notice:<uid>:<note>:<ts>`
 * (the time keeps a rebased replay of the same log from counting as duplicates).
 */

import { zeekAppFields } from './app-fields.js';
import { finishEvent, parseEventTime } from './normalize.js';
import { boundedId, compact, entryText, type JsonObject, member, num, parseObject, text } from './record.js';
import type { DecodeContext, Decoded, Decoder } from './types.js';
import { reject } from './types.js';

export type ZeekLog = 'conn' | 'dns' | 'notice' | 'ssl' | 'http' | 'files';

export const decodeZeek: Decoder = (fields, ctx) => {
  const entry = entryText(fields, ctx.field);
  return entry.error ?? decodeZeekText(entry.value, ctx);
};

/** Decodes one Zeek JSON line. */
export function decodeZeekText(raw: string, ctx: DecodeContext): Decoded {
  const parsed = parseObject(raw);
  return parsed.error ?? decodeZeekRecord(parsed.value, ctx);
}

/** Decodes a parsed Zeek record (JSON, or a TSV row converted by the replay readers). */
export function decodeZeekRecord(rec: JsonObject, ctx: DecodeContext): Decoded {
  const path = rec._path;
  if (path !== undefined && (typeof path !== 'string' || path === '')) {
    return reject('bad_type', '_path must be a non-empty string', 'not_text', { field: '_path' });
  }
  const log = path ?? zeekLogOf(rec);
  if (log === undefined)
    return reject('missing_field', 'no _path, and no conn, dns or notice fields', 'zeek_unknown');
  switch (log) {
    case 'conn':
      return connEvent(rec, ctx);
    case 'dns':
      return dnsEvent(rec, ctx);
    case 'notice':
      return noticeEvent(rec, ctx);
    case 'ssl':
    case 'http':
      return appEvent(log, rec, ctx);
    case 'files':
      return filesEvent(rec, ctx);
    default:
      return { ok: 'other', type: log.slice(0, 64) };
  }
}

/** The log of a record without `_path`, judged by its fields; undefined when none fits. */
export function zeekLogOf(rec: JsonObject): string | undefined {
  if (rec.note !== undefined) return 'notice';
  if (rec.query !== undefined || rec.qtype_name !== undefined || rec.trans_id !== undefined) return 'dns';
  if (rec.conn_state !== undefined || (idField(rec, 'orig_h') !== undefined && rec.proto !== undefined))
    return 'conn';
  if (idField(rec, 'orig_h') !== undefined && rec.uid !== undefined) return 'unknown';
  return undefined;
}

/** `id.<name>`: the dotted key Zeek writes, or the member of a nested `id` object. */
export function idField(rec: JsonObject, name: 'orig_h' | 'orig_p' | 'resp_h' | 'resp_p'): unknown {
  const dotted = rec[`id.${name}`];
  return dotted !== undefined ? dotted : member(rec, 'id')?.[name];
}

function endpoints(rec: JsonObject, ctx: DecodeContext): JsonObject {
  return {
    ts: rec.ts,
    sensor: text(rec._node_name, 128) ?? ctx.source.slice(0, 128),
    src_ip: idField(rec, 'orig_h'),
    dst_ip: idField(rec, 'resp_h'),
    src_port: idField(rec, 'orig_p'),
    dst_port: idField(rec, 'resp_p'),
    proto: typeof rec.proto === 'string' ? rec.proto.toLowerCase() : rec.proto,
  };
}

function connEvent(rec: JsonObject, ctx: DecodeContext): Decoded {
  const seconds = num(rec.duration);
  const uid = text(rec.uid, 64);
  return finish(
    {
      ...endpoints(rec, ctx),
      kind: 'flow',
      bytes_out: rec.orig_bytes,
      bytes_in: rec.resp_bytes,
      packets_out: rec.orig_pkts,
      packets_in: rec.resp_pkts,
      duration_ms: seconds !== undefined ? seconds * 1000 : rec.duration,
      conn_state: rec.conn_state,
      event_id: uid && boundedId(['zeek', 'conn', uid, parseEventTime(rec.ts) ?? '']),
    },
    ctx,
  );
}

function dnsEvent(rec: JsonObject, ctx: DecodeContext): Decoded {
  const query = text(rec.query, 1024);
  if (query === undefined) return { ok: 'other', type: 'dns' };
  const uid = text(rec.uid, 64);
  const qtype = text(rec.qtype_name, 32) ?? (num(rec.qtype) !== undefined ? String(rec.qtype) : undefined);
  const rcode = text(rec.rcode_name, 32) ?? (num(rec.rcode) !== undefined ? String(rec.rcode) : undefined);
  return finish(
    {
      ...endpoints(rec, ctx),
      kind: 'dns',
      query,
      qtype,
      rcode,
      event_id:
        uid &&
        boundedId([
          'zeek',
          'dns',
          uid,
          num(rec.trans_id) ?? '',
          qtype ?? '',
          query,
          parseEventTime(rec.ts) ?? '',
        ]),
    },
    ctx,
  );
}

function noticeEvent(rec: JsonObject, ctx: DecodeContext): Decoded {
  const src = rec.src ?? idField(rec, 'orig_h');
  // Notices about the sensor itself (capture loss, …) name no host: well-formed, nothing to attribute.
  if (src === undefined) return { ok: 'other', type: 'notice' };
  const uid = text(rec.uid, 64);
  const note = text(rec.note, 512);
  return finish(
    {
      ...endpoints(rec, ctx),
      kind: 'ids',
      src_ip: src,
      dst_ip: rec.dst ?? idField(rec, 'resp_h'),
      dst_port: rec.p ?? idField(rec, 'resp_p'),
      signature: note,
      category: typeof rec.msg === 'string' ? rec.msg.slice(0, 256) : undefined,
      severity: 2,
      event_id: uid && note && boundedId(['zeek', 'notice', uid, note, parseEventTime(rec.ts) ?? '']),
    },
    ctx,
  );
}

/** ssl and http → a volume-less `flow` carrying SNI and JA3/JA3S, or Host and URI (as EVE's tls and http). */
function appEvent(log: 'ssl' | 'http', rec: JsonObject, ctx: DecodeContext): Decoded {
  const uid = text(rec.uid, 64);
  const depth = log === 'http' ? [num(rec.trans_depth) ?? ''] : [];
  return finish(
    {
      ...endpoints(rec, ctx),
      ...zeekAppFields(log, rec),
      kind: 'flow',
      event_id: uid && boundedId(['zeek', log, uid, ...depth, parseEventTime(rec.ts) ?? '']),
    },
    ctx,
  );
}

/**
 * files → a volume-less `flow` carrying the file's hashes, about the host that received it: `id.orig_h` when the
 * record names the connection (Zeek 5+), else the first of `rx_hosts`, from the first of `tx_hosts`. A file without
 * a hash names nothing an indicator could: `other`.
 */
function filesEvent(rec: JsonObject, ctx: DecodeContext): Decoded {
  const hashes = zeekAppFields('files', rec);
  if (!hashes.file_md5 && !hashes.file_sha1 && !hashes.file_sha256) return { ok: 'other', type: 'files' };
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const ends = endpoints(rec, ctx);
  const fuid = text(rec.fuid, 64);
  return finish(
    {
      ...ends,
      ...hashes,
      src_ip: ends.src_ip ?? first(rec.rx_hosts),
      dst_ip: ends.dst_ip ?? first(rec.tx_hosts),
      kind: 'flow',
      event_id: fuid && boundedId(['zeek', 'files', fuid, parseEventTime(rec.ts) ?? '']),
    },
    ctx,
  );
}

function finish(candidate: JsonObject, ctx: DecodeContext): Decoded {
  return finishEvent(compact(candidate), ctx);
}
