/**
 * @module Number, byte, time and reason formatting for a screen read from across the room, in the language of the
 * screens (`i18n/`): numbers by Intl for that locale (1,234.5 / 1 234,5), units and word order from the catalogues.
 * The clock stays UTC (a watch floor that works with partners across time zones reads Zulu), and ISO times stay ISO
 * where a log line or an audit record is quoted.
 */
import { byteScale, featureValueText, type ValueWriter } from '../../../shared/features.js';
import { INTL_LOCALE } from '../../../shared/locale.js';
import { shownScore } from '../../../shared/schemas/alert.js';
import type { Reason } from '../../../shared/schemas/score.js';
import { currentLocale, t } from '../i18n/index.js';
import { featureLabel, featureUnit } from './feature-label.js';
import { placeLabel } from './geo.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (tag: string) => T): T {
  const l = currentLocale();
  const k = `${l}|${key}`;
  let f = cache.get(k) as T | undefined;
  if (!f) {
    f = make(INTL_LOCALE[l]);
    cache.set(k, f);
  }
  return f;
}
const compact = () =>
  memo('compact', (tag) => new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 }));
const whole = () => memo('whole', (tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }));
const oneDecimal = () => memo('one', (tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }));
const twoDecimals = () =>
  memo('two', (tag) => new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** 1234 → "1,234" (lt "1 234"); 1.2e6 → "1.2M" (lt "1,2 mln.") (compact above 100 000). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.abs(n) >= 100_000
    ? compact().format(n)
    : Math.abs(n) < 10
      ? oneDecimal().format(n)
      : whole().format(n);
}

/** A whole number in the screens' locale ("1,234"; lt "1 234"). */
export function formatInteger(n: number): string {
  return Number.isFinite(n) ? whole().format(n) : '—';
}

/** A number with at most one decimal in the screens' locale ("12.5"; lt "12,5"). */
export function formatDecimal(n: number): string {
  return Number.isFinite(n) ? oneDecimal().format(n) : '—';
}

/** Decimal units, as network people read them: 12_300_000 → "12.3 MB" (lt "12,3 MB"). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const [v, unit] = byteScale(n);
  const s = unit === 'B' ? whole().format(v) : oneDecimal().format(v);
  return `${n < 0 ? '-' : ''}${s} ${t(`unit.bytes.${unit}`)}`;
}

/**
 * A feature's value in its unit, one rounding for every screen: a share as a whole percentage ("94 %"), bytes per
 * second in decimal units ("12.3 MB/s"), rates with their period ("21/s", "4/min").
 */
export function formatFeatureValue(detector: string, feature: string, value: number): string {
  return featureValueText(featureUnit(detector, feature), value, SCREEN_WRITER);
}

/** Numbers and units as the screens write them, in their language. */
const SCREEN_WRITER: ValueWriter = {
  count: formatCount,
  fixed: (n, digits) => (digits === 2 ? twoDecimals() : oneDecimal()).format(n),
  percent: (n) => t('unit.percent', { n: whole().format(n) }),
  bytes: formatBytes,
  perSecond: (n) => t('unit.perSecond', { n }),
  perMinute: (n) => t('unit.perMinute', { n }),
  seconds: (s) => formatAge(s * 1000),
};

/**
 * A reason's points, "+88"; "was +88" beside a score that has since faded below them (a score is held and decays
 * once its evidence stops; its reasons say what it was found for, with the points they added then).
 */
export function pointsText(r: Reason, scoreNow: number | undefined): string {
  const n = shownScore(r.contribution);
  return scoreNow !== undefined && shownScore(scoreNow) < n
    ? t('reason.pointsEarlier', { n })
    : t('reason.points', { n });
}

/**
 * "distinct destination ports in 10 s 139 vs 2 expected (+98)" (see `featureLabel`), and where the peer it names is
 * ("… — North Korea (KP) · AS64500 …"). Plain text: reasons may carry attacker-chosen strings.
 */
export function formatReason(r: Reason, scoreNow?: number): string {
  const points = pointsText(r, scoreNow);
  const line = r.intel
    ? intelLine(r, r.intel, points)
    : t('reason.line', {
        feature: featureLabel(r.detector, r.feature),
        observed: formatFeatureValue(r.detector, r.feature, r.observed),
        expected: formatFeatureValue(r.detector, r.feature, r.expected),
        points,
      });
  const place = placeLabel(r.geo);
  return place ? t('reason.withPlace', { line, place }) : line;
}

/**
 * An indicator match in the words a hunter reads it in: what matched and where, the feed and its confidence, the
 * indicator's name, the techniques (not "1 vs 0 expected", which says nothing of a match).
 */
function intelLine(r: Reason, m: NonNullable<Reason['intel']>, points: string): string {
  const line = t(m.name ? 'reason.intelNamed' : 'reason.intel', {
    indicator: m.indicator,
    field: m.field,
    feed: m.feed,
    confidence: m.confidence,
    name: m.name,
    points,
  });
  return r.attack?.length ? t('reason.withAttack', { line, attack: r.attack.join(', ') }) : line;
}

/** The reason that adds the most to a score. */
export function topReason(reasons: readonly Reason[]): Reason | undefined {
  let best: Reason | undefined;
  for (const r of reasons) if (!best || r.contribution > best.contribution) best = r;
  return best;
}

/** Milliseconds → "4 s", "3 min", "2 h" (lt "4 s", "3 min.", "2 val."). */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return t('unit.seconds', { n: s });
  if (s < 7200) return t('unit.minutes', { n: Math.round(s / 60) });
  if (s < 172_800) return t('unit.hours', { n: Math.round(s / 3600) });
  return t('unit.days', { n: Math.round(s / 86_400) });
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

/** Epoch ms → "14:03:07" in UTC, the same in every language (a 24-hour Zulu clock). */
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
  if (d > 0) return t('unit.daysHours', { d, h });
  if (h > 0) return t('unit.hoursMinutes', { h, m });
  if (m === 0) return t('unit.seconds', { n: s });
  return t('unit.minutesSeconds', { m, s: s % 60 });
}

/** `2024-03-05 13:04:05` (UTC), ISO order in every language: the form logs and the audit trail are quoted in. */
export function formatDateTime(t: number): string {
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/** A calendar date in the screens' language, in UTC ("5 March 2024"; lt "2024 m. kovo 5 d."). */
export function formatDate(at: number): string {
  return memo('date', (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' })).format(
    at,
  );
}

/** The screen's own local time, 24-hour, in the screens' language ("14:03:07"). */
export function formatLocalClock(at: number): string {
  return memo(
    'local',
    (tag) =>
      new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
  ).format(at);
}
