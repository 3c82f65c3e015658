import { describe, expect, it } from 'vitest';
import { auditNoteText } from '../../client/src/features/alerts/describe.js';
import { featureLabel } from '../../client/src/lib/feature-label.js';
import { formatFeatureValue, formatReason, pointsText } from '../../client/src/lib/format.js';
import { FEATURES } from '../../shared/features.js';

describe('featureLabel', () => {
  it.each([
    ['scan', 'failed_share', 'share of connections failing'],
    ['scan', 'distinct_ports_10s', 'distinct destination ports in 10 s'],
    ['volume', 'bytes_out_ext_per_s', 'bytes sent to external hosts per second'],
    ['volume', 'flows_vs_peers', 'flows per second, against peers'],
    ['auth', 'failed_accounts_5min', 'accounts failing to log in within 5 min'],
    ['rate', 'events_per_s', 'events per second'],
  ])('maps known features to plain words: %s %s → %s', (detector, feature, words) => {
    expect(featureLabel(detector, feature)).toBe(words);
  });

  it('keeps a suffix such as a domain, a user or a peer', () => {
    expect(featureLabel('dns', 'encoded_queries_per_min evil.example')).toBe(
      'encoded-looking DNS queries per minute evil.example',
    );
    expect(featureLabel('auth', 'failures_per_min user=x')).toBe('login failures per minute user=x');
    expect(featureLabel('beacon', 'beacon_score 10.0.0.1:443')).toBe(
      'beacon regularity (0–1) to 10.0.0.1:443',
    );
  });

  it('replaces underscores of unknown features by spaces, and leaves hostile text as text', () => {
    expect(featureLabel('x', 'some_new_feature')).toBe('some new feature');
    expect(featureLabel('ids', 'ET_SCAN <b>x</b>')).toBe(
      'age-weighted IDS alerts of signature “ET_SCAN <b>x</b>”',
    );
    expect(featureLabel('x', 'constructor')).toBe('constructor');
    expect(featureLabel('x', '')).toBe('');
  });

  it('says an indicator match as one: what matched where, the feed, its confidence and techniques', () => {
    const intel = {
      detector: 'intel',
      feature: 'indicator 151.101.1.140',
      observed: 1.9,
      expected: 0,
      contribution: 85,
      attack: ['T1071.001'],
      intel: {
        indicator: '151.101.1.140',
        field: 'dst_ip',
        feed: 'misp',
        id: 'a1',
        name: 'Dridex C2',
        confidence: 85,
        labels: [],
      },
    };
    expect(formatReason(intel)).toBe(
      'indicator 151.101.1.140 “Dridex C2” in dst_ip, feed misp, confidence 85 (+85) · ATT&CK T1071.001',
    );
    const { name: _n, ...unnamed } = intel.intel;
    expect(formatReason({ ...intel, attack: [], intel: unnamed })).toBe(
      'indicator 151.101.1.140 in dst_ip, feed misp, confidence 85 (+85)',
    );
    // a feed that failed to load is said as such, not as a match
    expect(featureLabel('intel', 'feed_failed: http://x/stix.json: not JSON')).toBe(
      'intelligence feed failed to load: http://x/stix.json: not JSON',
    );
    // a silent sensor's figures are events (the ones its rate promised), not seconds
    expect(
      formatReason({
        detector: 'silence',
        feature: 'silent sensor=s1',
        observed: 0,
        expected: 1005.8,
        contribution: 100,
      }),
    ).toBe('events from a silent sensor: sensor=s1 0 vs 1,006 expected (+100)');
  });

  it('is used by formatReason, with each value in its unit and one rounding', () => {
    const r = { detector: 'scan', feature: 'failed_share', observed: 0.94, expected: 0.1, contribution: 98 };
    expect(formatReason(r)).toBe('share of connections failing 94 % vs 10 % expected (+98)');
    expect(formatFeatureValue('scan', 'failed_share', 0.95)).toBe('95 %');
    expect(formatFeatureValue('volume', 'bytes_out_per_s', 12_300_000)).toBe('12.3 MB/s');
    expect(formatFeatureValue('volume', 'flows_vs_peers', 30)).toBe('30/s');
    expect(formatFeatureValue('dns', 'nxdomain_per_min', 4)).toBe('4/min');
    expect(formatFeatureValue('ids', 'ET SCAN x', 3)).toBe('3');
    // an age-weighted count is not a number of alerts: its words say so, its value is to a tenth
    const ids = {
      detector: 'ids',
      feature: 'ET POLICY curl',
      observed: 2.4137,
      expected: 0,
      contribution: 7,
    };
    expect(formatReason(ids)).toBe(
      'age-weighted IDS alerts of signature “ET POLICY curl” 2.4 vs 0 expected (+7)',
    );
  });

  it("says a reason's points were added earlier when the score beside it has faded below them", () => {
    const r = {
      detector: 'scan',
      feature: 'failed_share',
      observed: 0.94,
      expected: 0.1,
      contribution: 88.2,
    };
    expect(formatReason(r, 88.4)).toBe('share of connections failing 94 % vs 10 % expected (+88)');
    expect(formatReason(r, 95)).toBe('share of connections failing 94 % vs 10 % expected (+88)');
    // whole points, as both are shown: 87.6 reads 88, not below the reason's 88
    expect(formatReason(r, 87.6)).toBe('share of connections failing 94 % vs 10 % expected (+88)');
    expect(formatReason(r, 16)).toBe('share of connections failing 94 % vs 10 % expected (was +88)');
    expect(pointsText(r, 16)).toBe('was +88');
    expect(pointsText(r, undefined)).toBe('+88');
  });

  it('never leaves a known feature id on screen', () => {
    for (const id of Object.keys(FEATURES)) {
      expect(featureLabel('x', id)).not.toBe(id.replaceAll('_', ' '));
      expect(featureLabel('x', id)).not.toContain('_');
    }
  });

  it("writes the audit trail's raise summary in words and units, its score whole, other notes as they are", () => {
    expect(auditNoteText('scan distinct_ports_10s: 139 vs 2 expected (score 96.2)')).toBe(
      'distinct destination ports in 10 s 139 vs 2 expected (score 96)',
    );
    expect(auditNoteText('scan failed_share: 0.94 vs 0.1 expected (score 80)')).toBe(
      'share of connections failing 94 % vs 10 % expected (score 80)',
    );
    expect(auditNoteText('on it: <b>x</b>')).toBe('on it: <b>x</b>');
  });
});
