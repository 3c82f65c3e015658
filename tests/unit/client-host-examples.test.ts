/** The host page shows a reason's examples as the events themselves: kept among the host's recent events, or read back from their stream. */
import { describe, expect, it } from 'vitest';
import { exampleLine } from '../../client/src/features/host-detail/ReasonsTable.js';

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
    expect(exampleLine('telemetry/1764417600000-4', recent)).toBe('12:00:04 dns q4.example');
    expect(exampleLine('evt-9', recent)).toBe('ids ET SCAN <script>');
    expect(exampleLine('telemetry/1764417600000-0', recent)).toBe('telemetry/1764417600000-0 (loading…)');
    const fetched = new Map([
      [
        'telemetry/1764417600000-0',
        { ts: Date.UTC(2026, 10, 29, 12, 0, 0), kind: 'auth', outcome: 'failure' },
      ],
      ['telemetry/1764417600000-1', null],
    ]);
    expect(exampleLine('telemetry/1764417600000-0', recent, fetched)).toBe('12:00:00 auth failure');
    expect(exampleLine('telemetry/1764417600000-1', recent, fetched)).toBe(
      'telemetry/1764417600000-1 (no longer held by the stream)',
    );
  });
});
