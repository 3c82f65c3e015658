/** @module Number, byte, time and reason formatting for a screen read from across the room. */
import type { Reason } from '../../../shared/schemas/score.js';
import { featureLabel, featureUnit } from './feature-label.js';
import { placeLabel } from './geo.js';

const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** 1234 → "1,234"; 1.2e6 → "1.2M" (compact above 100 000). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.abs(n) >= 100_000
    ? compact.format(n)
    : Math.abs(n) < 10
      ? oneDecimal.format(n)
      : whole.format(n);
}

/** Decimal units, as network people read them: 12_300_000 → "12.3 MB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const s = i === 0 ? whole.format(v) : oneDecimal.format(v);
  return `${n < 0 ? '-' : ''}${s} ${units[i]}`;
}

/**
 * A feature's value in its unit, one rounding for every screen: a share as a whole percentage ("94 %"), bytes per
 * second in decimal units ("12.3 MB/s"), rates with their period ("21/s", "4/min").
 */
export function formatFeatureValue(detector: string, feature: string, value: number): string {
  switch (featureUnit(detector, feature)) {
    case 'share':
      return `${whole.format(value * 100)} %`;
    case 'bytes_per_s':
      return `${formatBytes(value)}/s`;
    case 'bytes':
      return formatBytes(value);
    case 'per_s':
      return `${formatCount(value)}/s`;
    case 'per_min':
      return `${formatCount(value)}/min`;
    case 'seconds':
      return formatAge(value * 1000);
    case 'unit_interval':
      return value.toFixed(2);
    default:
      return formatCount(value);
  }
}

/**
 * "distinct destination ports in 10 s 139 vs 2 expected (+98)" (see `featureLabel`), and where the peer it names is
 * ("… — North Korea (KP) · AS64500 …"). Plain text: reasons may carry attacker-chosen strings.
 */
export function formatReason(r: Reason): string {
  const observed = formatFeatureValue(r.detector, r.feature, r.observed);
  const expected = formatFeatureValue(r.detector, r.feature, r.expected);
  const place = placeLabel(r.geo);
  return `${featureLabel(r.detector, r.feature)} ${observed} vs ${expected} expected (+${Math.round(r.contribution)})${place ? ` — ${place}` : ''}`;
}

/** The reason that adds the most to a score. */
export function topReason(reasons: readonly Reason[]): Reason | undefined {
  let best: Reason | undefined;
  for (const r of reasons) if (!best || r.contribution > best.contribution) best = r;
  return best;
}

/** Milliseconds → "4 s", "3 min", "2 h". */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});
const clockShort = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** Epoch ms → "14:03:07" in UTC: a watch floor that works with partners across time zones reads Zulu. */
export function formatClock(t: number): string {
  return clock.format(t);
}
export function formatClockShort(t: number): string {
  return clockShort.format(t);
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min ${s % 60} s`;
}

/** `2024-03-05 13:04:05` (UTC). */
export function formatDateTime(t: number): string {
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}
