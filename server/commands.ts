/**
 * @module Every `watchfloor` command: routing, `--help` at every level, and one mapping of failures to exit codes
 * (`EXIT`: 0 done, 1 failed, 2 bad arguments or configuration, 130 stopped). Every command that needs Redis says
 * which one (the default out loud) and gives up within seconds when none answers.
 */
import { parseArgs } from 'node:util';
import {
  type AccountContext,
  type Action,
  accountContext,
  type CommandGroup,
  DISPLAY_TOKENS,
  USERS,
} from './account-commands.js';
import { API_TOKENS } from './api-token-commands.js';
import {
  type CommandIo,
  closeRedis,
  connectRedis,
  EXIT,
  RedisUnreachableError,
  redact,
  redisTarget,
  UsageError,
} from './command-support.js';
import { ConfigError, loadConfig } from './config.js';
import { AppError } from './errors.js';

const ENVIRONMENT =
  'Environment: REDIS_URL (default redis://127.0.0.1:6379, said when used), WF_PREFIX (default wf:).';

const USAGE = `usage: watchfloor <command> [arguments]

  start                                     run the server (same as npm start)
  users add NAME --role operator|lead|admin --password-stdin
  users disable NAME                        disable an account and end its sessions
  users passwd NAME --password-stdin        set a new password and end its sessions
  users list
  display-token create LABEL [--segments a,b]   prints WF_PUBLIC_URL/wall?token=…
  display-token list
  display-token revoke ID                   revokes and disconnects the screen at once
  api-token create NAME --role operator|lead [--expires 90d]   prints the token once
  api-token list                            id, name, role, expiry, last use
  api-token revoke ID|NAME                  refused from its next request on
  simulate [--rate N] [--scenarios a,b] [--seed S] [--stream KEY] [--duration SEC] …
  replay FILE… [--format F] [--stream KEY] [--speed N|max] [--rebase now|keep] [--max-gap D] [--segment NAME] …
  dlq list [--reason R] [--limit N]         dead-lettered entries, newest first
  dlq requeue (--all | --reason R | ID…)    put them back on their source after a fix
  help [COMMAND]                            this help, or a command's (also COMMAND --help)

Exit codes: 0 done, 1 failed (Redis unreachable, refused), 2 bad arguments or configuration, 130 stopped.
${ENVIRONMENT}`;

const START_USAGE = `usage: watchfloor start

Runs the server: HTTP and Socket.IO on PORT (default 8080), ingest from WF_STREAMS / WF_LISTS, the built-in
simulator unless WF_SIMULATE=0. Where nothing answers at REDIS_URL and redis-server is installed, starts a private
one under ./data and says so. Every variable is listed in the README (Configuration).
Exit codes: 1 Redis unavailable, 2 bad configuration.`;

interface Command {
  run(argv: string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number>;
  /** Prints the command's help (exit 0). */
  help(io: CommandIo): Promise<void>;
}

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

const COMMANDS: Readonly<Record<string, Command>> = {
  start: {
    async run(argv, _env, io) {
      if (argv.some(isHelp)) return printed(io, START_USAGE);
      if (argv.length > 0) throw new UsageError(`start takes no arguments (got ${argv.join(' ')})`);
      await import('./main.js');
      return EXIT.ok;
    },
    help: async (io) => void printed(io, START_USAGE),
  },
  users: groupCommand(USERS),
  'display-token': groupCommand(DISPLAY_TOKENS),
  'api-token': groupCommand(API_TOKENS),
  simulate: {
    async run(argv, env, io) {
      const { runSimulateCommand } = await import('./simulate/command.js');
      return runSimulateCommand(argv, env, io);
    },
    async help(io) {
      const { SIMULATE_USAGE } = await import('./simulate/command.js');
      printed(io, SIMULATE_USAGE);
    },
  },
  replay: {
    async run(argv, env, io) {
      const { runReplayCommand } = await import('./replay/command.js');
      return runReplayCommand(argv, env, io);
    },
    async help(io) {
      const { REPLAY_USAGE } = await import('./replay/command.js');
      printed(io, REPLAY_USAGE);
    },
  },
  dlq: {
    async run(argv, env, io) {
      const { runDlqCommand } = await import('./ingest/dlq-command.js');
      // The DLQ command opens its own connection; make sure first that Redis answers, and say which one.
      if (!argv.some(isHelp)) await checkRedis('dlq', env, io);
      return runDlqCommand(argv, env, io);
    },
    async help(io) {
      const { DLQ_USAGE } = await import('./ingest/dlq-command.js');
      printed(io, DLQ_USAGE);
    },
  },
};

function printed(io: CommandIo, text: string): number {
  io.stdout.write(`${text}\n`);
  return EXIT.ok;
}

async function checkRedis(command: string, env: NodeJS.ProcessEnv, io: CommandIo): Promise<void> {
  const target = redisTarget(env);
  await closeRedis(await connectRedis(target, command, io, { oneShot: true }));
  if (!target.isDefault)
    io.stderr.write(`watchfloor ${command}: using Redis ${redact(target.url)} (prefix ${target.prefix})\n`);
}

function groupUsage(g: CommandGroup): string {
  const entries = Object.entries(g.actions).map(([name, a]) => [
    `${g.name} ${name} ${a.synopsis}`.trimEnd(),
    a.about,
  ]);
  const width = Math.max(...entries.map(([s]) => s!.length)) + 3;
  const lines = entries.map(([s, about]) => `  ${s!.padEnd(width)}${about}`);
  return `usage: watchfloor ${g.name} <action> [arguments]   (${g.about})

${lines.join('\n')}
${g.notes ? `\n${g.notes}\n` : ''}
${ENVIRONMENT}`;
}

/** A command made of actions (`users add …`): parses, connects (bounded), runs the handler, closes. */
function groupCommand(g: CommandGroup): Command {
  const usage = groupUsage(g);
  return {
    help: async (io) => void printed(io, usage),
    async run(argv, env, io) {
      const [name, ...rest] = argv;
      if (name === undefined) throw new UsageError('an action is required', usage);
      if (isHelp(name)) return printed(io, usage);
      const act: Action | undefined = Object.hasOwn(g.actions, name) ? g.actions[name] : undefined;
      if (!act) throw new UsageError(`unknown action ${name}`, usage);
      const input = parseAction(act, rest, usage);
      if (input === HELP) return printed(io, usage);
      const config = loadConfig(env);
      const target = { url: config.redisUrl, prefix: config.prefix, isDefault: !env.REDIS_URL };
      const redis = await connectRedis(target, `${g.name} ${name}`, io, { oneShot: true });
      try {
        const ctx: AccountContext = accountContext(redis, config, target, io, readSecret(io));
        await act.run(input, ctx);
        return EXIT.ok;
      } catch (err) {
        if (err instanceof AppError) throw err;
        // after the connection answered: a lost or stalled Redis (the one-shot connection bounds every command)
        throw new RedisUnreachableError(`Redis ${redact(target.url)} failed: ${(err as Error).message}`);
      } finally {
        await closeRedis(redis);
      }
    },
  };
}

const HELP = Symbol('help');

function parseAction(act: Action, argv: string[], usage: string): unknown {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { ...act.options, help: { type: 'boolean', short: 'h' } },
    }) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (err) {
    // node's messages go on with advice about `--`; the first sentence is the point
    throw new UsageError((err as Error).message.split('. ')[0]!, usage);
  }
  if (values.help) return HELP;
  const missing = act.positionals.slice(positionals.length);
  if (missing.length) throw new UsageError(`${missing.join(' ')} is required`, usage);
  const extra = positionals.slice(act.positionals.length);
  if (extra.length) throw new UsageError(`unexpected argument ${extra.join(' ')}`, usage);
  try {
    return act.parse(positionals, values);
  } catch (err) {
    if (err instanceof UsageError && !err.usage) throw new UsageError(err.message, usage);
    throw err;
  }
}

/** Reads stdin to its end (a trailing newline dropped); on a terminal, says what it waits for first. */
const readSecret = (io: CommandIo) => async (what: string) => {
  if (process.stdin.isTTY) io.stderr.write(`reading ${what} from stdin: type it, then Enter and Ctrl-D\n`);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
};

async function route(argv: string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('a command is required', USAGE);
  if (isHelp(name)) {
    const topic = rest[0];
    if (topic === undefined) return printed(io, USAGE);
    const command = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
    if (!command) throw new UsageError(`no command ${topic}`, USAGE);
    await command.help(io);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command ${name}`, USAGE);
  return command.run(rest, env, io);
}

/** The exit code of a failure, after saying what failed. */
function failed(err: unknown, command: string, io: CommandIo): number {
  const who = command ? `watchfloor ${command}` : 'watchfloor';
  if (err instanceof UsageError) {
    io.stderr.write(`${who}: ${err.message}\n${err.usage ? `\n${err.usage}\n` : ''}`);
    return EXIT.usage;
  }
  if (err instanceof ConfigError) {
    io.stderr.write(`${who}: ${err.message}\n`);
    return EXIT.usage;
  }
  if (err instanceof RedisUnreachableError || err instanceof AppError) {
    io.stderr.write(`${who}: ${err.message}\n`);
    return EXIT.failed;
  }
  io.stderr.write(`${who}: ${(err as Error).stack ?? err}\n`);
  return EXIT.failed;
}

const GROUPS: Readonly<Record<string, CommandGroup>> = {
  users: USERS,
  'display-token': DISPLAY_TOKENS,
  'api-token': API_TOKENS,
};

/** `users add`, `replay`, or '' for no known command: what failure messages start with. */
function commandLabel([name, action]: string[]): string {
  if (name === undefined || !Object.hasOwn(COMMANDS, name)) return '';
  const group = Object.hasOwn(GROUPS, name) ? GROUPS[name] : undefined;
  return group && action !== undefined && Object.hasOwn(group.actions, action) ? `${name} ${action}` : name;
}

/** Runs `watchfloor ARGV…`: the exit code, after saying what failed if anything did. */
export function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
  return route(argv, env, io).catch((err: unknown) => failed(err, commandLabel(argv), io));
}
