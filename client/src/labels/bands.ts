/** @module Band words and shapes as the screens print them (words from the catalogues: `band.*`). */
import { words } from '../i18n/words.js';
import type { Band } from '../lib/bands.js';

const SHAPES: Readonly<Record<Band, string>> = {
  critical: '◆',
  high: '▲',
  medium: '●',
  elevated: '○',
  weak: '',
  normal: '',
};

export const BAND_LOOK: Readonly<Record<Band, { shape: string; label: string; short: string }>> =
  Object.fromEntries(
    (Object.keys(SHAPES) as Band[]).map((b) => [
      b,
      words({ label: `band.${b}`, short: `band.short.${b}` }, { shape: SHAPES[b] }),
    ]),
  ) as Record<Band, { shape: string; label: string; short: string }>;
