/**
 * The overview's JavaScript budget, read from the built client's manifest (`npm run build:client` writes it): what
 * a signed-in browser loads to show `/` (the entry and its imports, the live socket, the overview view and its
 * imports) stays well inside 300 KB gzipped, and none of it is recharts, which only the pages that explore a chart
 * load (lazily, with their chart). Skips, saying why, when the client has not been built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../dist/client', import.meta.url));
const MANIFEST = join(DIST, '.vite', 'manifest.json');
/** The design's budget for the overview's initial JavaScript, gzipped. */
const BUDGET_BYTES = 300 * 1024;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const built = existsSync(MANIFEST);
if (!built)
  console.warn(`bundle budget skipped: ${MANIFEST} is missing (run \`npm run build:client\` first)`);

describe.skipIf(!built)('the overview stays within its JavaScript budget', () => {
  const manifest = built ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>) : {};
  /** Every chunk `key` loads before it runs (itself and its static imports, transitively). */
  const closure = (key: string, into = new Set<string>()): Set<string> => {
    if (into.has(key) || !manifest[key]) return into;
    into.add(key);
    for (const i of manifest[key]!.imports ?? []) closure(i, into);
    return into;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const startKeys = [
    entry,
    'src/views/Overview.tsx',
    ...(manifest[entry]?.dynamicImports ?? []).filter((k) => k.includes('live-socket')),
  ];
  const keys = new Set<string>();
  for (const k of startKeys) closure(k, keys);
  const gz = (k: string) => gzipSync(readFileSync(join(DIST, manifest[k]!.file))).length;

  it('loads at most 300 KB gzipped of JavaScript for the overview', () => {
    expect(manifest['src/views/Overview.tsx'], 'the overview view chunk').toBeDefined();
    const total = [...keys].reduce((sum, k) => sum + gz(k), 0);
    console.log(
      `overview initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${keys.size} chunks`,
    );
    expect(total).toBeLessThan(BUDGET_BYTES);
  });

  it('loads no recharts on the overview: the explored charts fetch it with their page', () => {
    const chart = Object.keys(manifest).find((k) => k.endsWith('components/explore/ExploreChart.tsx'));
    expect(chart, 'the explored chart is a chunk of its own').toBeDefined();
    expect(keys.has(chart!)).toBe(false);
    for (const k of keys)
      expect(readFileSync(join(DIST, manifest[k]!.file), 'utf8')).not.toContain('recharts-');
    // and the chart's chunk is where recharts is
    expect(readFileSync(join(DIST, manifest[chart!]!.file), 'utf8')).toContain('recharts-wrapper');
    console.log(`recharts chunk (explored charts only): ${(gz(chart!) / 1024).toFixed(1)} KB gzipped`);
  });
});
