/**
 * @module `watchfloor simulate`: runs the simulator against REDIS_URL, printing each injected scenario.
 * Exit codes (`EXIT`): 0 done, 1 Redis unreachable, 2 bad arguments or environment.
 */

import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  type CommandIo,
  closeRedis,
  EXIT,
  openRedis,
  processIo,
  redact,
  stopSignal,
} from '../command-support.js';
import { Keys } from '../redis/keys.js';
import { DEFAULT_RATE } from './generator.js';
import { buildTopology, DEFAULT_HOSTS } from './network-model.js';
import { resolveScenarioName } from './scenarios/index.js';
import { cyclingSchedule, DEFAULT_CYCLE } from './schedule.js';
import { startSimulator } from './simulator.js';
import type { GroundTruth, ScenarioName } from './truth.js';

export const SIMULATE_USAGE = `usage: watchfloor simulate [options]

  --rate N            background events/s, mean over a working day (default ${DEFAULT_RATE})
  --scenarios LIST    comma list cycled in order, or "none" (default scan,beacon,password-guess,dns-tunnel,exfil)
                      names: scan|port-scan, beacon, exfil|exfiltration, dns-tunnel, password-guess
  --seed S            integer seed; the same seed gives the same network and events (default random, printed)
  --stream KEY        input stream to write (default telemetry)
  --duration SEC      stop after SEC seconds (default: until Ctrl-C)
  --hosts N           hosts in the simulated network (default ${DEFAULT_HOSTS})
  --first SEC         delay before the first scenario (default 45)
  --every SEC         time between scenario starts (default 240)
  -h, --help          this help

Environment: REDIS_URL (default redis://127.0.0.1:6379, said when used), WF_PREFIX (default wf:).`;

const intText = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const scenarioList = z.string().transform((text, ctx): ScenarioName[] => {
  if (text.trim().toLowerCase() === 'none') return [];
  const out: ScenarioName[] = [];
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const name = resolveScenarioName(part);
    if (!name) {
      ctx.addIssue({ code: 'custom', message: `unknown scenario "${part.trim()}"` });
      return z.NEVER;
    }
    out.push(name);
  }
  return out;
});

const argsSchema = z.object({
  rate: intText(1, 1_000_000).default(DEFAULT_RATE),
  scenarios: scenarioList.default(() => [...DEFAULT_CYCLE]),
  seed: intText(0, 2 ** 32 - 1).optional(),
  stream: z.string().min(1).max(256).default('telemetry'),
  duration: z.coerce
    .number()
    .positive()
    .max(365 * 86_400)
    .optional(),
  hosts: intText(96, 60_000).default(DEFAULT_HOSTS),
  first: z.coerce.number().min(0).max(86_400).default(45),
  every: z.coerce.number().min(1).max(86_400).default(240),
});

type Parsed =
  | { ok: true; args: z.infer<typeof argsSchema> }
  | { ok: false; message: string }
  | { ok: 'help' };

export function parseSimulateArgs(argv: readonly string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    const str = { type: 'string' } as const;
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        rate: str,
        scenarios: str,
        seed: str,
        stream: str,
        duration: str,
        hosts: str,
        first: str,
        every: str,
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  if (values.help) return { ok: 'help' };
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      message: parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
    };
  }
  return { ok: true, args: parsed.data };
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export async function runSimulateCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo = processIo(),
): Promise<number> {
  const parsed = parseSimulateArgs(argv);
  if (parsed.ok === 'help') {
    io.stdout.write(`${SIMULATE_USAGE}\n`);
    return EXIT.ok;
  }
  if (!parsed.ok) {
    io.stderr.write(`watchfloor simulate: ${parsed.message}\n\n${SIMULATE_USAGE}\n`);
    return EXIT.usage;
  }
  const a = parsed.args;
  const opened = await openRedis('simulate', env, io);
  if ('exit' in opened) return opened.exit;
  const { redis, target } = opened;
  const { url, prefix } = target;
  const keys = new Keys(prefix, { hashTag: target.cluster !== null });
  const seed = a.seed ?? Math.floor(Math.random() * 2 ** 32);
  const topology = buildTopology(seed, { hosts: a.hosts });

  const stop = stopSignal(io.signal);
  const timer = a.duration === undefined ? null : setTimeout(stop.stop, a.duration * 1000);

  const start = Date.now();
  io.stdout.write(
    `simulating ${topology.hosts.length} hosts in ${topology.segments.length} segments at ~${a.rate} events/s ` +
      `(seed ${seed}) → stream "${a.stream}" on ${redact(url)}; ground truth → ${keys.simTruth}\n`,
  );
  for (const s of topology.segments) {
    io.stdout.write(
      `  ${s.name.padEnd(18)} ${s.cidr.padEnd(14)} ${String(s.hosts.length).padStart(4)} hosts  ${s.sensors.map((x) => x.id).join(', ')}\n`,
    );
  }
  io.stdout.write(
    a.scenarios.length === 0
      ? 'no scenarios: background traffic only\n'
      : `scenarios: ${a.scenarios.join(', ')}; first at ${clock(start + a.first * 1000)} UTC, then every ${a.every} s\n`,
  );
  const printTruth = (t: GroundTruth) =>
    io.stdout.write(
      `[${clock(t.start)}] injecting ${t.scenario} from ${t.entity} (${t.segment}) until ${clock(t.end)}: ${t.description}\n`,
    );

  const sim = startSimulator({
    redis,
    keys,
    stream: a.stream,
    rate: a.rate,
    seed,
    topology,
    schedule: cyclingSchedule({
      origin: start,
      firstDelayMs: a.first * 1000,
      everyMs: a.every * 1000,
      scenarios: a.scenarios,
    }),
    signal: stop.signal,
    onTruth: printTruth,
    onError: (err) => io.stderr.write(`watchfloor simulate: write failed (${err.message}); retrying\n`),
  });
  const progress = setInterval(() => {
    const s = sim.stats();
    io.stdout.write(`[${clock(Date.now())}] ${s.events} events written, ${s.scenarios} scenario(s)\n`);
  }, 30_000);
  try {
    const s = await sim.done;
    io.stdout.write(
      `stopped: ${s.events} events, ${s.scenarios} scenario(s), ${s.errors} write error(s); written to stream "${a.stream}" on ${redact(url)}\n`,
    );
    return EXIT.ok;
  } finally {
    clearInterval(progress);
    if (timer) clearTimeout(timer);
    stop.dispose();
    await closeRedis(redis);
  }
}
