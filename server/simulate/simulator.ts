/**
 * @module The live simulator: every tick it generates the events of [last, now) and writes them to the telemetry
 * stream in pipelined batches, and records each scenario's ground truth when it starts. Stops on its AbortSignal.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from '../redis/connections.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';
import { createGenerator } from './generator.js';
import { buildTopology, type Topology } from './network-model.js';
import { cyclingSchedule, type Schedule } from './schedule.js';
import type { SimEvent } from './sim-event.js';
import { type GroundTruth, type ScenarioName, truthToFields } from './truth.js';

/** The subset of a pino logger the simulator uses. */
export interface SimulatorLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SimulatorOptions {
  /** A connection for the simulator alone (its writes are pipelined). */
  redis: Redis;
  keys: Keys;
  /** Input stream to write. @default 'telemetry' */
  stream?: string;
  /** Field of the entry that carries the event JSON. @default 'event' */
  field?: string;
  /** Mean background events per second over a working day. @default 300 */
  rate?: number;
  seed: number;
  /** Scenarios the default schedule cycles through. @default all five */
  scenarios?: readonly ScenarioName[];
  /** @default a scenario 45 s after start, then one every 4 min, cycling through `scenarios` */
  schedule?: Schedule;
  /** @default buildTopology(seed) */
  topology?: Topology;
  signal: AbortSignal;
  logger?: SimulatorLogger;
  /** Called for every failed write (after which the simulator backs off and retries the same interval). */
  onError?: (error: Error) => void;
  /** Called when a scenario's ground truth has been recorded. */
  onTruth?: (truth: GroundTruth) => void;
  /** @default 150 */
  tickMs?: number;
  /** MAXLEN ~ of the telemetry stream. @default 100_000 */
  maxLen?: number;
  /** XADDs per pipeline. @default 1000 */
  batchSize?: number;
  /** Longest backlog generated after an outage; older event time is skipped. @default 60_000 */
  maxCatchUpMs?: number;
  /** Backoff bounds after a failed write. @default [200, 5000] */
  backoffMs?: readonly [number, number];
  /** @default Date.now */
  now?: () => number;
}

export interface SimulatorStats {
  events: number;
  scenarios: number;
  errors: number;
  /** Event time skipped after outages longer than maxCatchUpMs. */
  skippedMs: number;
  /** End of the event time written so far (epoch ms). */
  writtenUntil: number;
}

export interface Simulator {
  readonly topology: Topology;
  stats(): SimulatorStats;
  /** Settles once the signal aborted and the current write finished. */
  readonly done: Promise<SimulatorStats>;
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // aborted: the loop checks the signal
  }
}

export function startSimulator(options: SimulatorOptions): Simulator {
  const { redis, keys, seed, signal, logger } = options;
  const now = options.now ?? Date.now;
  const stream = options.stream ?? 'telemetry';
  const field = options.field ?? 'event';
  const tickMs = options.tickMs ?? 150;
  const maxLen = String(options.maxLen ?? 100_000);
  const batchSize = options.batchSize ?? 1000;
  const maxCatchUpMs = options.maxCatchUpMs ?? 60_000;
  const [backoffMin, backoffMax] = options.backoffMs ?? [200, 5000];
  const topology = options.topology ?? buildTopology(seed);
  const start = now();
  const schedule =
    options.schedule ??
    cyclingSchedule({ origin: start, ...(options.scenarios ? { scenarios: options.scenarios } : {}) });
  const generator = createGenerator({
    seed,
    topology,
    schedule,
    ...(options.rate === undefined ? {} : { rate: options.rate }),
  });
  const report =
    options.onError ??
    ((error: Error) => logger?.warn({ err: error }, 'simulator: write failed, backing off'));
  const stats: SimulatorStats = { events: 0, scenarios: 0, errors: 0, skippedMs: 0, writtenUntil: start };
  /** Plans whose truth is recorded, with their end, so a retried interval does not record them twice. */
  const recorded = new Map<string, number>();

  const writeEvents = async (events: readonly SimEvent[]) => {
    for (let i = 0; i < events.length; i += batchSize) {
      const pipeline = redis.pipeline();
      for (const e of events.slice(i, i + batchSize)) {
        pipeline.xadd(stream, 'MAXLEN', '~', maxLen, '*', field, JSON.stringify(e));
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([err]) => err);
      if (failed?.[0]) throw failed[0];
      stats.events += results.length;
    }
  };

  const recordTruth = async (from: number, to: number) => {
    for (const inst of generator.scenariosOverlapping(from, to)) {
      if (recorded.has(inst.plan.id)) continue;
      await redis.xadd(
        keys.simTruth,
        'MAXLEN',
        '~',
        String(STREAM_CAPS.simTruth),
        '*',
        ...truthToFields(inst.truth),
      );
      recorded.set(inst.plan.id, inst.truth.end);
      stats.scenarios++;
      logger?.info(
        { truth: inst.truth },
        `simulator: injecting ${inst.truth.scenario} from ${inst.truth.entity}`,
      );
      options.onTruth?.(inst.truth);
    }
    for (const [id, end] of recorded) if (end < from) recorded.delete(id);
  };

  const run = async (): Promise<SimulatorStats> => {
    let backoff = backoffMin;
    logger?.info({ stream, seed, hosts: topology.hosts.length }, 'simulator: started');
    while (!signal.aborted) {
      await pause(tickMs, signal);
      if (signal.aborted) break;
      const to = now();
      let from = stats.writtenUntil;
      if (to - from > maxCatchUpMs) {
        stats.skippedMs += to - maxCatchUpMs - from;
        from = to - maxCatchUpMs;
      }
      if (to <= from) continue;
      try {
        await recordTruth(from, to);
        await writeEvents(generator.eventsBetween(from, to));
        stats.writtenUntil = to;
        backoff = backoffMin;
      } catch (e) {
        stats.errors++;
        report(asError(e));
        await pause(backoff, signal);
        backoff = Math.min(backoff * 2, backoffMax);
      }
    }
    logger?.info({ ...stats }, 'simulator: stopped');
    return { ...stats };
  };

  return { topology, stats: () => ({ ...stats }), done: run() };
}
