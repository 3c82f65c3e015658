/**
 * @module What the benchmarks share: the project root, Node flags read from `npm start`, compiling the server and
 * the workers as the product runs them, the ingest worker, and a compiled Watchfloor server with a logged-in session.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserStore } from '../server/auth/users.js';
import { Keys } from '../server/redis/keys.js';
import { freePort, type TestRedis } from '../tests/support/redis-server.js';

export const root = fileURLToPath(new URL('..', import.meta.url));

export interface Run {
  mode: string;
  events: number;
  wallS: number;
  cpuS: number;
  /** Collector pauses while timing, ms: scavenges, mark-compacts and the rest (absent from older builds' workers). */
  gcMs?: { minor: number; major: number; other: number };
  /** Mode wf-intel: heap held by the loaded indicators and their index, MB. */
  intelHeapMB?: number;
  /** Mode wf-intel: their typed arrays' backing stores (outside the heap), MB. */
  intelArraysMB?: number;
}

/**
 * The Node flags of `npm start`, read from package.json so that they cannot drift: the servers and consumers of the
 * benchmarks run as the product does (compiled by tsc; through tsx the same code runs about a fifth slower).
 */
export const NODE_FLAGS = nodeFlagsOfStart();
function nodeFlagsOfStart(): string[] {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };
  const m = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/server\/main\.js/.exec(pkg.scripts.start ?? '');
  if (!m) throw new Error('package.json start script does not run node dist/server/main.js');
  return m[1]!.trim().split(' ').filter(Boolean);
}

/** Compiles server, shared and bench into `.bench-dist` (with the Lua scripts the server reads beside its code). */
export function compileBench(): void {
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.bench.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  cpSync(`${root}server/redis/lua`, `${root}.bench-dist/server/redis/lua`, { recursive: true });
}

/**
 * Drains `n` entries of `stream` with the ingest worker in `mode` (raw, wf-v0, wf-all) after `warm` untimed ones;
 * `dir`: the root of another build whose compiled worker (`.bench-dist`) runs instead (BENCH_BASELINE_DIR).
 */
export function worker(mode: string, url: string, stream: string, n: number, warm: number, dir = root): Run {
  const out = execFileSync(
    process.execPath,
    [
      ...NODE_FLAGS,
      // the intel consumer measures the heap its indicators hold, after forced collections
      ...(mode.startsWith('wf-intel') ? ['--expose-gc'] : []),
      '.bench-dist/bench/ingest-worker.js',
      mode,
      url,
      stream,
      String(n),
      String(warm),
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}

/** CPU seconds (user + system) a process has used, from /proc. */
export function processCpuS(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

export interface BenchServer {
  base: string;
  stream: string;
  prefix: string;
  child: ChildProcess;
  /** A session cookie of an operator. */
  cookie: string;
  stop(): void;
}

/** A compiled Watchfloor server on `redis`, reading one stream, with an operator logged in. */
export async function startBenchServer(
  redis: TestRedis,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const port = await freePort();
  const prefix = `b${randomUUID().slice(0, 6)}:`;
  const stream = `bench-${randomUUID().slice(0, 6)}`;
  const child = spawn(process.execPath, [...NODE_FLAGS, '.bench-dist/server/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      PORT: String(port),
      WF_PREFIX: prefix,
      WF_STREAMS: stream,
      WF_SIMULATE: '0',
      WF_START: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const cmd = redis.client();
  await new UserStore(cmd, new Keys(prefix))
    .add('bench', 'operator', 'correct horse battery')
    .catch(() => {});
  cmd.disconnect();
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'correct horse battery' }),
  });
  if (!login.ok) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return { base, stream, prefix, child, cookie, stop: () => child.kill('SIGTERM') };
}
