/** @module Which sensors feed events live (their silence can be judged) and which replay history or were retired. */

/** Sensors remembered at most: beyond it, new sensors are never judged silent (a runaway of sensor names is bounded). */
export const MAX_SENSORS = 4096;

export class SensorLiveness {
  private readonly live = new Map<string, boolean>();

  constructor(private readonly cap = MAX_SENSORS) {}

  /** An event of `sensor` arrived, live (no older than the live lag) or not. */
  note(sensor: string, live: boolean): void {
    if (this.live.get(sensor) !== live && (this.live.has(sensor) || this.live.size < this.cap))
      this.live.set(sensor, live);
  }

  /** A feed that ended on purpose (a replay finished, a sensor decommissioned) is never judged silent. */
  retire(sensor: string): void {
    this.live.set(sensor, false);
  }

  isLive(sensor: string): boolean {
    return this.live.get(sensor) === true;
  }

  /** Every sensor remembered, with whether it was live: for a snapshot ({@link restore}). */
  export(): [sensor: string, live: boolean][] {
    return [...this.live];
  }

  /** What {@link export} gave (a snapshot's sensors, within the cap). */
  restore(sensors: readonly (readonly [string, boolean])[]): void {
    for (const [sensor, live] of sensors)
      if (typeof sensor === 'string' && typeof live === 'boolean' && this.live.size < this.cap)
        this.live.set(sensor, live);
  }
}
