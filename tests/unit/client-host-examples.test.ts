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

/** Read back from the stream: one event still held, one no longer. */
const fetched = new Map([
  ['telemetry/1764417600000-0', { ts: Date.UTC(2026, 10, 29, 12, 0, 0), kind: 'auth', outcome: 'failure' }],
  ['telemetry/1764417600000-1', null],
]);

describe('reason examples on the host page', () => {
  it.each([
    [
      'a ref among the recent events',
      'telemetry/1764417600000-4',
      new Map(),
      '12:00:04 dns query q4.example',
    ],
    ['an event id among the recent events', 'evt-9', new Map(), 'ids signature “ET SCAN <script>”'],
    [
      'a ref not read back yet',
      'telemetry/1764417600000-0',
      new Map(),
      'telemetry/1764417600000-0 (loading…)',
    ],
    ['a ref read back', 'telemetry/1764417600000-0', fetched, '12:00:00 auth outcome failure'],
    [
      'a ref the stream no longer holds',
      'telemetry/1764417600000-1',
      fetched,
      'telemetry/1764417600000-1 (no longer held by the stream)',
    ],
  ])('%s', (_what, ref, read, line) => {
    expect(exampleLine(ref, recent, read)).toBe(line);
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
    ).toBe('→ 203.0.113.5:443 · tcp · state SF · out 12.3\u00a0kB · in 4.6\u00a0MB · lasting 2.5\u00a0s');
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
