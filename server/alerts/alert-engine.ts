/**
 * @module Turns scores into alerts each tick: raise (unless suppressed), update evidence (throttled), end episodes,
 * wake "until it gets worse" snoozes, and return expired claims to open.
 */
import { type Alert, RESOLVED_EXPLAINS_MS } from '../../shared/schemas/alert.js';
import type { RaiseAuditDetail } from '../../shared/schemas/audit.js';
import type { Reason } from '../../shared/schemas/score.js';
import type { Logger } from '../logger.js';
import { severityFor } from './alert-rule.js';
import type { AlertService } from './alert-service.js';
import type { Evidence } from './alert-store.js';
import {
  type Observation,
  peakOf,
  type RaiseDecision,
  type RaiseSettings,
  RaiseTracker,
  type Track,
} from './raise-tracker.js';
import type { RuleStore } from './rules.js';

const SYSTEM = { name: 'system', role: 'system' as const };

interface Live {
  id: string;
  /** The detector of the alert key (to raise it again when its alert is gone). */
  detector: string;
  count: number;
  peak: number;
  lastWrite: number;
  lastScore: number;
  snoozedAbove: number | null;
  /** The reasons at `peak`. */
  peakReasons: Reason[];
}

/**
 * Example events kept with one alert at most, over all its episodes (its first raise's reasons', then its new peaks'
 * and later episodes' while its share lasts), a few hundred bytes each: they outlive the input stream's trimming, so
 * its evidence can be read (host page, hand-off) weeks later. Counted by this process (a restart counts afresh).
 */
export const KEPT_EXAMPLES_PER_ALERT = 30;
/** Alerts whose kept examples this process remembers (the oldest forgotten first). */
const KEPT_ALERTS_REMEMBERED = 10_000;

export interface AlertEngineDeps {
  service: AlertService;
  rules: RuleStore;
  logger: Logger;
  settings?: RaiseSettings | (() => RaiseSettings);
  /** Whether an entity is on the watchlist: raised at the settings' lower `watchRaise`. @default none is */
  watched?: (o: Pick<Observation, 'entityType' | 'entityId'>) => boolean;
  /** Severity adjustment (critical assets raise it); identity by default. */
  severity?: (score: number, obs: Observation) => Alert['severity'];
  /** A new alert was raised (webhooks listen). */
  onRaised?: (alert: Alert) => void;
  /** Keeps copies of the example events `refs` name ({@link EventLookup.keep}); nothing is kept without it. */
  keepExamples?: (refs: readonly string[]) => Promise<unknown>;
  /** Evidence is written at most this often per alert unless the score moves a lot, ms. @default 5000 */
  writeEveryMs?: number;
  /**
   * The unresolved alerts this engine answers for: it expires their claims, and ends the episodes of those it is not
   * following. With several processes each partition's engine owns its segments' host and segment alerts, and the
   * ingest's engine the others; another engine's alert is live evidence elsewhere. @default every alert (one process)
   */
  owns?: (alert: Alert) => boolean;
}

export class AlertEngine {
  /** Scores move in event time; ingest health in wall-clock time: each has its own tracker. */
  private readonly tracker: RaiseTracker;
  private readonly systemTracker: RaiseTracker;
  private readonly live = new Map<string, Live>();
  /** Episodes whose raise failed to be stored, by key: their detector. */
  private readonly unraised = new Map<string, string>();
  /** Per alert id, the example events had kept for it ({@link KEPT_EXAMPLES_PER_ALERT} at most). */
  private readonly kept = new Map<string, Set<string>>();
  private lastExpiryCheck = 0;
  suppressed = 0;
  private readonly startedAt = Date.now();

  constructor(private readonly d: AlertEngineDeps) {
    this.tracker = new RaiseTracker(d.settings, d.watched);
    this.systemTracker = new RaiseTracker(d.settings);
  }

  /** The score rule's open episodes and runs, for a saved state ({@link RaiseTracker.exportTracks}). */
  exportRaiseState(): [string, Track][] {
    return this.tracker.exportTracks();
  }

  /** Loads what {@link exportRaiseState} gave (before the first tick). */
  importRaiseState(tracks: readonly [string, Track][]): void {
    this.tracker.importTracks(tracks);
  }

  /** One tick: `at` is the event-time watermark, `now` the wall clock (system observations are stamped with it). */
  async tick(observations: readonly Observation[], at: number, now: number): Promise<void> {
    const system = observations.filter((o) => o.entityType === 'system');
    const scored = observations.filter((o) => o.entityType !== 'system');
    const decisions = [...this.tracker.observe(scored, at), ...this.systemTracker.observe(system, now)];
    for (const decision of decisions) {
      try {
        await this.apply(decision, now);
      } catch (err) {
        this.d.logger.warn({ err: (err as Error).message, key: decision.key }, 'alert update failed');
        // a raise that could not be stored (Redis refusing writes) is raised again while its episode lasts
        if (decision.type === 'raise') this.unraised.set(decision.key, decision.detector);
      }
    }
    if (now - this.lastExpiryCheck >= 5_000) {
      this.lastExpiryCheck = now;
      await this.expireClaims(now);
    }
  }

  private severity(score: number, obs: Observation): Alert['severity'] {
    return this.d.severity?.(score, obs) ?? severityFor(score);
  }

  private async apply(decision: RaiseDecision, now: number): Promise<void> {
    const { obs } = decision;
    if (decision.type === 'raise') {
      const rule = await this.d.rules.matching(
        { detector: decision.detector, entity: obs.entityId, segment: obs.segment },
        now,
      );
      if (rule || (await this.heldFalse(decision.key, obs, now))) {
        this.suppressed++;
        return;
      }
      await this.raise(decision.key, decision.detector, obs, now);
      this.unraised.delete(decision.key);
      return;
    }
    const live = this.live.get(decision.key) ?? (await this.adopt(decision.key));
    if (!live) {
      const detector = this.unraised.get(decision.key);
      if (detector === undefined) return;
      if (decision.type === 'clear') this.unraised.delete(decision.key);
      else await this.apply({ type: 'raise', key: decision.key, detector, obs }, now);
      return;
    }
    const active = decision.type !== 'clear';
    const peak = peakOf(obs);
    const moved = peak > live.peak || Math.abs(obs.score - live.lastScore) >= 10;
    if (active && !moved && now - live.lastWrite < (this.d.writeEveryMs ?? 5_000)) return;
    if (peak > live.peak && obs.reasons.length) {
      live.peakReasons = obs.reasons.slice(0, 5);
      this.keepExamples(live, live.peakReasons);
    }
    live.peak = Math.max(live.peak, peak);
    live.lastScore = obs.score;
    live.lastWrite = now;
    if ((await this.writeEvidence(decision.key, live, obs, active)) === 'gone') {
      // Redis lost the alert (its data wiped, its ids numbered anew): this episode raises a new alert of its own
      // rather than writing into whatever alert now has its id.
      this.live.delete(decision.key);
      this.d.logger.warn({ key: decision.key, alert: live.id }, 'alert gone from Redis: raising it again');
      if (active) await this.apply({ type: 'raise', key: decision.key, detector: live.detector, obs }, now);
      return;
    }
    if (live.snoozedAbove !== null && obs.score > live.snoozedAbove) await this.wake(live, obs);
    if (!active) this.live.delete(decision.key);
  }

  /**
   * Whether a lead resolved the key's last alert as a false positive within {@link RESOLVED_EXPLAINS_MS}, and the
   * reasons this raise stands on are ones that alert already carried (same detector and feature): the same evidence, held
   * (an indicator's matches fade over hours; a host that paused ended the episode and raised it anew each time it
   * resumed), is not raised again. New evidence raises a new alert, as after any resolution.
   */
  private async heldFalse(key: string, obs: Observation, now: number): Promise<boolean> {
    if (obs.reasons.length === 0) return false;
    const last = await this.d.service.store.lastOf(key);
    if (last?.disposition !== 'false_positive' || now - (last.resolvedAt ?? 0) > RESOLVED_EXPLAINS_MS)
      return false;
    const known = new Set(
      [...last.raiseReasons, ...last.peakReasons, ...last.reasons].map((r) => `${r.detector}\n${r.feature}`),
    );
    // its strongest reason and every reason of half its points or more (noise beside them does not count)
    const top = Math.max(...obs.reasons.map((r) => r.contribution));
    return obs.reasons
      .filter((r) => r.contribution >= top / 2)
      .every((r) => known.has(`${r.detector}\n${r.feature}`));
  }

  private async raise(key: string, detector: string, obs: Observation, now: number): Promise<void> {
    const store = this.d.service.store;
    const peak = peakOf(obs);
    const evidence: Evidence = {
      severity: this.severity(peak, obs),
      score: round(obs.score),
      peakScore: round(peak),
      lastSeen: obs.at,
      count: 1,
      reasons: obs.reasons.slice(0, 5),
      peakReasons: obs.reasons.slice(0, 5),
      active: true,
    };
    const { id, created } = await store.create(
      {
        key,
        detector,
        entity: { type: obs.entityType, id: obs.entityId },
        segment: obs.segment,
        state: 'open',
        firstSeen: obs.at,
        owner: null,
        ackedAt: null,
        ackExpiresAt: null,
        escalated: false,
        snoozedUntil: null,
        snoozedAbove: null,
        notes: [],
        resolvedAt: null,
        resolvedBy: null,
        disposition: null,
        raiseReasons: obs.reasons.slice(0, 5),
        ...evidence,
      },
      {
        at: now,
        actor: 'system',
        role: 'system',
        action: 'alert.raise',
        to: 'open',
        note: summary(obs),
        detail: JSON.stringify(raiseDetail(obs)),
      },
    );
    let live: Live;
    if (created) {
      live = {
        id,
        detector,
        count: 1,
        peak,
        lastWrite: now,
        lastScore: obs.score,
        snoozedAbove: null,
        peakReasons: obs.reasons.slice(0, 5),
      };
    } else {
      // an unresolved alert with this key exists: a new episode of it
      const existing = await store.get(id);
      if (!existing) return;
      live = {
        id,
        detector,
        count: existing.count + 1,
        peak: Math.max(existing.peakScore, peak),
        lastWrite: now,
        lastScore: obs.score,
        snoozedAbove: existing.snoozedAbove,
        peakReasons:
          peak > existing.peakScore && obs.reasons.length ? obs.reasons.slice(0, 5) : existing.peakReasons,
      };
      await this.writeEvidence(key, live, obs, true);
    }
    this.live.set(key, live);
    this.keepExamples(live, obs.reasons.slice(0, 5));
    const alert = await store.get(id);
    if (!alert) return;
    if (created) this.d.onRaised?.(alert);
    this.broadcast(alert);
  }

  /** An alert raised by an earlier process: pick up its figures. */
  private async adopt(key: string): Promise<Live | null> {
    const id = await this.d.service.store.idForKey(key);
    const a = id ? await this.d.service.store.get(id) : null;
    if (!a) return null;
    const live = {
      id: a.id,
      detector: a.detector,
      count: a.count,
      peak: a.peakScore,
      lastWrite: 0,
      lastScore: a.score,
      snoozedAbove: a.snoozedAbove,
      peakReasons: a.peakReasons,
    };
    this.live.set(key, live);
    return live;
  }

  /** Has the examples of `reasons` kept with the alert, up to its share; in the background (a failure is logged). */
  private keepExamples(live: Live, reasons: readonly Reason[]): void {
    const keep = this.d.keepExamples;
    if (!keep) return;
    let kept = this.kept.get(live.id);
    if (!kept) {
      if (this.kept.size >= KEPT_ALERTS_REMEMBERED) this.kept.delete(this.kept.keys().next().value!);
      kept = new Set();
      this.kept.set(live.id, kept);
    }
    const refs: string[] = [];
    for (const ref of reasons.flatMap((r) => r.examples ?? [])) {
      if (kept.size >= KEPT_EXAMPLES_PER_ALERT) break;
      if (kept.has(ref)) continue;
      kept.add(ref);
      refs.push(ref);
    }
    if (refs.length === 0) return;
    keep(refs).catch((err: Error) =>
      this.d.logger.warn({ err: err.message, alert: live.id }, "could not keep an alert's example events"),
    );
  }

  private async writeEvidence(
    key: string,
    live: Live,
    obs: Observation,
    active: boolean,
  ): Promise<'written' | 'resolved' | 'gone'> {
    const evidence: Evidence = {
      severity: this.severity(live.peak, obs),
      score: round(obs.score),
      peakScore: round(live.peak),
      lastSeen: obs.at,
      count: live.count,
      reasons: obs.reasons.length ? obs.reasons.slice(0, 5) : [],
      peakReasons: live.peakReasons,
      active,
    };
    if (!obs.reasons.length) {
      const current = await this.d.service.store.get(live.id);
      evidence.reasons = current?.reasons ?? [];
    }
    const written = await this.d.service.store.updateEvidence(live.id, key, evidence);
    if (written === 'written') {
      const alert = await this.d.service.store.get(live.id);
      if (alert) this.broadcast(alert);
    }
    return written;
  }

  private async wake(live: Live, obs: Observation): Promise<void> {
    live.snoozedAbove = null;
    const reason = `score ${round(obs.score)} passed the peak it was snoozed at`;
    await this.d.service
      .act(live.id, { type: 'unsnooze', reason, score: round(obs.score) }, SYSTEM)
      .catch((err: Error) => this.d.logger.warn({ err: err.message, alert: live.id }, 'unsnooze failed'));
  }

  private async expireClaims(now: number): Promise<void> {
    const tracked = new Set([...this.live.values()].map((l) => l.id));
    for (const a of await this.d.service.store.unresolved()) {
      if (this.d.owns && !this.d.owns(a)) continue;
      if (a.state === 'acknowledged' && a.ackExpiresAt !== null && a.ackExpiresAt <= now) {
        await this.d.service
          .act(a.id, { type: 'expire', at: now }, SYSTEM)
          .catch((err: Error) =>
            this.d.logger.warn({ err: err.message, alert: a.id }, 'claim expiry failed'),
          );
      }
      // An episode this process is not following (it started before a restart, whose scoring state is gone):
      // it has ended; if the evidence comes back, the raise finds this alert and opens a new episode of it.
      if (a.active && !tracked.has(a.id) && now - this.startedAt > 30_000) {
        const evidence: Evidence = { ...a, score: 0, active: false };
        if ((await this.d.service.store.updateEvidence(a.id, a.key, evidence)) === 'written') {
          const fresh = await this.d.service.store.get(a.id);
          if (fresh) this.broadcast(fresh);
        }
      }
    }
  }

  private broadcast(alert: Alert): void {
    this.d.service.notify(alert);
  }
}

function summary(o: Observation): string {
  const r = o.reasons[0];
  return r
    ? `${r.detector} ${r.feature}: ${r.observed} vs ${r.expected} expected (score ${round(o.score)})`
    : `score ${round(o.score)}`;
}

/** The raise record's facts for screens, which word them in their language (the note above is English, for programs). */
export function raiseDetail(o: Observation): RaiseAuditDetail {
  const r = o.reasons[0];
  return r
    ? {
        score: round(o.score),
        detector: r.detector,
        feature: r.feature,
        observed: r.observed,
        expected: r.expected,
      }
    : { score: round(o.score) };
}

const round = (n: number) => Math.round(n * 10) / 10;
