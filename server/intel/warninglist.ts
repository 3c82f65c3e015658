/**
 * @module Warninglists: values known to be benign (cloud and CDN ranges, public resolvers, update services), as
 * MISP's warninglists publish them, so that an indicator naming one is left out of matching instead of flagging
 * every host that fetches its updates. A feed's `23.50.0.0/17` covers a Windows Update CDN node: with a warninglist
 * naming that node, the indicator is dropped and listed for the admin with the entry it collided with.
 *
 * Read: MISP's `list.json` (`{ name, type, list }`, types `cidr`, `hostname`, `string`; `substring` and `regex`
 * entries are counted as unsupported; without a type each value is recognised), a directory holding such files at any depth (MISP's `lists/` folder as
 * cloned), or a plain list, one value a line (`#` comments), each recognised as an indicator line is.
 * An indicator's observable is warned when:
 * - an address or CIDR overlaps a warned address or range (either covers the other);
 * - a domain is a warned name, a subdomain of one, or a parent of one (`windowsupdate.com` covers
 *   `download.windowsupdate.com`);
 * - a URL's host is warned as a domain or an address;
 * - any value equals a warned `string` entry.
 * Pure apart from reading files; built once per refresh.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isIPv4, parseIPv6 } from '../../shared/ip.js';
import { normalizeAddress, normalizeDomain, recognize } from './observable.js';
import type { Observable, ParsedFeed } from './types.js';
import { skip } from './types.js';

/** One warninglist as loaded. */
export interface Warninglist {
  name: string;
  location: string;
  /** Entries understood (addresses, ranges, names, strings). */
  entries: number;
  /** Entries of kinds not matched (`substring`, `regex`, unrecognised lines). */
  unsupported: number;
  /** Address ranges, merged and sorted, per family. */
  v4: Ranges;
  v6: Ranges;
  /** Warned domain names. */
  names: Set<string>;
  /** Every parent of a warned name (`download.windowsupdate.com` gives `windowsupdate.com` and `com`). */
  parents: Set<string>;
  /** Exact values (`string` entries, hashes). */
  strings: Set<string>;
}

/** Sorted, disjoint, inclusive [start, end] address ranges. */
interface Ranges {
  starts: bigint[];
  ends: bigint[];
}

/** A warninglist's files may be this large at most (MISP's largest lists are a few MB). */
const MAX_BYTES = 64 * 1024 * 1024;

/** An address or CIDR as an inclusive range of its family; null when the text is neither. */
function rangeOf(value: string): { v4: boolean; start: bigint; end: bigint } | null {
  const o = normalizeAddress(value);
  if (!o) return null;
  const [addr, bitsText] = o.value.split('/') as [string, string?];
  const v4 = isIPv4(addr);
  const width = v4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  let n = 0n;
  if (v4) for (const part of addr.split('.')) n = (n << 8n) | BigInt(part);
  else {
    const groups = parseIPv6(addr);
    if (!groups) return null;
    for (const g of groups) n = (n << 16n) | BigInt(g);
  }
  const span = (1n << BigInt(width - bits)) - 1n;
  const start = n & ~span;
  return { v4, start, end: start | span };
}

function merged(list: { start: bigint; end: bigint }[]): Ranges {
  list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Ranges = { starts: [], ends: [] };
  for (const r of list) {
    const last = out.ends.length - 1;
    if (last >= 0 && r.start <= out.ends[last]! + 1n) {
      if (r.end > out.ends[last]!) out.ends[last] = r.end;
    } else {
      out.starts.push(r.start);
      out.ends.push(r.end);
    }
  }
  return out;
}

/** Whether [start, end] overlaps any range: the first range ending at or after `start` must begin by `end`. */
function overlaps(ranges: Ranges, start: bigint, end: bigint): boolean {
  let lo = 0;
  let hi = ranges.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges.ends[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.starts.length && ranges.starts[lo]! <= end;
}

/** Builds a warninglist from its entries, each with its MISP type (`cidr`, `hostname`, `string`, or `auto`). */
export function buildWarninglist(
  name: string,
  location: string,
  entries: readonly { type: string; value: string }[],
): Warninglist {
  const v4: { start: bigint; end: bigint }[] = [];
  const v6: { start: bigint; end: bigint }[] = [];
  const names = new Set<string>();
  const parents = new Set<string>();
  const strings = new Set<string>();
  let understood = 0;
  let unsupported = 0;
  const addName = (domain: string) => {
    names.add(domain);
    for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1))
      parents.add(domain.slice(dot + 1));
  };
  for (const { type, value } of entries) {
    const text = value.trim();
    if (text === '') continue;
    const range = type === 'cidr' || type === 'auto' ? rangeOf(text) : null;
    if (range) {
      (range.v4 ? v4 : v6).push(range);
      understood++;
      continue;
    }
    if (type === 'hostname') {
      // MISP's hostname lists may start entries with a dot (".example.com": the name and its subdomains)
      const domain = normalizeDomain(text.replace(/^\./, ''));
      if (domain) {
        addName(domain);
        understood++;
      } else unsupported++;
      continue;
    }
    if (type === 'string') {
      strings.add(text.toLowerCase());
      understood++;
      continue;
    }
    if (type === 'auto') {
      const o = recognize(text);
      if (o?.type === 'domain') addName(o.value);
      else if (o) strings.add(o.value);
      else {
        unsupported++;
        continue;
      }
      understood++;
      continue;
    }
    unsupported++;
  }
  return {
    name,
    location,
    entries: understood,
    unsupported,
    v4: merged(v4),
    v6: merged(v6),
    names,
    parents,
    strings,
  };
}

/** The host of a normalized URL (`host[:port]/path`), brackets of an IPv6 host dropped. */
function urlHost(url: string): string {
  if (url.startsWith('[')) return url.slice(1, Math.max(1, url.indexOf(']')));
  const end = url.search(/[:/?]/);
  return end < 0 ? url : url.slice(0, end);
}

function domainWarned(list: Warninglist, domain: string): boolean {
  if (list.names.has(domain) || list.parents.has(domain)) return true;
  for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1))
    if (list.names.has(domain.slice(dot + 1))) return true;
  return false;
}

/** What an observable is checked by, worked out once however many lists check it. */
interface Probe {
  value: string;
  /** Its address range (an address, a CIDR, a URL's address host). */
  range: ReturnType<typeof rangeOf>;
  /** Its domain (a domain, a URL's named host). */
  domain: string | null;
}

function probeOf(o: Observable): Probe {
  const host = o.type === 'url' ? urlHost(o.value) : o.value;
  const range = o.type === 'ip' || o.type === 'cidr' || o.type === 'url' ? rangeOf(host) : null;
  const domain = o.type === 'domain' || (o.type === 'url' && !range) ? host : null;
  return { value: o.value, range, domain };
}

function probeWarned(list: Warninglist, p: Probe): boolean {
  if (list.strings.has(p.value)) return true;
  if (p.range) return overlaps(p.range.v4 ? list.v4 : list.v6, p.range.start, p.range.end);
  return p.domain !== null && domainWarned(list, p.domain);
}

/** Whether an observable is warned by a list (see the module's rules). */
export function warns(list: Warninglist, o: Observable): boolean {
  return probeWarned(list, probeOf(o));
}

/**
 * Leaves out of a parsed feed every observable a warninglist names, and every indicator left with none; each is
 * listed among the feed's skipped entries with the list that warned it. Returns how many observables were warned.
 */
export function applyWarninglists(feed: ParsedFeed, lists: readonly Warninglist[]): number {
  if (lists.length === 0) return 0;
  let warned = 0;
  feed.indicators = feed.indicators.filter((ind) => {
    ind.observables = ind.observables.filter((o) => {
      const probe = probeOf(o);
      const list = lists.find((l) => probeWarned(l, probe));
      if (!list) return true;
      warned++;
      skip(feed, ind.id, `on warninglist "${list.name}"`, o.value);
      return false;
    });
    return ind.observables.length > 0;
  });
  return warned;
}

/** MISP's `list.json` shape, as far as it is read. */
interface MispWarninglist {
  name?: unknown;
  type?: unknown;
  list?: unknown;
}

function fromText(text: string, location: string): Warninglist {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let doc: MispWarninglist;
    try {
      doc = JSON.parse(text) as MispWarninglist;
    } catch (err) {
      throw new Error(`${location}: not JSON (${(err as Error).message})`);
    }
    if (!Array.isArray(doc.list)) throw new Error(`${location}: not a MISP warninglist (it has no "list")`);
    const name = typeof doc.name === 'string' && doc.name.trim() ? doc.name.trim().slice(0, 200) : location;
    // MISP's older lists have no type: each value is then recognised as a plain list's line is
    const type = typeof doc.type === 'string' ? doc.type : 'auto';
    return buildWarninglist(
      name,
      location,
      doc.list.filter((v): v is string => typeof v === 'string').map((value) => ({ type, value })),
    );
  }
  const entries = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((value) => ({ type: 'auto', value }));
  return buildWarninglist(location.replace(/^.*[\\/]/, ''), location, entries);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.name === 'list.json') out.push(path);
  }
  return out.sort();
}

async function readOne(path: string): Promise<Warninglist> {
  const info = await stat(path);
  if (info.size > MAX_BYTES) throw new Error(`${path}: larger than ${MAX_BYTES / 2 ** 20} MiB`);
  return fromText(await readFile(path, 'utf8'), path);
}

/**
 * Reads the warninglists at a location: a file (MISP `list.json` or a plain list) or a directory, where every
 * `list.json` at any depth is one list. Throws an Error saying why when a file cannot be read or parsed.
 */
export async function readWarninglists(location: string): Promise<Warninglist[]> {
  const info = await stat(location).catch((err: Error) => {
    throw new Error(`${location}: ${err.message}`);
  });
  if (!info.isDirectory()) return [await readOne(location)];
  const files = await listFiles(location);
  if (files.length === 0) throw new Error(`${location}: no list.json in this directory`);
  return Promise.all(files.map(readOne));
}
