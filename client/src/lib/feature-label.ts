/** @module Plain words and units for the detectors' features (the words live in labels/features.ts). */
import { FEATURES, type FeatureUnit, TEXT_FEATURES, UNKNOWN_UNIT } from '../labels/features.js';

function split(feature: string): { head: string; tail: string } {
  const space = feature.indexOf(' ');
  return space < 0
    ? { head: feature, tail: '' }
    : { head: feature.slice(0, space), tail: feature.slice(space) };
}

/**
 * A feature in plain words: `distinct_ports_10s` → "distinct destination ports in 10 s"; a suffix
 * (`encoded_queries_per_min evil.example`, `failures_per_min user=x`) is kept as is; an IDS signature is quoted
 * after its words; unknown ids get their underscores replaced by spaces. Pure; plain text (features may carry
 * attacker-chosen strings).
 */
export function featureLabel(detector: string, feature: string): string {
  if (Object.hasOwn(TEXT_FEATURES, detector)) return `${TEXT_FEATURES[detector]!.label} “${feature}”`;
  const { head, tail } = split(feature);
  const label = Object.hasOwn(FEATURES, head) ? FEATURES[head]!.label : head.replaceAll('_', ' ');
  return `${label}${tail}`;
}

/** The unit a feature's values are written in. */
export function featureUnit(detector: string, feature: string): FeatureUnit {
  if (Object.hasOwn(TEXT_FEATURES, detector)) return TEXT_FEATURES[detector]!.unit;
  const { head } = split(feature);
  return Object.hasOwn(FEATURES, head) ? FEATURES[head]!.unit : UNKNOWN_UNIT;
}
