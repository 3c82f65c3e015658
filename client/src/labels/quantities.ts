/** @module Names of the windows behind the numbers the screens print, so that the same quantity reads the same everywhere. */
import { t } from '../i18n/index.js';
import { RATE_WINDOW_S } from '../lib/rates.js';

/** How a segment's events per second (`recentRate`) is named wherever it is printed. */
export const rateWindowLabel = (): string => t('quantity.rateWindow', { s: RATE_WINDOW_S });

/**
 * The host timeline's legend: each detector's share of the combined score shown (`score`, whole), in whole points that
 * add up to it.
 */
export const scoreShareLabel = (score: number): string => t('quantity.scoreShare', { score });

/** A reason's points on their own, before the reasons are combined as independent evidence. */
export const reasonPointsLabel = (): string => t('quantity.reasonPoints');
