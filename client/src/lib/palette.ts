/**
 * @module Colours. Segment lines use the Okabe–Ito colour-blind-safe set (brightened blue for a dark
 * background); past eight segments the colours repeat with a dash pattern. Score colours always come
 * with a number and a severity word, never colour alone.
 */
import type { Severity, SeverityBands } from '../../../shared/schemas/alert.js';
import type { Reason } from '../../../shared/schemas/score.js';
import { BAND_LOOK } from '../labels/bands.js';
import { type Band, bandOf, isSeverityBand } from './bands.js';

const SEGMENT_COLOURS = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#D55E00',
  '#CC79A7',
  '#F5F5F5',
  '#3A8DDE',
];
const DASHES = [undefined, '10 5', '3 4'] as const;

export interface SeriesStyle {
  colour: string;
  dash: string | undefined;
}

/** Stable style per segment: segments are ordered by name, so a segment keeps its colour between screens. */
export function segmentStyles(segments: readonly string[]): Map<string, SeriesStyle> {
  const sorted = [...segments].sort();
  const out = new Map<string, SeriesStyle>();
  sorted.forEach((name, i) => {
    out.set(name, {
      colour: SEGMENT_COLOURS[i % SEGMENT_COLOURS.length]!,
      dash: DASHES[Math.floor(i / SEGMENT_COLOURS.length) % DASHES.length],
    });
  });
  return out;
}

export interface ScoreStyle {
  band: Band;
  /** The alert severity of the score, null below the alert bands ("elevated", "weak sign" or "normal"). */
  severity: Severity | null;
  label: string;
  background: string;
  foreground: string;
}

const BAND_COLOURS: Readonly<Record<Band, { background: string; foreground: string }>> = {
  critical: { background: '#ff4d6a', foreground: '#000000' },
  high: { background: '#f08c00', foreground: '#000000' },
  medium: { background: '#f0e442', foreground: '#000000' },
  elevated: { background: '#3b3a1c', foreground: '#f5ef9a' },
  // weak evidence does not colour a screen: the word says it
  weak: { background: '#1d2733', foreground: '#e8eef5' },
  normal: { background: '#1d2733', foreground: '#e8eef5' },
};

/**
 * Band, word and colours for a score in the server's bands, given the reasons behind it (see `bandOf`); text
 * contrast ≥ 4.5:1 on every background.
 */
export function scoreStyle(
  score: number,
  bands: SeverityBands,
  reasons: readonly Pick<Reason, 'contribution'>[] = [],
): ScoreStyle {
  const band = bandOf(score, reasons, bands);
  const severity = isSeverityBand(band) ? band : null;
  return { band, severity, label: BAND_LOOK[band].label, ...BAND_COLOURS[band] };
}
