/**
 * @module Reads one feed (the I/O around the pure parsers): a file or folder, or an http(s) URL with a timeout and
 * a size bound. A bare location is recognised from its content: a folder or a MISP manifest → misp, a STIX bundle →
 * stix, anything else → list. Its errors name a URL without its secrets (they become system alerts operators and
 * the wall see).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { redactUrlIn } from '../../shared/redact-url.js';
import { type FeedSpec, isUrl, shownLocation as shown } from './feed-spec.js';
import { parseList } from './list.js';
import { isMispManifest, mispManifestEvents, parseMispEvent } from './misp.js';
import { isStixBundle, parseStixBundle } from './stix.js';
import type { ParsedFeed } from './types.js';

/** Largest document read (a bundle, a MISP event, a list). */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;
/** How long one HTTP request of a feed may take. */
export const FEED_TIMEOUT_MS = 60_000;

export interface ReadFeed {
  parsed: ParsedFeed;
  kind: 'stix' | 'misp' | 'list';
}

async function fetchText(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(FEED_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    // fetch's own messages may name the URL whole ("… includes credentials: http://user:pass@…")
    throw new Error(`${shown(url)}: ${redactUrlIn((err as Error).message, url)}`);
  }
  if (!res.ok) throw new Error(`${shown(url)}: HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_FEED_BYTES)
    throw new Error(`${shown(url)}: ${length} bytes is more than ${MAX_FEED_BYTES}`);
  const text = await res.text();
  if (text.length > MAX_FEED_BYTES) throw new Error(`${shown(url)}: more than ${MAX_FEED_BYTES} bytes`);
  return text;
}

async function readText(location: string): Promise<string> {
  if (isUrl(location)) return fetchText(location);
  const info = await stat(location);
  if (info.size > MAX_FEED_BYTES)
    throw new Error(`${location}: ${info.size} bytes is more than ${MAX_FEED_BYTES}`);
  return readFile(location, 'utf8');
}

function json(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${shown(where)}: not JSON (${(err as Error).message.slice(0, 120)})`);
  }
}

/** A location inside a feed folder or under a feed URL. */
const child = (base: string, name: string) =>
  isUrl(base) ? `${base.replace(/\/+$/, '')}/${name}` : join(base, name);

/** Reads a MISP feed whose manifest is already parsed; every event listed must load. */
async function readMisp(base: string, manifest: unknown, feed: string): Promise<ParsedFeed> {
  const out: ParsedFeed = { indicators: [], skipped: [], expired: 0 };
  for (const uuid of mispManifestEvents(manifest)) {
    const where = child(base, `${uuid}.json`);
    parseMispEvent(json(await readText(where), where), feed, out);
  }
  return out;
}

/** Reads and parses a feed; throws an Error saying why it could not. */
export async function readFeed(spec: FeedSpec, now: number): Promise<ReadFeed> {
  const { location, name } = spec;
  if (spec.kind === 'misp') {
    const manifestAt = child(location, 'manifest.json');
    return {
      kind: 'misp',
      parsed: await readMisp(location, json(await readText(manifestAt), manifestAt), name),
    };
  }
  if (spec.kind === 'auto' && !isUrl(location) && (await stat(location)).isDirectory())
    return readFeed({ ...spec, kind: 'misp' }, now);
  const text = await readText(location);
  if (spec.kind === 'stix') return { kind: 'stix', parsed: parseStixBundle(json(text, location), name, now) };
  if (spec.kind === 'list') return { kind: 'list', parsed: parseList(text, name) };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const doc = json(text, location);
    if (isStixBundle(doc)) return { kind: 'stix', parsed: parseStixBundle(doc, name, now) };
    if (isMispManifest(doc)) {
      const base = location.replace(/[\\/][^\\/]*$/, '');
      return { kind: 'misp', parsed: await readMisp(base, doc, name) };
    }
    throw new Error(`${shown(location)}: JSON that is neither a STIX bundle nor a MISP manifest`);
  }
  return { kind: 'list', parsed: parseList(text, name) };
}
