/**
 * @module Which sensors feed events live (their silence can be judged), since when on the wall clock, and which
 * replay history or were retired.
 */

/** Sensors remembered at most: beyond it, new sensors are never judged silent (a runaway of sensor names is bounded). */
export const MAX_SENSORS = 4096;

/** A sensor whose events do not come live (history, a retired feed). */
const NOT_LIVE = -1;

export class SensorLiveness {
  /** Per sensor, the wall clock (ms) at which its events began to come live, or {@link NOT_LIVE}. */
  private readonly since = new Map<string, number>();

  constructor(private readonly cap = MAX_SENSORS) {}

  /** An event of `sensor` arrived at `arrival` (wall clock, ms), live (no older than the live lag) or not. */
  note(sensor: string, live: boolean, arrival: number): void {
    const was = this.since.get(sensor);
    // only a change is written: the per-event cost is one lookup
    if (live ? was !== undefined && was !== NOT_LIVE : was === NOT_LIVE) return;
    if (was === undefined && this.since.size >= this.cap) return;
    this.since.set(sensor, live ? arrival : NOT_LIVE);
  }

  /** A feed that ended on purpose (a replay finished, a sensor decommissioned) is never judged silent. */
  retire(sensor: string): void {
    this.since.set(sensor, NOT_LIVE);
  }

  /**
   * How long (ms) the sensor's events have come live by the wall clock `now`, or −1 when they do not: a replay sent
   * faster than real time has an hour of event time to learn a rate from, but comes live for a moment only.
   */
  liveFor(sensor: string, now: number): number {
    const since = this.since.get(sensor);
    return since === undefined || since === NOT_LIVE ? -1 : Math.max(0, now - since);
  }

  /** Every sensor remembered, with when it began to come live (−1: not live): for a snapshot ({@link restore}). */
  export(): [sensor: string, liveSince: number][] {
    return [...this.since];
  }

  /** What {@link export} gave (a snapshot's sensors, within the cap). */
  restore(sensors: readonly (readonly [string, number])[]): void {
    for (const [sensor, since] of sensors)
      if (typeof sensor === 'string' && Number.isFinite(since) && this.since.size < this.cap)
        this.since.set(sensor, since < 0 ? NOT_LIVE : since);
  }
}
