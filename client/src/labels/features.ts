/**
 * @module The detectors' features as the screens name them: words and the unit of their values (one place, ready
 * for the language catalogues). A feature id never reaches a screen.
 */

/** How a feature's values are written: a count, a rate, bytes, a share (as %), seconds, a 0–1 measure, points. */
export type FeatureUnit =
  | 'count'
  | 'per_s'
  | 'per_min'
  | 'bytes_per_s'
  | 'bytes'
  | 'share'
  | 'seconds'
  | 'unit_interval'
  | 'points';

export interface FeatureWords {
  label: string;
  unit: FeatureUnit;
}

/** Known feature ids (the part before any space-separated suffix) → words and unit. */
export const FEATURES: Readonly<Record<string, FeatureWords>> = {
  failed_share: { label: 'share of connections failing', unit: 'share' },
  distinct_ports_10s: { label: 'distinct destination ports in 10 s', unit: 'count' },
  failed_hosts_60s: { label: 'destination hosts failing in 60 s', unit: 'count' },
  failures_per_min: { label: 'login failures per minute', unit: 'per_min' },
  failed_accounts_5min: { label: 'accounts failing to log in within 5 min', unit: 'count' },
  success_after_failures: { label: 'login successes after failures', unit: 'count' },
  nxdomain_per_min: { label: 'unknown DNS names (NXDOMAIN) per minute', unit: 'per_min' },
  encoded_queries_per_min: { label: 'encoded-looking DNS queries per minute', unit: 'per_min' },
  txt_burst_per_min: { label: 'DNS TXT queries per minute', unit: 'per_min' },
  beacon_score: { label: 'beacon regularity (0–1) to', unit: 'unit_interval' },
  beacon_like: { label: 'beacon-like regularity (0–1, few beats yet) to', unit: 'unit_interval' },
  failed_hosts_1h: { label: 'destination hosts failing within 1 h on', unit: 'count' },
  refused_ports_1h: { label: 'refused destination ports within 1 h on', unit: 'count' },
  new_external_peers_1h: { label: 'new external peers within 1 h', unit: 'count' },
  first_contact: { label: 'first contact, bytes since, with', unit: 'bytes' },
  events_per_s: { label: 'events per second', unit: 'per_s' },
  bytes_out_per_s: { label: 'bytes sent per second', unit: 'bytes_per_s' },
  bytes_out_ext_per_s: { label: 'bytes sent to external hosts per second', unit: 'bytes_per_s' },
  bytes_out_ext_vs_peers: {
    label: 'bytes sent to external hosts per second, against peers',
    unit: 'bytes_per_s',
  },
  bytes_out_vs_peers: { label: 'bytes sent per second, against peers', unit: 'bytes_per_s' },
  flows_per_s: { label: 'flows per second', unit: 'per_s' },
  flows_vs_peers: { label: 'flows per second, against peers', unit: 'per_s' },
  peers_per_s: { label: 'distinct peers per second', unit: 'per_s' },
  peers_vs_peers: { label: 'distinct peers per second, against similar hosts', unit: 'per_s' },
  silent_for_s: { label: 'silent for', unit: 'seconds' },
  silent: { label: 'sensor silent:', unit: 'seconds' },
  criticality: { label: 'asset criticality', unit: 'points' },
};

/** Detectors whose feature is text from the sensor rather than an id (an IDS signature, an intelligence match). */
export const TEXT_FEATURES: Readonly<Record<string, FeatureWords>> = {
  ids: { label: 'IDS alerts of signature', unit: 'count' },
  intel: { label: 'intelligence match', unit: 'count' },
};

/** What a feature's unknown words fall back to: the id with spaces for underscores, counted. */
export const UNKNOWN_UNIT: FeatureUnit = 'count';
