/** @module A host's recent events for drill-down: a ring of events and their refs on the entity, newest first when read. */
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { type Entity, newestFirst } from './entity.js';

/** Keeps `ev` (named `ref`) among the host's newest `cap` events; the oldest slot is overwritten once full. */
export function keepRecent(e: Entity, ev: NormalizedEvent, ref: string, cap: number): void {
  e.recent ??= [];
  e.recentRefs ??= [];
  if (e.recent.length < cap) {
    e.recent.push(ev);
    e.recentRefs.push(ref);
  } else {
    e.recent[e.recentNext % cap] = ev;
    e.recentRefs[e.recentNext % cap] = ref;
  }
  e.recentNext++;
}

/** The host's recent events, newest first, each with its `ref` (what reasons' examples name). */
export function recentOf(e: Entity): (NormalizedEvent & { ref?: string })[] {
  const refs = newestFirst(e.recentRefs ?? [], e.recentNext);
  return newestFirst(e.recent ?? [], e.recentNext).map((ev, i) => ({ ...ev, ref: refs[i] }));
}

export function clearRecent(e: Entity): void {
  e.recent = null;
  e.recentRefs = null;
  e.recentNext = 0;
}
