/** @module Band words and shapes as the screens print them (one place, ready for the language catalogues). */
import type { Band } from '../lib/bands.js';

export const BAND_LOOK: Readonly<Record<Band, { shape: string; label: string; short: string }>> = {
  critical: { shape: '◆', label: 'CRITICAL', short: 'CRIT' },
  high: { shape: '▲', label: 'HIGH', short: 'HIGH' },
  medium: { shape: '●', label: 'MEDIUM', short: 'MED' },
  elevated: { shape: '○', label: 'elevated', short: 'elev' },
  normal: { shape: '', label: 'normal', short: 'normal' },
};
