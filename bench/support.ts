/** @module What the benches share: the Node flags of `npm start`, the compiled bench build, the ingest worker. */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export interface Run {
  mode: string;
  events: number;
  wallS: number;
  cpuS: number;
}

/**
 * The consumers (and the benches' servers) run as the product does: compiled by tsc (not through tsx, whose transform
 * runs the same code about a fifth slower) and with the Node flags of `npm start`, read from package.json so that
 * they cannot drift.
 */
export const NODE_FLAGS = nodeFlagsOfStart();
function nodeFlagsOfStart(): string[] {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };
  const m = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/server\/main\.js/.exec(pkg.scripts.start ?? '');
  if (!m) throw new Error('package.json start script does not run node dist/server/main.js');
  return m[1]!.trim().split(' ').filter(Boolean);
}

/** Compiles the server and the bench workers into .bench-dist, with the Lua scripts beside them (as `build:server`). */
export function compileWorker(): void {
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.bench.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  cpSync(`${root}server/redis/lua`, `${root}.bench-dist/server/redis/lua`, { recursive: true });
}

/** Drains `n` entries of `stream` with the ingest worker in `mode` (raw, wf-v0, wf-all) after `warm` untimed ones. */
export function worker(mode: string, url: string, stream: string, n: number, warm: number): Run {
  const out = execFileSync(
    process.execPath,
    [...NODE_FLAGS, '.bench-dist/bench/ingest-worker.js', mode, url, stream, String(n), String(warm)],
    { cwd: root, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}
