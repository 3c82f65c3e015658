/**
 * @module Zeek's ASCII (TSV) log format for the replay readers: headers, typed columns, rows as objects shaped like
 * Zeek's JSON records.
 */
import type { RejectReason } from '../../shared/schemas/telemetry.js';
import type { JsonObject } from '../ingest/decoders/record.js';

export type TsvRow = { record: JsonObject } | { reason: RejectReason; detail: string };

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
