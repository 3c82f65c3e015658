/**
 * @module File readers for `watchfloor replay`: plain or gzip files of JSON lines (EVE, Zeek JSON, native) or
 * Zeek TSV logs, as records with their event time (one by one, or in batches per chunk read). Bad lines are
 * reported, never thrown.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { RejectReason } from '../../shared/schemas/telemetry.js';
import { type DetectedFormat, detectFormat } from '../ingest/decoders/auto.js';
import { parseEventTime } from '../ingest/decoders/normalize.js';
import { isObject, type JsonObject, member } from '../ingest/decoders/record.js';
import type { InputFormat } from '../ingest/decoders/types.js';
import { eventTime } from './iso-time.js';
import { ZeekTsvParser } from './zeek-tsv.js';

export { ZeekTsvParser };

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
    const start = record.event_type === 'flow' ? eventTime(member(record, 'flow')?.start) : null;
    return start ?? eventTime(record.timestamp);
  }
  return eventTime(record.ts);
}

/** Opens a file as text, gunzipping when it starts with the gzip magic bytes. */
export async function openText(path: string): Promise<Readable> {
  const handle = await open(path, 'r');
  let gzip = false;
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    gzip = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const input: Readable = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (err) => input.destroy(err));
  input.setEncoding('utf8');
  return input;
}

/**
 * Reads one file (plain or .gz) as batches of records: lines are split per chunk read, so the per-record cost is
 * parsing only (the replay loads hundreds of thousands of records before sending).
 */
export async function* readFileBatches(path: string, options: ReadOptions = {}): AsyncGenerator<FileItem[]> {
  const reader = new LineReader(options);
  let rest = '';
  for await (const chunk of await openText(path)) {
    const text = rest + (chunk as string);
    const lines = text.split('\n');
    rest = lines.pop()!;
    const out: FileItem[] = [];
    for (const line of lines) reader.push(line, out);
    if (out.length > 0) yield out;
  }
  const out: FileItem[] = [];
  if (rest !== '') reader.push(rest, out);
  reader.end(out);
  if (out.length > 0) yield out;
}

/** Reads one file (plain or .gz) as records. */
export async function* readFile(path: string, options: ReadOptions = {}): AsyncGenerator<FileItem> {
  for await (const batch of readFileBatches(path, options)) yield* batch;
}

/**
 * Turns lines into records: Zeek TSV when the first non-empty line is `#separator`, else JSON lines. Without a
 * format, the first line whose shape names one fixes it for the whole file (so a malformed record of that file
 * still reaches the decoder, which rejects it with a reason).
 */
export class LineReader {
  private readonly detectWithin: number;
  private format: RecordFormat | null;
  private tsv: ZeekTsvParser | null = null;
  private started = false;
  private readonly pending: { line: number; record: JsonObject; text: string }[] = [];
  private n = 0;

  constructor(options: ReadOptions = {}) {
    this.format = options.format && options.format !== 'auto' ? (options.format as RecordFormat) : null;
    this.detectWithin = options.detectWithin ?? 1000;
  }

  /** Reads the next line (without its newline), appending what it yields to `out`. */
  push(rawLine: string, out: FileItem[]): void {
    const n = ++this.n;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    if (!this.started) {
      this.started = true;
      if (line.startsWith('#separator')) this.tsv = new ZeekTsvParser();
    }
    if (this.tsv) {
      const row = this.tsv.push(line);
      if (row === null) return;
      if ('reason' in row) out.push({ ok: false, line: n, reason: row.reason, detail: row.detail });
      else out.push(toRecord(n, 'zeek', row.record, JSON.stringify(row.record)));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      out.push({ ok: false, line: n, reason: 'bad_json', detail: (err as Error).message.slice(0, 200) });
      return;
    }
    if (!isObject(value)) {
      out.push({ ok: false, line: n, reason: 'not_object', detail: 'line is not a JSON object' });
      return;
    }
    if (this.format === null) {
      this.format = detectFormat(value);
      if (this.format === null && this.pending.length < this.detectWithin) {
        this.pending.push({ line: n, record: value, text: line });
        return;
      }
      this.flushPending(out);
      if (this.format === null) {
        out.push(unknown(n));
        return;
      }
    }
    out.push(toRecord(n, this.format, value, line));
  }

  /** The end of the input: records still waiting for a format are yielded (or reported unknown). */
  end(out: FileItem[]): void {
    this.flushPending(out);
  }

  private flushPending(out: FileItem[]): void {
    const format = this.format;
    for (const p of this.pending.splice(0))
      out.push(format ? toRecord(p.line, format, p.record, p.text) : unknown(p.line));
  }
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
