#!/usr/bin/env -S node --max-semi-space-size=64
/** @module The `watchfloor` executable: runs the command of its arguments (see `commands.ts`) and exits with its code. */
import { EXIT, processIo } from './command-support.js';
import { runCli } from './commands.js';

const argv = process.argv.slice(2);
const io = processIo();
runCli(argv, process.env, io).then((code) => {
  // The server (`start`) keeps running from its own module. A command is done: exit now rather than wait for
  // what may still hold the event loop (ioredis keeps a 2 s timer after a refused connection). Writes to
  // terminals, files and pipes are synchronous on Linux, so nothing printed is lost.
  if (argv[0] === 'start' && code === EXIT.ok) process.exitCode = code;
  else process.exit(code);
});
