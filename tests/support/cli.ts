/** @module Test helper: the `watchfloor` command (or the server) as a user runs it, a child process from the sources. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `server/<entry>.ts` with `args`, the environment without REDIS_URL plus `env`, and `stdin`. */
export function runCommand(
  entry: 'cli' | 'main',
  args: string[],
  env: Record<string, string | undefined>,
  stdin = '',
): Promise<CliRun> {
  const base = { ...process.env };
  delete base.REDIS_URL;
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', `server/${entry}.ts`, ...args], {
    cwd: root,
    env: { ...base, WF_AUTO_REDIS: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })),
  );
}
