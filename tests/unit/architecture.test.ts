/**
 * The rules of docs/ARCHITECTURE.md, held against the code: each rule reads the sources as text and names every
 * file that breaks it, so an import in the wrong direction fails here before it spreads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');
/** Every module specifier a file imports or re-exports. */
const imports = (file: string) =>
  [...text(file).matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/** Files of `dir` whose imports match `forbidden`, with the offending specifier. */
function breaking(files: readonly string[], forbidden: RegExp): string[] {
  return files.flatMap((f) =>
    imports(f)
      .filter((s) => forbidden.test(s))
      .map((s) => `${f} imports ${s}`),
  );
}

const server = sources('server');
const client = sources('client/src');
const shared = sources('shared');

/** Pure logic: no I/O of any kind (Redis, files, network, HTTP, sockets, logging). */
const PURE = [
  ...sources('server/ingest/decoders'),
  ...sources('server/scoring').filter((f) => !/history-store|assets\.ts$/.test(f)),
  ...sources('server/intel').filter((f) => !/feed-reader|intel-feeds/.test(f)),
  ...sources('server/handoff').filter((f) => !/handoff-service/.test(f)),
  'server/alerts/state-machine.ts',
  'server/alerts/alert-rule.ts',
].filter((f) => server.includes(f));
const IO =
  /^(ioredis|express|socket\.io|pino|node:(fs|net|http|https|child_process))$|\/redis\/|\/logger\.js$/;

describe('architecture rules', () => {
  it('the client never imports the server', () => {
    expect(breaking(client, /(^|\/)server\//)).toEqual([]);
  });

  it('shared code imports neither side and does no I/O', () => {
    expect(breaking(shared, /(^|\/)(server|client)\//)).toEqual([]);
    expect(breaking(shared, IO)).toEqual([]);
  });

  it('pure logic (decoders, detectors, scoring, the alert state machine and rule) does no I/O', () => {
    expect(PURE.length).toBeGreaterThan(10);
    expect(breaking(PURE, IO)).toEqual([]);
  });

  it('routers reach Redis only through the stores they are given', () => {
    expect(breaking(sources('server/http'), /^ioredis$|\/redis\/(connections|scripts)\.js$/)).toEqual([]);
  });

  it('only realtime/rooms names rooms', () => {
    // a room given as a literal to a socket or server, or a room prefix spelt out
    const literalRoom = /\b(?:socket|io|local)\s*\.\s*(?:join|to|in|leave|except)\(\s*['"`]/;
    const prefixes = /['"`](live-seg:|alerts-seg:)/;
    const offenders = server
      .filter((f) => f !== 'server/realtime/rooms.ts')
      .filter((f) => literalRoom.test(text(f)) || prefixes.test(text(f)));
    expect(offenders).toEqual([]);
  });

  it('Lua runs only through server/redis/scripts (one .lua file each)', () => {
    const inline = server.filter(
      (f) => f !== 'server/redis/scripts.ts' && /\.(eval|evalsha|defineCommand)\(/.test(text(f)),
    );
    expect(inline).toEqual([]);
  });

  it('authorization is one table: no role is compared anywhere but shared/permissions', () => {
    const elsewhere = [...server, ...client, ...shared].filter(
      (f) =>
        !/shared\/(permissions|roles)\.ts$/.test(f) &&
        /\broleAtLeast\(|role\s*[=!]==\s*'(operator|lead|admin)'/.test(text(f)),
    );
    expect(elsewhere).toEqual([]);
  });

  it('only shared/ declares wire shapes: the client builds no zod object schemas of its own', () => {
    const own = client.filter((f) => /\bz\.object\(/.test(text(f)));
    expect(own.map((f) => relative(ROOT, join(ROOT, f)))).toEqual([]);
  });
});
