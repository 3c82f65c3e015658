/**
 * @module The parts a process of several (`WF_ROLES` short of all three) adds: a scorer with its partitions and its
 * answers to the web instances' questions, a web instance's view of the partitions, and the heartbeat of a process that
 * does not score (a scorer's heartbeat is its own, with its partitions). Built and stopped together by the composition
 * root.
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { Periodic } from '../periodic.js';
import { createBlockingRedis, createRedis, type Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import type { HistoryStore } from '../scoring/history-store.js';
import { LIVE_WINDOW_MS } from '../scoring/series.js';
import { answerFrom } from './answers.js';
import { answerAsks, ClusterAsker } from './cluster-ask.js';
import { ClusterView } from './cluster-view.js';
import type { Membership } from './membership.js';
import { PartitionScorer, type PartitionScorerOptions } from './partition-scorer.js';

export interface ClusterPartsDeps {
  config: Config;
  redis: Redis;
  keys: Keys;
  logger: Logger;
  membership: Membership;
  history: HistoryStore;
  newPartition: PartitionScorerOptions['newPartition'];
  observations: PartitionScorerOptions['observations'];
  /** This process's events per second, for its heartbeat. */
  rate: () => number;
}

export interface ClusterParts {
  scorer: PartitionScorer | null;
  view: ClusterView | null;
  /** Runs the scorer (if any) until the signal aborts. */
  run(signal: AbortSignal): Promise<void>;
  stop(): Promise<void>;
}

export async function startClusterParts(d: ClusterPartsDeps): Promise<ClusterParts> {
  const { config, redis, keys, logger, membership } = d;
  const roles = new Set(config.roles);
  const askSub = roles.has('web') || roles.has('score') ? createRedis(config, 'cluster', logger) : null;
  const partitionReads = roles.has('score') ? createBlockingRedis(config, 'partitions', logger) : null;
  const scorer = partitionReads
    ? new PartitionScorer({
        redis,
        blocking: partitionReads,
        keys,
        member: config.memberId,
        roles: config.roles,
        partitions: config.partitions,
        leaseMs: config.leaseMs,
        snapshotMs: config.snapshotMs,
        tickMs: config.tickMs,
        membership,
        logger,
        newPartition: d.newPartition,
        observations: d.observations,
      })
    : null;
  if (scorer && askSub)
    await answerAsks({
      redis,
      sub: askSub,
      keys,
      member: config.memberId,
      logger,
      answer: answerFrom(scorer),
    });
  const view =
    roles.has('web') && askSub
      ? new ClusterView({
          redis,
          keys,
          partitions: config.partitions,
          tickMs: config.tickMs,
          asker: await ClusterAsker.start({
            redis,
            sub: askSub,
            keys,
            member: config.memberId,
            scorers: async () => (await membership.scorers()).length,
          }),
        })
      : null;
  if (view) await seed(d.history, view, logger);
  const heartbeat = new Periodic(
    'cluster heartbeat',
    Math.max(250, Math.floor(config.leaseMs / 4)),
    () =>
      membership.beat({
        id: config.memberId,
        roles: [...config.roles],
        partitions: [],
        eventsPerSec: d.rate(),
      }),
    logger,
  );
  if (!scorer) heartbeat.start();
  return {
    scorer,
    view,
    run: async (signal) => {
      await scorer?.run(signal);
    },
    async stop() {
      heartbeat.stop();
      await scorer?.stop();
      askSub?.disconnect();
      partitionReads?.disconnect();
    },
  };
}

/** The web role's live window starts, like one process's, with the last 15 minutes of history. */
async function seed(history: HistoryStore, view: ClusterView, logger: Logger): Promise<void> {
  const now = Date.now();
  try {
    const segments = await history.segments();
    const points = await Promise.all(segments.map((s) => history.read(s, now - LIVE_WINDOW_MS, now)));
    view.seed(points.flat());
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'could not read recent series history; charts start empty');
  }
}
