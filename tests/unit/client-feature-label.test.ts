import { describe, expect, it } from 'vitest';
import { featureLabel } from '../../client/src/lib/feature-label.js';
import { formatReason } from '../../client/src/lib/format.js';

describe('featureLabel', () => {
  it.each([
    ['scan', 'failed_share', 'failed connections share'],
    ['scan', 'distinct_ports_10s', 'distinct ports in 10 s'],
    ['volume', 'bytes_out_ext_per_s', 'bytes out to external hosts per s'],
    ['auth', 'failed_accounts_5min', 'accounts failing in 5 min'],
    ['rate', 'events_per_s', 'events per s'],
  ])('maps known features to plain words: %s %s → %s', (detector, feature, words) => {
    expect(featureLabel(detector, feature)).toBe(words);
  });

  it('keeps a suffix such as a domain, a user or a peer', () => {
    expect(featureLabel('dns', 'encoded_queries_per_min evil.example')).toBe(
      'encoded DNS queries per min evil.example',
    );
    expect(featureLabel('auth', 'failures_per_min user=x')).toBe('login failures per min user=x');
    expect(featureLabel('beacon', 'beacon_score 10.0.0.1:443')).toBe('beacon regularity 10.0.0.1:443');
  });

  it('replaces underscores of unknown features by spaces, and leaves hostile text as text', () => {
    expect(featureLabel('x', 'some_new_feature')).toBe('some new feature');
    expect(featureLabel('ids', 'ET_SCAN <b>x</b>')).toBe('ET SCAN <b>x</b>');
    expect(featureLabel('x', 'constructor')).toBe('constructor');
    expect(featureLabel('x', '')).toBe('');
  });

  it('is used by formatReason', () => {
    const r = { detector: 'scan', feature: 'failed_share', observed: 1, expected: 0.1, contribution: 98 };
    expect(formatReason(r as Parameters<typeof formatReason>[0])).toBe(
      'failed connections share 1 vs 0.1 expected (+98)',
    );
  });
});
