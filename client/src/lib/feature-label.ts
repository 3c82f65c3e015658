/** @module Plain words for the detectors' feature names; the raw name stays available (as a title) for analysts. */

/** Known feature names (the part before any space-separated suffix) → short plain words. */
const LABELS: Readonly<Record<string, string>> = {
  failed_share: 'failed connections share',
  distinct_ports_10s: 'distinct ports in 10 s',
  failed_hosts_60s: 'hosts failing in 60 s',
  failures_per_min: 'login failures per min',
  failed_accounts_5min: 'accounts failing in 5 min',
  success_after_failures: 'login success after failures',
  nxdomain_per_min: 'unknown DNS names per min',
  encoded_queries_per_min: 'encoded DNS queries per min',
  txt_burst_per_min: 'DNS TXT bursts per min',
  beacon_score: 'beacon regularity',
  events_per_s: 'events per s',
  bytes_out_per_s: 'bytes out per s',
  bytes_out_ext_per_s: 'bytes out to external hosts per s',
  bytes_out_ext_vs_peers: 'bytes out to external hosts vs peers',
  bytes_out_vs_peers: 'bytes out vs peers',
  flows_per_s: 'flows per s',
  flows_vs_peers: 'flows vs peers',
  peers_per_s: 'peers per s',
  peers_vs_peers: 'peers vs similar hosts',
  silent_for_s: 'silent for (s)',
  silent: 'silent',
  criticality: 'asset criticality',
};

/**
 * A feature name in plain words: `distinct_ports_10s` → "distinct ports in 10 s";
 * a suffix (`encoded_queries_per_min evil.example`, `failures_per_min user=x`) is kept as is;
 * unknown names get their underscores replaced by spaces. Pure; `detector` is reserved for
 * detector-specific wording.
 */
export function featureLabel(_detector: string, feature: string): string {
  const space = feature.indexOf(' ');
  const head = space < 0 ? feature : feature.slice(0, space);
  const tail = space < 0 ? '' : feature.slice(space);
  const label = Object.hasOwn(LABELS, head) ? LABELS[head] : head.replaceAll('_', ' ');
  return `${label}${tail}`;
}
