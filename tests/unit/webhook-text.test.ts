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
});
