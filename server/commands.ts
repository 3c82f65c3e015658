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
  targetOf,
  UsageError,
} from './command-support.js';
import { ConfigError, loadConfig } from './config.js';
import { AppError } from './errors.js';

const ENVIRONMENT =
  'Environment: REDIS_URL (default redis://127.0.0.1:6379, said when used), WF_PREFIX (default wf:), WF_PUBLIC_URL (the address screens use, for wall links; default http://localhost:PORT).';

/** Synopsis and what it does, as two columns; a synopsis too long for its column puts the text on its own line. */
function columns(rows: readonly (readonly [string, string])[], width = 44): string {
  return rows
    .map(([syn, about]) =>
      !about
        ? `  ${syn}`
        : syn.length <= width - 2
          ? `  ${syn.padEnd(width)}${about}`
          : `  ${syn}\n  ${' '.repeat(width)}${about}`,
    )
    .join('\n');
}

const actionRows = (g: CommandGroup) =>
  Object.entries(g.actions).map(
    ([name, a]) => [`${g.name} ${name} ${a.synopsis}`.trimEnd(), a.about] as const,
  );

const USAGE = `usage: watchfloor <command> [arguments]

${columns([
  ['start', 'run the server (same as npm start)'],
  ...actionRows(USERS),
  ...actionRows(DISPLAY_TOKENS),
  ...actionRows(API_TOKENS),
  ['simulate [--rate N] [--scenarios a,b] [--seed S] …', 'write simulated traffic to a stream'],
  ['replay FILE… [--speed N|max] [--max-gap D] …', 'replay captures (EVE, Zeek) into Redis'],
  ['dlq list [--reason R] [--limit N]', 'dead-lettered entries, newest first'],
  ['dlq requeue (--all | --reason R | ID…)', 'put them back on their source after a fix'],
  ['help [COMMAND]', "this help, or a command's (also COMMAND --help)"],
])}

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
  simulate: lazyCommand(async () => {
    const m = await import('./simulate/command.js');
    return { run: m.runSimulateCommand, usage: m.SIMULATE_USAGE };
  }),
  replay: lazyCommand(async () => {
    const m = await import('./replay/command.js');
    return { run: m.runReplayCommand, usage: m.REPLAY_USAGE };
  }),
  dlq: lazyCommand(async () => {
    const m = await import('./ingest/dlq-command.js');
    return {
      // The DLQ command opens its own connection: once its arguments are good, make sure that Redis answers, and
      // say which one.
      run: (argv, env, io) => m.runDlqCommand(argv, env, io, () => checkRedis('dlq', env, io)),
      usage: m.DLQ_USAGE,
    };
  }),
};

/** A command in its own module, loaded when used (the simulator and the replay pull in much). */
function lazyCommand(load: () => Promise<{ run: Command['run']; usage: string }>): Command {
  return {
    run: async (argv, env, io) => (await load()).run(argv, env, io),
    help: async (io) => void printed(io, (await load()).usage),
  };
}

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
  return `usage: watchfloor ${g.name} <action> [arguments]   (${g.about})

${columns(actionRows(g))}
${g.notes ? `\n${g.notes}\n` : ''}
${ENVIRONMENT}`;
}

/** What ioredis rejects a command with when Redis is lost, stalled or refuses (`AppError`s are the stores'). */
const REDIS_ERRORS = new Set(['Error', 'ReplyError', 'MaxRetriesPerRequestError']);

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
      const target = targetOf(config, env);
      const redis = await connectRedis(target, `${g.name} ${name}`, io, { oneShot: true });
      try {
        const ctx: AccountContext = accountContext(redis, config, target, io, readSecret(io));
        await act.run(input, ctx);
        return EXIT.ok;
      } catch (err) {
        // after the connection answered: a lost or stalled Redis (the one-shot connection bounds every command)
        if (err instanceof Error && REDIS_ERRORS.has(err.name))
          throw new RedisUnreachableError(`Redis ${redact(target.url)} failed: ${err.message}`);
        throw err;
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
  const stdin = io.stdin ?? process.stdin;
  if (stdin.isTTY) io.stderr.write(`reading ${what} from stdin: type it, then Enter and Ctrl-D\n`);
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
};

async function route(argv: string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('a command is required', USAGE);
  if (isHelp(name)) {
    const topic = rest[0];
    // `help`, `help --help`: the commands
    if (topic === undefined || isHelp(topic)) return printed(io, USAGE);
    const command = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
    if (!command) throw new UsageError(`unknown command ${topic}`, USAGE);
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
