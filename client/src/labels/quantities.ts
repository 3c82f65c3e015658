/** @module Names of the windows behind the numbers the screens print, so that the same quantity reads the same everywhere. */

import { RATE_WINDOW_S } from '../lib/rates.js';

/** How a segment's events per second (`recentRate`) is named wherever it is printed. */
export const RATE_WINDOW_LABEL = `${RATE_WINDOW_S} s average`;

/** The host timeline's bars: each detector's share of the combined score (they add up to the score). */
export const SCORE_SHARE_LABEL = 'share of the score now';

/** A reason's points on their own, before the reasons are combined as independent evidence. */
export const REASON_POINTS_LABEL = 'points alone (0–100)';
