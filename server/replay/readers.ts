/**
 * @module File readers for `watchfloor replay`: plain or gzip files of JSON lines (EVE, Zeek JSON, native) or
 * Zeek TSV logs, as an async iterable of records with their event time. Bad lines are reported, never thrown.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { RejectReason } from '../../shared/schemas/telemetry.js';
import { type DetectedFormat, detectFormat } from '../ingest/decoders/auto.js';
import { parseEventTime } from '../ingest/decoders/normalize.js';
import { isObject, type JsonObject, member } from '../ingest/decoders/record.js';
import type { InputFormat } from '../ingest/decoders/types.js';

export type RecordFormat = DetectedFormat;

/** One record read from a file. */
export interface FileRecord {
  ok: true;
  /** 1-based line number in the (decompressed) file. */
  line: number;
  format: RecordFormat;
  record: JsonObject;
  /** JSON text to send as-is: the original line for JSON files (keeps EVE's `flow_id` exact), else the record. */
  text: string;
  /** Event time in epoch ms as the decoder will read it, or null when the record has none. */
  time: number | null;
}

/** A line that is no record. */
export interface FileProblem {
  ok: false;
  line: number;
  reason: RejectReason;
  detail: string;
}

export type FileItem = FileRecord | FileProblem;

export interface ReadOptions {
  /** Format of every record; detected from the content when absent or `auto`. */
  format?: InputFormat;
  /** Lines read to find the format before giving up. @default 1000 */
  detectWithin?: number;
}

/**
 * The event time of a record, as the decoders read it: EVE flow records use `flow.start` (else `timestamp`),
 * other EVE records `timestamp`, Zeek `ts`, native `ts`.
 */
export function recordTime(record: JsonObject, format: RecordFormat): number | null {
  if (format === 'eve') {
    const start = record.event_type === 'flow' ? parseEventTime(member(record, 'flow')?.start) : null;
    return start ?? parseEventTime(record.timestamp);
  }
  return parseEventTime(record.ts);
}

/** Opens a file as text lines, gunzipping when it starts with the gzip magic bytes. */
export async function openLines(path: string): Promise<AsyncIterable<string>> {
  const handle = await open(path, 'r');
  let gzip = false;
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    gzip = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
  const file = createReadStream(path);
  const input: Readable = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (err) => input.destroy(err));
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/** Reads one file (plain or .gz) as records. */
export async function* readFile(path: string, options: ReadOptions = {}): AsyncGenerator<FileItem> {
  yield* readLines(await openLines(path), options);
}

/**
 * Reads lines as records: Zeek TSV when the first non-empty line is `#separator`, else JSON lines. Without a
 * format, the first line whose shape names one fixes it for the whole file (so a malformed record of that file
 * still reaches the decoder, which rejects it with a reason).
 */
export async function* readLines(
  lines: AsyncIterable<string>,
  options: ReadOptions = {},
): AsyncGenerator<FileItem> {
  const fixed = options.format && options.format !== 'auto' ? (options.format as RecordFormat) : null;
  const detectWithin = options.detectWithin ?? 1000;
  let format: RecordFormat | null = fixed;
  let tsv: ZeekTsvParser | null = null;
  let started = false;
  const pending: { line: number; record: JsonObject; text: string }[] = [];
  let n = 0;
  for await (const rawLine of lines) {
    n++;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    if (!started) {
      started = true;
      if (line.startsWith('#separator')) tsv = new ZeekTsvParser();
    }
    if (tsv) {
      const row = tsv.push(line);
      if (row === null) continue;
      if ('reason' in row) yield { ok: false, line: n, reason: row.reason, detail: row.detail };
      else yield toRecord(n, 'zeek', row.record, JSON.stringify(row.record));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      yield { ok: false, line: n, reason: 'bad_json', detail: (err as Error).message.slice(0, 200) };
      continue;
    }
    if (!isObject(value)) {
      yield { ok: false, line: n, reason: 'not_object', detail: 'line is not a JSON object' };
      continue;
    }
    if (format === null) {
      format = detectFormat(value);
      if (format === null && pending.length < detectWithin) {
        pending.push({ line: n, record: value, text: line });
        continue;
      }
      for (const p of pending.splice(0))
        yield format ? toRecord(p.line, format, p.record, p.text) : unknown(p.line);
      if (format === null) {
        yield unknown(n);
        continue;
      }
    }
    yield toRecord(n, format, value, line);
  }
  for (const p of pending) yield format ? toRecord(p.line, format, p.record, p.text) : unknown(p.line);
}

const EVE_TIMES = /"(timestamp|start|end)"(\s*:\s*)"([^"]{10,64})"/g;
const TS_FIELD = /"ts"(\s*:\s*)(?:"([^"]{1,64})"|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?))/;
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Shifts the event times of a record's JSON text by `deltaMs` (rounded to whole ms), changing nothing else, so
 * EVE `flow_id` digits survive: EVE `timestamp`, `flow.start`, `flow.end`; Zeek and native `ts`. ISO times are
 * written in UTC with their sub-millisecond digits kept; epoch numbers keep their unit.
 */
export function shiftTime(text: string, format: RecordFormat, deltaMs: number): string {
  const delta = Math.round(deltaMs);
  if (format === 'eve') return text.replace(EVE_TIMES, (m, key, sep, v) => shiftIso(v, delta, key, sep) ?? m);
  return text.replace(TS_FIELD, (m, sep: string, iso: string | undefined, epoch: string | undefined) => {
    if (iso !== undefined) return shiftIso(iso, delta, 'ts', sep) ?? m;
    const n = Number(epoch);
    if (!Number.isFinite(n)) return m;
    const seconds = n < 1e11;
    const decimals = epoch!.includes('.') && !/[eE]/.test(epoch!) ? epoch!.split('.')[1]!.length : 0;
    const shifted = seconds ? n + delta / 1000 : n + delta;
    return `"ts"${sep}${shifted.toFixed(seconds ? Math.max(decimals, 3) : decimals)}`;
  });
}

function shiftIso(value: string, delta: number, key: string, sep: string): string | null {
  const m = ISO.exec(value);
  const ms = m ? parseEventTime(value) : null;
  if (!m || ms === null) return null;
  const d = new Date(ms + delta);
  // Without a zone the time is local (as Date.parse reads it), so it stays local; otherwise it is written in UTC.
  const local = m[3] === undefined;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const [y, mo, day, h, mi, sec, milli] = local
    ? [
        d.getFullYear(),
        d.getMonth() + 1,
        d.getDate(),
        d.getHours(),
        d.getMinutes(),
        d.getSeconds(),
        d.getMilliseconds(),
      ]
    : [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
        d.getUTCMilliseconds(),
      ];
  const zone = local ? '' : m[3] === 'Z' ? 'Z' : m[3]!.includes(':') ? '+00:00' : '+0000';
  const micro = (m[2] ?? '').slice(3);
  return `"${key}"${sep}"${p(y, 4)}-${p(mo)}-${p(day)}T${p(h)}:${p(mi)}:${p(sec)}.${p(milli, 3)}${micro}${zone}"`;
}

function toRecord(line: number, format: RecordFormat, record: JsonObject, text: string): FileRecord {
  return { ok: true, line, format, record, text, time: recordTime(record, format) };
}

function unknown(line: number): FileProblem {
  return {
    ok: false,
    line,
    reason: 'unknown_format',
    detail: 'no event_type, _path, id.orig_h, or kind with src_ip',
  };
}

type TsvRow = { record: JsonObject } | { reason: RejectReason; detail: string };

const NUMERIC_TYPES = new Set(['time', 'interval', 'double', 'count', 'int', 'port']);

/**
 * Zeek's ASCII (TSV) log format, line by line: `#separator`, `#set_separator`, `#empty_field`, `#unset_field`,
 * `#path`, `#fields`, `#types`, `#close` headers; rows become objects shaped like Zeek's JSON records (dotted
 * keys, unset fields absent, numbers typed by `#types`, sets and vectors as arrays, `_path` from `#path`).
 */
export class ZeekTsvParser {
  private separator = '\t';
  private setSeparator = ',';
  private emptyField = '(empty)';
  private unsetField = '-';
  private path: string | undefined;
  private fields: string[] | null = null;
  private types: string[] = [];

  /** A header line gives null; a data row gives its record, or a problem. */
  push(line: string): TsvRow | null {
    if (line.startsWith('#')) {
      this.header(line);
      return null;
    }
    if (!this.fields) return { reason: 'bad_value', detail: 'data row before a #fields header' };
    const values = line.split(this.separator);
    if (values.length !== this.fields.length) {
      return { reason: 'bad_value', detail: `${values.length} columns, #fields names ${this.fields.length}` };
    }
    const record: JsonObject = {};
    if (this.path !== undefined && !this.fields.includes('_path')) record._path = this.path;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      if (value === this.unsetField) continue;
      record[this.fields[i]!] = this.convert(value, this.types[i] ?? 'string');
    }
    return { record };
  }

  private header(line: string): void {
    if (line.startsWith('#separator')) {
      this.separator = unescapeZeek(line.slice('#separator'.length).trim()) || '\t';
      return;
    }
    const [directive, ...rest] = line.split(this.separator);
    const value = rest.join(this.separator);
    switch (directive) {
      case '#set_separator':
        this.setSeparator = unescapeZeek(value);
        break;
      case '#empty_field':
        this.emptyField = value;
        break;
      case '#unset_field':
        this.unsetField = value;
        break;
      case '#path':
        this.path = value;
        break;
      case '#fields':
        this.fields = rest;
        this.types = [];
        break;
      case '#types':
        this.types = rest;
        break;
      case '#close':
        this.fields = null;
        break;
    }
  }

  private convert(value: string, type: string): unknown {
    const container = /^(set|vector|table)\[(.*)\]$/.exec(type);
    if (container) {
      if (value === this.emptyField) return [];
      return value.split(this.setSeparator).map((v) => this.convert(v, container[2]!));
    }
    if (NUMERIC_TYPES.has(type)) {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : value;
    }
    if (type === 'bool') return value === 'T' ? true : value === 'F' ? false : value;
    if (value === this.emptyField) return '';
    return unescapeZeek(value);
  }
}

/** Zeek escapes separators and non-printable bytes as `\xHH`. */
function unescapeZeek(value: string): string {
  return value.includes('\\x')
    ? value.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    : value;
}
