/** @module The events the simulator emits: native events v1 with epoch-ms time, a segment and an id always set. */
import type { NativeEvent } from '../../shared/schemas/telemetry.js';
import { intBetween, type Rng } from './random.js';

export type SimEvent = NativeEvent & { ts: number; segment: string; event_id: string };
/** An event before the generator numbers it. */
export type DraftEvent = Omit<SimEvent, 'event_id'>;

export function ephemeralPort(rng: Rng): number {
  return intBetween(rng, 49152, 65535);
}

/** Packets for a byte count (about 1,200 bytes a packet, at least one). */
export function packetsFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1200));
}

/** Time-ordered comparison; ties keep their order because Array.prototype.sort is stable. */
export const byTime = (a: { ts: number }, b: { ts: number }): number => a.ts - b.ts;
