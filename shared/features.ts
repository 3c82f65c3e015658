/**
 * @module The detectors' features as people read them: the unit of their values and their English words (the
 * catalogues' `feature.<id>` and `textFeature.<detector>`: the English catalogue takes them from here, the Lithuanian
 * has its own; the server writes its English texts, a chat webhook's, with them). A feature id never reaches a screen.
 */

/**
 * How a feature's values are written: a count, a count weighted by age (to a tenth), a rate, bytes, a share (as %),
 * seconds, a 0–1 measure, points.
 */
export type FeatureUnit =
  | 'count'
  | 'weighted_count'
  | 'per_s'
  | 'per_min'
  | 'bytes_per_s'
  | 'bytes'
  | 'share'
  | 'seconds'
  | 'unit_interval'
  | 'points';

/** Known feature ids (the part before any space-separated suffix) → the unit of their values. */
const FEATURE_UNITS = {
  failed_share: 'share',
  distinct_ports_10s: 'count',
  failed_hosts_60s: 'count',
  failures_per_min: 'per_min',
  failed_accounts_5min: 'count',
  success_after_failures: 'count',
  nxdomain_per_min: 'per_min',
  encoded_queries_per_min: 'per_min',
  txt_burst_per_min: 'per_min',
  beacon_score: 'unit_interval',
  beacon_like: 'unit_interval',
  failed_hosts_1h: 'count',
  refused_ports_1h: 'count',
  new_external_peers_1h: 'count',
  first_contact: 'bytes',
  events_per_s: 'per_s',
  bytes_out_per_s: 'bytes_per_s',
  bytes_out_ext_per_s: 'bytes_per_s',
  bytes_out_ext_vs_peers: 'bytes_per_s',
  bytes_out_vs_peers: 'bytes_per_s',
  flows_per_s: 'per_s',
  flows_vs_peers: 'per_s',
  peers_per_s: 'per_s',
  peers_vs_peers: 'per_s',
  silent_for_s: 'seconds',
  // the events a silent sensor's learnt rate promised during its silence, against the none that came
  silent: 'count',
  criticality: 'points',
  // ingest health (system alerts)
  entries_lost_to_trimming: 'count',
  unread_entries_deleted: 'count',
  input_streams_deleted: 'count',
  seconds_failing: 'count',
  group_lag: 'count',
  dead_letters_per_min: 'per_min',
} as const satisfies Record<string, FeatureUnit>;

/** {@link FEATURE_UNITS}, read by any text (a feature id is whatever a detector wrote). */
export const FEATURES: Readonly<Record<string, FeatureUnit>> = FEATURE_UNITS;

/**
 * Detectors whose feature is text from the sensor rather than an id (an IDS signature, an intelligence match). The
 * IDS detector's alerts are counted weighted by age (`IDS_HALF_LIFE_MS`), so its words say "age-weighted".
 */
const TEXT_FEATURE_UNITS = { ids: 'weighted_count', intel: 'count' } as const satisfies Record<
  string,
  FeatureUnit
>;
export const TEXT_FEATURES: Readonly<Record<string, FeatureUnit>> = TEXT_FEATURE_UNITS;

/** What a feature's unknown words fall back to: the id with spaces for underscores, counted. */
export const UNKNOWN_UNIT: FeatureUnit = 'count';

/** A feature's English words (the English catalogue's `feature`; see `featureLabel` for how a suffix reads). */
export const FEATURE_WORDS = {
  failed_share: 'share of connections failing',
  distinct_ports_10s: 'distinct destination ports in 10 s',
  failed_hosts_60s: 'destination hosts failing in 60 s',
  failures_per_min: 'login failures per minute',
  failed_accounts_5min: 'accounts failing to log in within 5 min',
  success_after_failures: 'login successes after failures',
  nxdomain_per_min: 'unknown DNS names (NXDOMAIN) per minute',
  encoded_queries_per_min: 'encoded-looking DNS queries per minute',
  txt_burst_per_min: 'DNS TXT queries per minute',
  beacon_score: 'beacon regularity (0–1) to',
  beacon_like: 'beacon-like timing (1 = calls on time; few yet) to',
  failed_hosts_1h: 'destination hosts failing within 1 h on',
  refused_ports_1h: 'refused destination ports within 1 h on',
  new_external_peers_1h: 'new external peers within 1 h',
  first_contact: 'first contact, bytes since, with',
  events_per_s: 'events per second',
  bytes_out_per_s: 'bytes sent per second',
  bytes_out_ext_per_s: 'bytes sent to external hosts per second',
  bytes_out_ext_vs_peers: 'bytes sent to external hosts per second, against peers',
  bytes_out_vs_peers: 'bytes sent per second, against peers',
  flows_per_s: 'flows per second',
  flows_vs_peers: 'flows per second, against peers',
  peers_per_s: 'distinct peers per second',
  peers_vs_peers: 'distinct peers per second, against similar hosts',
  silent_for_s: 'silent for',
  silent: 'events from a silent sensor:',
  criticality: 'asset criticality',
  entries_lost_to_trimming: 'entries lost to stream trimming',
  unread_entries_deleted: 'unread entries deleted with their stream',
  input_streams_deleted: 'input streams deleted (nothing known unread)',
  seconds_failing: 'seconds ingest has been failing',
  group_lag: 'consumer group lag',
  dead_letters_per_min: 'dead letters per minute',
} as const satisfies Record<keyof typeof FEATURE_UNITS, string>;

/** The English words before a text feature (an IDS signature, an intelligence match). */
export const TEXT_FEATURE_WORDS = {
  ids: 'age-weighted IDS alerts of signature',
  intel: 'intelligence match',
} as const satisfies Record<keyof typeof TEXT_FEATURE_UNITS, string>;

/** Decimal byte units, as network people read them. */
export const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** A byte count in its decimal unit, the magnitude and the unit: 12_300_000 → [12.3, 'MB']. */
export function byteScale(n: number): [magnitude: number, unit: (typeof BYTE_UNITS)[number]] {
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1000 && i < BYTE_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  return [v, BYTE_UNITS[i]!];
}

/** A feature's id and what a detector wrote after it (` port 443`, ` evil.example`; empty when nothing). */
export function splitFeature(feature: string): { head: string; tail: string } {
  const space = feature.indexOf(' ');
  return space < 0
    ? { head: feature, tail: '' }
    : { head: feature.slice(0, space), tail: feature.slice(space) };
}

/** The unit a feature's values are written in. */
export function featureUnit(detector: string, feature: string): FeatureUnit {
  if (Object.hasOwn(TEXT_FEATURES, detector)) return TEXT_FEATURES[detector]!;
  const { head } = splitFeature(feature);
  return Object.hasOwn(FEATURES, head) ? FEATURES[head]! : UNKNOWN_UNIT;
}

/**
 * How one side writes numbers and units: the screens in their language, the server's English texts (a chat webhook).
 * {@link featureValueText} decides which a unit takes.
 */
export interface ValueWriter {
  /** A count, or a rate's number. */
  count(n: number): string;
  /** A number to `digits` decimals. */
  fixed(n: number, digits: 1 | 2): string;
  /** A percentage (`n` % , to be rounded to whole points). */
  percent(n: number): string;
  bytes(n: number): string;
  perSecond(text: string): string;
  perMinute(text: string): string;
  /** A duration in seconds. */
  seconds(s: number): string;
}

/**
 * A feature's value in its unit, one rule for every writer: a share as a whole percentage ("94 %"), bytes per second
 * in decimal units ("12.3 MB/s"), rates with their period ("21/s", "4/min").
 */
export function featureValueText(unit: FeatureUnit, v: number, w: ValueWriter): string {
  switch (unit) {
    case 'share':
      return w.percent(v * 100);
    case 'bytes_per_s':
      return w.perSecond(w.bytes(v));
    case 'bytes':
      return w.bytes(v);
    case 'per_s':
      return w.perSecond(w.count(v));
    case 'per_min':
      return w.perMinute(w.count(v));
    case 'seconds':
      return w.seconds(v);
    case 'unit_interval':
      return w.fixed(v, 2);
    case 'weighted_count':
      return w.fixed(v, 1);
    default:
      return w.count(v);
  }
}
