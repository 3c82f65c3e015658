/** @module The simulator `npm start` runs beside the server: writes to the first native input stream. */
import type { Config, SegmentRule } from '../config.js';
import { fieldOf } from '../config.js';
import type { Logger } from '../logger.js';
import { createRedis } from '../redis/connections.js';
import { Keys } from '../redis/keys.js';
import type { Asset } from '../scoring/assets.js';
import { buildTopology, segmentCidrs, simulatedAssets, type Topology } from './network-model.js';
import { startSimulator } from './simulator.js';

/** Seed of the embedded network: the same hosts on every start. */
export const EMBEDDED_SEED = 1;

export interface EmbeddedSimulation {
  /** The simulated segments' CIDRs, to add to the segment map. */
  segments: SegmentRule[];
  /** The simulated hosts' names as an asset inventory (under `WF_ASSETS`), so that search finds them. */
  assets: Record<string, Asset>;
  stream: string;
  topology: Topology;
  /** Stops the loop, waits for the current write, closes the connection. */
  stop(): Promise<void>;
}

export async function startEmbeddedSimulator(config: Config, logger: Logger): Promise<EmbeddedSimulation> {
  const source = config.streams.find((s) => s.format === 'native' || s.format === 'auto');
  const stream = source?.key ?? 'telemetry';
  const field = source?.format === 'native' ? fieldOf(source) : 'event';
  if (!source)
    logger.warn({ stream }, 'simulator: no native input stream configured; writing to "telemetry"');
  const topology = buildTopology(EMBEDDED_SEED);
  const redis = createRedis(config, 'simulator', logger);
  const controller = new AbortController();
  const log = logger.child({ component: 'simulator' });
  const sim = startSimulator({
    redis,
    keys: new Keys(config.prefix, { hashTag: config.redisCluster !== null }),
    stream,
    field,
    rate: config.simRate,
    seed: EMBEDDED_SEED,
    topology,
    signal: controller.signal,
    logger: log,
    onError: (err) => log.warn({ err: err.message }, 'simulator: write failed, backing off'),
  });
  return {
    segments: segmentCidrs(topology).map(({ segment, cidr }) => ({ segment, cidr })),
    assets: simulatedAssets(topology),
    stream,
    topology,
    async stop() {
      controller.abort();
      // A write queued while Redis is down would hold `done`: give it a moment, then drop the connection.
      await Promise.race([sim.done, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      redis.disconnect();
      await sim.done.catch(() => undefined);
    },
  };
}
