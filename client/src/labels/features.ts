/**
 * @module The detectors' features as the screens know them: the unit of their values (their words are the
 * catalogues' `feature.<id>`, `textFeature.<detector>`). A feature id never reaches a screen.
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
  | 'bytes'
  | 'share'
  | 'seconds'
  | 'unit_interval'
  | 'points';

/** Known feature ids (the part before any space-separated suffix) → the unit of their values. */
export const FEATURES: Readonly<Record<string, FeatureUnit>> = {
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
};

/**
 * Detectors whose feature is text from the sensor rather than an id (an IDS signature, an intelligence match). The
 * IDS detector's alerts are counted weighted by age (`IDS_HALF_LIFE_MS`), so its words say "age-weighted".
 */
export const TEXT_FEATURES: Readonly<Record<string, FeatureUnit>> = { ids: 'weighted_count', intel: 'count' };

/** What a feature's unknown words fall back to: the id with spaces for underscores, counted. */
export const UNKNOWN_UNIT: FeatureUnit = 'count';
