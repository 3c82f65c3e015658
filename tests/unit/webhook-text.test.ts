import { describe, expect, it } from 'vitest';
import { webhookText } from '../../server/alerts/webhooks.js';
import { alert } from './client-fixtures.js';

const hostile = alert('A3', {
  severity: 'critical',
  detector: 'intel',
  score: 92.4,
  segment: '<!channel> <https://evil.example|Re-auth> @here',
  entity: { type: 'host', id: '10.77.0.5' },
  reasons: [
    {
      detector: 'ids',
      feature: 'ET MALWARE [Open the runbook](https://evil.example/rb) `x` *now* & more',
      observed: 1,
      expected: 0,
      contribution: 60,
    },
  ],
});

describe('webhook text', () => {
  it('names the alert as before', () => {
    const text = webhookText('alert.critical', alert('A1', { severity: 'critical' }), 'https://wf.example');
    expect(text).toMatch(/^\[CRITICAL\] \S+ on host `[^`]+` \(`[^`]+`\), score [\d.]+/);
    expect(text).toContain('https://wf.example/alerts?id=A1');
  });

  it('writes no Slack control sequence, mention, link or emphasis a producer chose', () => {
    const text = webhookText('alert.escalated', hostile, 'https://wf.example');
    // Slack's sequences (<!channel>, <url|label>) cannot be formed: its three control characters are escaped
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain('&lt;!channel&gt; &lt;https://evil.example|Re-auth&gt; @here');
    expect(text).toContain('&amp; more');
    // every producer text sits in a code span of its own, its backticks made quotes: nothing inside is formatted
    const spans = text.match(/`[^`]*`/g) ?? [];
    expect(spans).toHaveLength(3);
    expect(spans[1]).toContain('@here');
    expect(spans[2]).toContain("[Open the runbook](https://evil.example/rb) 'x' *now*");
    expect(text.replace(/`[^`]*`/g, '')).not.toMatch(/@here|\]\(|\*now\*/);
  });

  it("says the reason in the screens' words and units, never a feature id; the score in whole points", () => {
    const of = (reason: { detector: string; feature: string; observed: number; expected: number }) =>
      webhookText(
        'alert.critical',
        alert('A4', { severity: 'critical', score: 96.6, reasons: [{ ...reason, contribution: 90 }] }),
        'https://wf.example',
      );
    const scan = of({ detector: 'scan', feature: 'failed_share', observed: 0.99, expected: 0.05 });
    expect(scan).toContain('score 97 — scan: share of connections failing 99 % (expected 5 %)');
    expect(scan).not.toContain('failed_share');
    const on = of({ detector: 'scan', feature: 'refused_ports_1h 10.60.1.13', observed: 90, expected: 10 });
    expect(on).toContain('scan: refused destination ports within 1 h on `10.60.1.13` 90 (expected 10)');
    const rate = of({ detector: 'rate', feature: 'events_per_s', observed: 20, expected: 0.0712 });
    expect(rate).toContain('rate: events per second 20/s (expected 0.07/s)');
    const bytes = of({
      detector: 'volume',
      feature: 'bytes_out_ext_per_s',
      observed: 12_345_678,
      expected: 900,
    });
    expect(bytes).toContain('bytes sent to external hosts per second 12.3 MB/s (expected 900 B/s)');
    // a feature a newer detector writes, without words yet: its id as producer-safe text, not as words
    expect(of({ detector: 'x', feature: 'odd_thing', observed: 1, expected: 0 })).toContain(
      'x: `odd_thing` 1',
    );
  });
});
