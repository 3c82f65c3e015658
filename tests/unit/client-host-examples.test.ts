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

/** Read back from the stream: one event still held, one no longer. */
const fetched = new Map([
  ['telemetry/1764417600000-0', { ts: Date.UTC(2026, 10, 29, 12, 0, 0), kind: 'auth', outcome: 'failure' }],
  ['telemetry/1764417600000-1', null],
]);

describe('reason examples on the host page', () => {
  it.each([
    ['a ref among the recent events', 'telemetry/1764417600000-4', new Map(), '12:00:04 dns q4.example'],
    ['an event id among the recent events', 'evt-9', new Map(), 'ids ET SCAN <script>'],
    [
      'a ref not read back yet',
      'telemetry/1764417600000-0',
      new Map(),
      'telemetry/1764417600000-0 (loading…)',
    ],
    ['a ref read back', 'telemetry/1764417600000-0', fetched, '12:00:00 auth failure'],
    [
      'a ref the stream no longer holds',
      'telemetry/1764417600000-1',
      fetched,
      'telemetry/1764417600000-1 (no longer held by the stream)',
    ],
  ])('%s', (_what, ref, read, line) => {
    expect(exampleLine(ref, recent, read)).toBe(line);
  });
});
