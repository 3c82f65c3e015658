/** @module The detector interface every scoring module plugs into. Pure: no I/O, no clocks, state serializable. */
import type { Reason } from '../../shared/schemas/score.js';
import type { EventKind, NormalizedEvent } from '../../shared/schemas/telemetry.js';

export type EntityType = 'host' | 'segment';

export interface EvaluateContext {
  /** Start of the bucket being closed (event time, ms). */
  bucketStart: number;
  /** Empty one-second buckets of this entity since its previous evaluation (its baselines learn zeros for them). */
  idleBuckets: number;
  /**
   * Segment state of the same detector, when evaluating a host (peer fallback while a host is new). Read only:
   * a detector reads from it only what is keyed by event time (see `volume`), so that the order in which the
   * engine closes host and segment buckets never changes a score.
   */
  peer?: unknown;
}

/** Asked of segment detectors on the wall clock while the segment's sensors are live (silence). */
export interface SilenceContext {
  /** The event-time clock, moved on by the wall clock (ms). */
  now: number;
  /**
   * How long (wall clock, ms) a sensor's events have come live, −1 when they do not (a historical replay, a retired
   * feed): a replay sent faster than real time comes live for a moment only, however much event time it holds.
   */
  liveFor(sensor: string): number;
  /**
   * Event time from which the engine has watched without a break (the end of the last downtime, 0 with none): a
   * sensor's silence is counted from it at the earliest, since what a sensor sent while nobody read is still coming.
   */
  watchedSince: number;
}

/**
 * A detector keeps per-entity state, sees every event of the entity, and at each closed one-second bucket
 * (event time) turns what it saw into reasons with contributions (0–100). The engine combines them.
 */
export interface Detector<S = unknown> {
  /** Stable name, shown in reasons (`volume`, `scan`, …). */
  readonly id: string;
  /** Which entities it scores. */
  readonly entities: readonly EntityType[];
  /**
   * The event kinds `observe` does anything with; the engine passes it no others (a detector must then ignore
   * every other kind, so that leaving this out changes nothing but speed). @default every kind
   */
  readonly kinds?: readonly EventKind[];
  /**
   * Whether `evaluate` is a pure read whose silence lasts: on a state that has observed nothing since an evaluation
   * that returned no reasons, it changes nothing and again returns none (its evidence only decays). The engine then
   * skips it until the entity's next event of its kinds. @default false
   */
  readonly fadesOnly?: boolean;
  /** Fresh state for a new entity: plain data that ./state-codec.ts carries (JSON, Maps, Sets, typed arrays), bounded. */
  init(type: EntityType): S;
  /**
   * A state saved by an engine of an older snapshot version (`from`, see `ENGINE_STATE_VERSION` in ./engine.ts), in
   * the layout this detector keeps now. Only a detector whose layout changed since has it. @default the state as saved
   */
  upgrade?(state: unknown, from: number): S;
  /** One event of the entity, in its open bucket. `ref` identifies the event (event_id or entry id). */
  observe(state: S, event: NormalizedEvent, ref: string): void;
  /** Closes a bucket: update baselines, return current evidence (empty when nothing is unusual). */
  evaluate(state: S, ctx: EvaluateContext): Reason[];
  /**
   * Whether the state must outlive its entity's idleness at `now` (a slow beacon between two of its calls); it may
   * drop what it no longer needs. The engine then keeps this state, and only the states that ask, past its idle
   * sweep, asking again at each sweep. @default never
   */
  keepIdle?(state: S, now: number): boolean;
  /** The entity's learnt baseline of what the overview draws (events per second), when the detector keeps one. */
  baseline?(state: S): { mean: number; std: number };
  /**
   * The addresses and names the entity's state holds as the other end of what it judges (beacon destinations, new
   * contacts, suspect domains, failed targets, matched indicators), each with the event time it was last seen there:
   * what `GET /api/peers` answers "which hosts have evidence naming this address" from. Read on demand, never per event.
   */
  peers?(state: S, visit: (value: string, at: number) => void): void;
  /** Evidence of absence (segment entities, live sources only), asked between events. */
  silence?(state: S, ctx: SilenceContext): Reason[];
}
