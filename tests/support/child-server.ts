/** @module Test helper: Watchfloor as a child process (from the TypeScript sources), so a test can SIGKILL it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  process: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `ownGroup`: the server leads a process group of its own, so a test can signal the group as a terminal does. */
export function startChildServer(
  env: Record<string, string>,
  opts: { ownGroup?: boolean } = {},
): ChildServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    detached: opts.ownGroup === true,
    env: { ...process.env, WF_SIMULATE: '0', PORT: '0', LOG_LEVEL: 'warn', WF_AUTO_REDIS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return {
    process: child,
    output: () => out,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
