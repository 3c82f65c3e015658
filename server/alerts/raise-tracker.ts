/**
 * @module When evidence becomes an alert, purely: raise after the score holds at or above the raise threshold,
 * clear (end the episode) only after it holds below a lower threshold (hysteresis), so an oscillating score
 * neither flaps nor re-counts.
 */
import type { Reason } from '../../shared/schemas/score.js';

export interface RaiseSettings {
  /** Score at which an alert is raised. @default 60 */
  raise: number;
  /** Time the score must stay at or above `raise`, ms. @default 3000 */
  raiseHoldMs: number;
  /** Score below which the episode may end. @default 40 */
  clear: number;
  /** Time the score must stay below `clear`, ms. @default 30000 */
  clearHoldMs: number;
}

export const DEFAULT_RAISE: RaiseSettings = { raise: 60, raiseHoldMs: 3000, clear: 40, clearHoldMs: 30_000 };

export interface Observation {
  entityType: 'host' | 'segment' | 'sensor' | 'system';
  entityId: string;
  segment: string;
  score: number;
  reasons: Reason[];
  /** Event time of the observation. */
  at: number;
}

export type RaiseDecision =
  | { type: 'raise'; key: string; detector: string; obs: Observation }
  | { type: 'update'; key: string; obs: Observation }
  | { type: 'clear'; key: string; obs: Observation };

interface Track {
  aboveSince: number | null;
  belowSince: number | null;
  active: boolean;
  detector: string;
}

export const entityKey = (o: Pick<Observation, 'entityType' | 'entityId'>) => `${o.entityType}:${o.entityId}`;

export class RaiseTracker {
  private readonly tracks = new Map<string, Track>();
  constructor(private readonly settings: RaiseSettings | (() => RaiseSettings) = DEFAULT_RAISE) {}

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
      if (!t.active && t.aboveSince === null) this.tracks.delete(ek);
    }
    return out;
  }

  private step(ek: string, obs: Observation, out: RaiseDecision[]): void {
    let t = this.tracks.get(ek);
    if (!t) {
      if (obs.score < this.s.raise) return;
      t = { aboveSince: null, belowSince: null, active: false, detector: '' };
      this.tracks.set(ek, t);
    }
    const key = `${t.detector}:${ek}`;
    if (obs.score >= this.s.raise) {
      t.aboveSince ??= obs.at;
      t.belowSince = null;
      if (!t.active && obs.at - t.aboveSince >= this.s.raiseHoldMs) {
        t.active = true;
        t.detector = obs.reasons[0]?.detector ?? 'score';
        out.push({ type: 'raise', key: `${t.detector}:${ek}`, detector: t.detector, obs });
      } else if (t.active) {
        out.push({ type: 'update', key, obs });
      }
      return;
    }
    t.aboveSince = null;
    if (!t.active) return;
    if (obs.score < this.s.clear) {
      t.belowSince ??= obs.at;
      if (obs.at - t.belowSince >= this.s.clearHoldMs) {
        t.active = false;
        t.belowSince = null;
        out.push({ type: 'clear', key, obs });
        return;
      }
    } else {
      t.belowSince = null;
    }
    out.push({ type: 'update', key, obs });
  }
}
