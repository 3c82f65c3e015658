/**
 * @module The alert rule (./alert-rule.ts) kept per entity over a tick's observations: which alert key an episode
 * belongs to, and the raise / update / clear decisions the alert engine and the evaluation act on.
 */
import type { Reason } from '../../shared/schemas/score.js';
import {
  DEFAULT_RAISE,
  isIdle,
  newRuleState,
  type RaiseSettings,
  type RuleState,
  stepRule,
  thresholdsFor,
} from './alert-rule.js';

export { DEFAULT_RAISE, type RaiseSettings } from './alert-rule.js';

export interface Observation {
  entityType: 'host' | 'segment' | 'sensor' | 'system';
  entityId: string;
  segment: string;
  score: number;
  /**
   * The highest score since the previous observation (at least `score`): what an alert's peak is taken from, so that
   * it does not depend on which ticks sampled the score. Absent: `score`.
   */
  peak?: number;
  reasons: Reason[];
  /** Event time of the observation. */
  at: number;
}

export type RaiseDecision =
  | { type: 'raise'; key: string; detector: string; obs: Observation }
  | { type: 'update'; key: string; obs: Observation }
  | { type: 'clear'; key: string; obs: Observation };

export interface Track extends RuleState {
  /** The top reason's detector when the episode started (part of the alert key). */
  detector: string;
  /**
   * The highest score of the run above `raise` before its raise: the hold is part of the episode, so the raised
   * alert's peak (and severity) counts it. A single strong match that decays during the hold is raised at its height.
   */
  holdPeak?: number;
}

/** The highest score an observation stands for (its peak since the previous tick, at least its score). */
export const peakOf = (o: Pick<Observation, 'score' | 'peak'>): number =>
  Math.max(o.score, o.peak ?? o.score);

export const entityKey = (o: Pick<Observation, 'entityType' | 'entityId'>) => `${o.entityType}:${o.entityId}`;

export class RaiseTracker {
  private readonly tracks = new Map<string, Track>();
  constructor(
    private readonly settings: RaiseSettings | (() => RaiseSettings) = DEFAULT_RAISE,
    /** Whether an entity is on the watchlist (its alert is raised at the lower `watchRaise`). @default none is */
    private readonly watched: (o: Pick<Observation, 'entityType' | 'entityId'>) => boolean = () => false,
  ) {}

  private get s(): RaiseSettings {
    return typeof this.settings === 'function' ? this.settings() : this.settings;
  }

  /**
   * Feeds the current observations (entities not listed are taken as score 0 at `at`); returns decisions.
   * The dedup key is detector + entity: the detector is the top reason's when the episode starts.
   */
  observe(observations: readonly Observation[], at: number): RaiseDecision[] {
    const out: RaiseDecision[] = [];
    const seen = new Set<string>();
    for (const obs of observations) {
      const ek = entityKey(obs);
      seen.add(ek);
      this.step(ek, obs, out);
    }
    for (const [ek, t] of this.tracks) {
      if (seen.has(ek)) continue;
      const [entityType, ...rest] = ek.split(':');
      this.step(
        ek,
        {
          entityType: entityType as Observation['entityType'],
          entityId: rest.join(':'),
          segment: '',
          score: 0,
          reasons: [],
          at,
        },
        out,
      );
      if (isIdle(t)) this.tracks.delete(ek);
    }
    return out;
  }

  /** Every entity's rule state (`<type>:<id>` → its track), as plain data for a saved state. */
  exportTracks(): [string, Track][] {
    return [...this.tracks].map(([ek, t]) => [ek, { ...t }]);
  }

  /**
   * Takes over tracks that {@link exportTracks} gave (a restarted process): an episode open before the restart goes
   * on as the same episode (a lead's resolution of its alert holds) instead of being raised again.
   */
  importTracks(tracks: readonly [string, Track][]): void {
    for (const [ek, t] of tracks) this.tracks.set(ek, { ...t });
  }

  private step(ek: string, obs: Observation, out: RaiseDecision[]): void {
    let t = this.tracks.get(ek);
    const base = this.s;
    // the watchlist is asked only about entities that could be raised at the lower threshold, or are followed
    const low = Math.min(base.raise, base.watchRaise ?? base.raise);
    const s = t || obs.score >= low ? thresholdsFor(base, this.watched(obs)) : base;
    if (!t) {
      if (obs.score < s.raise) return;
      t = { ...newRuleState(), detector: '' };
      this.tracks.set(ek, t);
    }
    const step = stepRule(t, obs.score, obs.at, s);
    if (step === 'idle')
      t.holdPeak = t.aboveSince === null ? undefined : Math.max(t.holdPeak ?? 0, peakOf(obs));
    if (step === 'raise') {
      t.detector = obs.reasons[0]?.detector ?? 'score';
      const peak = Math.max(peakOf(obs), t.holdPeak ?? 0);
      t.holdPeak = undefined;
      out.push({ type: 'raise', key: `${t.detector}:${ek}`, detector: t.detector, obs: { ...obs, peak } });
    } else if (step !== 'idle')
      out.push({ type: step === 'clear' ? 'clear' : 'update', key: `${t.detector}:${ek}`, obs });
  }
}
