/**
 * @module `watchfloor simulate`: runs the simulator against REDIS_URL, printing each injected scenario.
 * Exit codes: 0 done, 1 Redis unreachable, 2 bad arguments.
 */

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { reachableRedis, redact, stopController } from '../command-support.js';
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

Environment: REDIS_URL (default redis://127.0.0.1:6379), WF_PREFIX (default wf:).`;

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Stops the run like Ctrl-C (tests). */
  signal?: AbortSignal;
}

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

const envSchema = z.object({
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  WF_PREFIX: z.string().max(32).default('wf:'),
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
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const parsed = parseSimulateArgs(argv);
  if (parsed.ok === 'help') {
    io.stdout.write(`${SIMULATE_USAGE}\n`);
    return 0;
  }
  const environment = envSchema.safeParse({
    REDIS_URL: env.REDIS_URL || undefined,
    WF_PREFIX: env.WF_PREFIX,
  });
  if (!parsed.ok || !environment.success) {
    const message = parsed.ok ? `environment: ${environment.error?.issues[0]?.message}` : parsed.message;
    io.stderr.write(`watchfloor simulate: ${message}\n\n${SIMULATE_USAGE}\n`);
    return 2;
  }
  const a = parsed.args;
  const { REDIS_URL: url, WF_PREFIX: prefix } = environment.data;
  const seed = a.seed ?? Math.floor(Math.random() * 2 ** 32);
  const topology = buildTopology(seed, { hosts: a.hosts });

  const redis = await reachableRedis(url, 'simulate', io.stderr);
  if (!redis) return 1;

  const controller = stopController(io.signal);
  const stop = () => controller.abort();
  const timer = a.duration === undefined ? null : setTimeout(stop, a.duration * 1000);

  const start = Date.now();
  io.stdout.write(
    `simulating ${topology.hosts.length} hosts in ${topology.segments.length} segments at ~${a.rate} events/s ` +
      `(seed ${seed}) → stream "${a.stream}" on ${redact(url)}; ground truth → ${new Keys(prefix).simTruth}\n`,
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
    keys: new Keys(prefix),
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
    signal: controller.signal,
    onTruth: printTruth,
    onError: (err) => io.stderr.write(`watchfloor simulate: write failed (${err.message}); retrying\n`),
  });
  const progress = setInterval(() => {
    const s = sim.stats();
    io.stdout.write(`[${clock(Date.now())}] ${s.events} events written, ${s.scenarios} scenario(s)\n`);
  }, 30_000);
  try {
    const s = await sim.done;
    io.stdout.write(`stopped: ${s.events} events, ${s.scenarios} scenario(s), ${s.errors} write error(s)\n`);
    return 0;
  } finally {
    clearInterval(progress);
    if (timer) clearTimeout(timer);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await redis.quit().catch(() => redis.disconnect());
  }
}
