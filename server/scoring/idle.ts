/**
 * @module Idle entities: past the idle time an entity is forgotten, unless a detector still needs its state (a slow
 * beacon between two calls); then it is kept slim, with only those states, until it is seen again or they let go.
 */
import type { Entity } from './entity.js';
import { clearRecent } from './recent-events.js';
import type { Detector } from './types.js';

/** Whether a detector still needs an idle entity's state (each may drop what it no longer needs). */
export function keepsIdle(e: Entity, detectors: readonly Detector[], now: number): boolean {
  let keep = false;
  for (let i = 0; i < detectors.length; i++) {
    const d = detectors[i]!;
    if (d.keepIdle && e.states[i] !== null && d.keepIdle(e.states[i], now)) keep = true;
  }
  return keep;
}

/** Keeps only the states a detector may still need; the rest would have been forgotten. */
export function slim(e: Entity, detectors: readonly Detector[]): void {
  for (let i = 0; i < detectors.length; i++) if (!detectors[i]!.keepIdle) e.states[i] = null;
  e.slim = true;
  clearRecent(e);
  e.reasons = [];
}

/** A slim entity is seen again: its other detectors start afresh, as for a new entity. */
export function revive(e: Entity, detectors: readonly Detector[]): void {
  for (let i = 0; i < detectors.length; i++) e.states[i] ??= detectors[i]!.init(e.type);
  e.quiet = 0;
  e.slim = false;
}
