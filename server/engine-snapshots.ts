/**
 * @module The one process's scoring state in Redis (`WF_ROLES` all three, the default): saved every
 * `WF_ENGINE_SNAPSHOT_S` and when the process stops, loaded when it starts, so that a restart or a deploy does not
 * start every baseline's warm-up again, nor forget a slow beacon's beats or a segment's known peers. (A partitioned
 * scorer keeps its partitions' snapshots with their stream positions: cluster/partition-scorer.ts.)
 *
 * Events the process applied after its last save and before a crash are counted and charted, but not in the loaded
 * state; the time the process was down is noted on the engine so that it is not learnt as a quiet spell.
 */
import type { AlertEngine } from './alerts/alert-engine.js';
import type { Track } from './alerts/raise-tracker.js';
import type { LiveState } from './live-state.js';
import type { Logger } from './logger.js';
import type { Redis } from './redis/connections.js';
import type { Keys } from './redis/keys.js';
import type { EngineState, ScoringEngine } from './scoring/engine.js';
import { decodeState, encodeState } from './scoring/state-codec.js';
import type { SensorRecord } from './sensors.js';

interface Saved {
  /** Wall clock of the save, ms. */
  at: number;
  /** The saving engine's detectors ({@link ScoringEngine.layout}): another set cannot read its states. */
  layout: string;
  state: EngineState;
  /**
   * The alert rule's episodes: without them a restarted process would raise again, as a new alert, an episode
   * whose alert a lead resolved while its score stayed high. Absent in a state saved before they were kept.
   */
  raise?: [string, Track][];
  /** The sensors seen (./sensors.ts). Absent in a state saved before they were kept. */
  sensors?: SensorRecord[];
}

/** The part of the alert engine whose state goes with the scores. */
type RaiseState = Pick<AlertEngine, 'exportRaiseState' | 'importRaiseState'>;
/** The part of the live state that goes with them: the sensors seen. */
type SensorState = Pick<LiveState, 'sensors' | 'restoreSensors'>;

/** Entities encoded in one task of a save (about 25 ms of the event loop at 0.25 ms an entity). */
const SLICE = 100;

/**
 * Saves the engine's whole state under `keys.engineSnapshot`; returns the text's length. The entities are encoded a
 * slice at a time, giving the event loop back between slices (a whole network's state in one task held frames and
 * reads for seconds), so events applied meanwhile reach the entities not yet encoded: each entity is saved whole, the
 * set of them over the few tens of milliseconds the save takes. (A partition's snapshot is encoded in one task: it
 * is paired with a stream position.)
 */
export async function saveEngine(
  redis: Redis,
  keys: Keys,
  engine: ScoringEngine,
  alerts: RaiseState,
  live: SensorState,
  now = Date.now(),
): Promise<number> {
  const entities: string[] = [];
  let first = true;
  for (const slice of engine.exportEntities(SLICE)) {
    if (!first) await new Promise((resolve) => setImmediate(resolve));
    first = false;
    for (const e of slice) entities.push(encodeState(e));
  }
  // the clocks and series as they are at the end; `at` and `layout` come before the state and hold no "entities"
  // of their own, so the first is the state's
  const state = engine.exportState(false);
  const raise = alerts.exportRaiseState();
  const sensors = live.sensors.export();
  const shell = encodeState({ at: now, layout: engine.layout, state, raise, sensors } satisfies Saved);
  const text = shell.replace('"entities":[]', () => `"entities":[${entities.join(',')}]`);
  await redis.set(keys.engineSnapshot, text);
  return text.length;
}

/**
 * Loads the last saved state into a fresh engine and notes the time since as downtime. A state that cannot be read
 * (corrupt, or saved with other detectors: a feed or a geo database added since) is set aside under
 * `<key>:unreadable` and the engine starts fresh: it costs the warm-up, never the start. Returns the entities loaded
 * (0 when there was nothing to load).
 */
export async function loadEngine(
  redis: Redis,
  keys: Keys,
  engine: ScoringEngine,
  alerts: RaiseState,
  live: SensorState,
  logger: Logger,
  now = Date.now(),
): Promise<number> {
  const text = await redis.get(keys.engineSnapshot);
  if (text === null) return 0;
  try {
    const saved = decodeState<Saved>(text);
    if (
      typeof saved?.at !== 'number' ||
      !Array.isArray(saved.state?.entities) ||
      !Array.isArray(saved.state.clocks)
    )
      throw new Error('not a saved scoring state');
    if (saved.layout !== engine.layout)
      throw new Error(`saved by detectors ${saved.layout}; this process runs ${engine.layout}`);
    // Charts carry on from the series history (seedLiveWindow) rather than from the saved open buckets: a process
    // that crashed after its last save closed and stored those seconds itself, and they must not be stored again
    // with the counts they had at the save.
    const entities = engine.importState({
      ...saved.state,
      series: { closedUpTo: 0, segments: [], open: [] },
    });
    engine.noteDowntime(saved.at, now);
    if (Array.isArray(saved.raise)) alerts.importRaiseState(saved.raise);
    if (Array.isArray(saved.sensors)) live.restoreSensors(saved.sensors);
    logger.info(
      { entities, savedAt: new Date(saved.at).toISOString(), bytes: text.length },
      'scoring state loaded from the last run',
    );
    return entities;
  } catch (err) {
    await redis.rename(keys.engineSnapshot, `${keys.engineSnapshot}:unreadable`);
    logger.warn(
      { err: (err as Error).message, keptAs: `${keys.engineSnapshot}:unreadable` },
      'the saved scoring state could not be read; scoring starts fresh',
    );
    return 0;
  }
}
