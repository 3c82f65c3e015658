/** The host page shows a reason's examples as the events themselves: kept among the host's recent events, or read back from their stream. */
import { describe, expect, it } from 'vitest';
import { exampleLine } from '../../client/src/features/host-detail/ReasonsTable.js';
import { eventDetail } from '../../client/src/features/host-detail/RecentEvents.js';

const recent = [
  {
    ref: 'telemetry/1764417600000-5',
    ts: Date.UTC(2026, 10, 29, 12, 0, 5),
    kind: 'dns',
    query: 'q5.example',
  },
  {
    ref: 'telemetry/1764417600000-4',
    ts: Date.UTC(2026, 10, 29, 12, 0, 4),
    kind: 'dns',
    query: 'q4.example',
  },
  { event_id: 'evt-9', kind: 'ids', signature: 'ET SCAN <script>' },
];

describe('reason examples on the host page', () => {
  it('show the event for a ref or an event id, from the recent events or read back, and say when it is gone', () => {
    expect(exampleLine('telemetry/1764417600000-4', recent)).toBe('12:00:04 dns query q4.example');
    expect(exampleLine('evt-9', recent)).toBe('ids signature “ET SCAN <script>”');
    expect(exampleLine('telemetry/1764417600000-0', recent)).toBe('telemetry/1764417600000-0 (loading…)');
    const fetched = new Map([
      [
        'telemetry/1764417600000-0',
        { ts: Date.UTC(2026, 10, 29, 12, 0, 0), kind: 'auth', outcome: 'failure' },
      ],
      ['telemetry/1764417600000-1', null],
    ]);
    expect(exampleLine('telemetry/1764417600000-0', recent, fetched)).toBe('12:00:00 auth outcome failure');
    expect(exampleLine('telemetry/1764417600000-1', recent, fetched)).toBe(
      'telemetry/1764417600000-1 (no longer held by the stream)',
    );
  });

  it('say what an analyst checks for each kind of event', () => {
    expect(
      eventDetail({
        kind: 'flow',
        dst_ip: '203.0.113.5',
        dst_port: 443,
        proto: 'tcp',
        conn_state: 'SF',
        bytes_out: 12_300,
        bytes_in: 4_560_000,
        duration_ms: 2_500,
      }),
    ).toBe('→ 203.0.113.5:443 · tcp · state SF · out 12.3 kB · in 4.6 MB · lasting 2.5 s');
    expect(eventDetail({ kind: 'dns', query: 'x.example', qtype: 'TXT', rcode: 'NXDOMAIN' })).toBe(
      'query x.example · type TXT · rcode NXDOMAIN',
    );
    expect(
      eventDetail({ kind: 'ids', signature: 'ET SCAN x', category: 'Attempted Recon', severity: 2 }),
    ).toBe('signature “ET SCAN x” · category Attempted Recon · severity 2');
    expect(eventDetail({ kind: 'auth', user: 'root', outcome: 'failure' })).toBe(
      'user root · outcome failure',
    );
  });
});
