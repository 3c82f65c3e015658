/**
 * The HTTP contract stays single: wire shapes are declared only in shared/ (the client declares no schema of its
 * own), the API routers mount every route through the contract (no hand-read body or query), and each route is
 * declared once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API } from '../../shared/contract.js';
import { REPO_ROOT } from '../fixtures/decoding.js';

function files(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
const text = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

describe('one HTTP contract', () => {
  it('the client declares no wire shape: no zod schema outside shared/', () => {
    const declaring = files('client/src').filter((f) => /\bz\.\w+\(/.test(text(f)));
    // the zod alias only configures zod for the browser
    expect(declaring.map((f) => relative('client/src', f))).toEqual(['lib/zod-jitless.ts']);
  });

  it('the API routers mount every route through the contract: no route, body or query read by hand', () => {
    const routers = files('server/http').filter(
      (f) => f.endsWith('-routes.ts') && !f.endsWith('health-routes.ts'),
    );
    expect(routers.length).toBeGreaterThan(5);
    for (const f of routers) {
      const src = text(f);
      expect(src, f).not.toMatch(/\br\.(get|post|put|delete|patch)\(/);
      expect(src, f).not.toMatch(/\breq\.(body|query)\b/);
      expect(src, f).not.toMatch(/\.safeParse\(/);
    }
  });

  it('declares each method and path once', () => {
    const keys = Object.values(API).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('isSnoozed is written once, in shared/', () => {
    const defining = [...files('server'), ...files('client/src'), ...files('shared')].filter((f) =>
      /(function|const) isSnoozed\b/.test(text(f)),
    );
    expect(defining).toEqual(['shared/schemas/alert.ts']);
  });
});
