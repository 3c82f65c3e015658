/** @module Names of the windows behind the numbers the screens print, so that the same quantity reads the same everywhere. */

/** A segment's or the network's `eventsPerSec`: accepted events per second over the last 10 complete seconds. */
export const RATE_WINDOW_LABEL = '10 s average';
