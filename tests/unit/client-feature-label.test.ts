import { describe, expect, it } from 'vitest';
import { featureLabel } from '../../client/src/lib/feature-label.js';
import { formatReason } from '../../client/src/lib/format.js';

describe('featureLabel', () => {
  it('maps known features to plain words', () => {
    expect(featureLabel('scan', 'failed_share')).toBe('failed connections share');
    expect(featureLabel('scan', 'distinct_ports_10s')).toBe('distinct ports in 10 s');
    expect(featureLabel('volume', 'bytes_out_ext_per_s')).toBe('bytes out to external hosts per s');
    expect(featureLabel('auth', 'failed_accounts_5min')).toBe('accounts failing in 5 min');
    expect(featureLabel('rate', 'events_per_s')).toBe('events per s');
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
