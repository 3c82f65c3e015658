/**
 * @module The clock the live window runs on: wall-clock milliseconds measured from a monotonic source, so that a
 * stepped system clock (NTP, a VM resumed, an operator's mistake) neither closes ten minutes of empty seconds in one
 * frame nor stops the window. It equals `Date.now()` at start and moves only as real time passes.
 */
import { performance } from 'node:perf_hooks';

export const steadyNow = (): number => Math.round(performance.timeOrigin + performance.now());
