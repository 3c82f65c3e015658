/** The host page shows a reason's examples as the events themselves, found among the host's recent events. */
import { describe, expect, it } from 'vitest';
import { exampleLine } from '../../client/src/features/host-detail/ReasonsTable.js';

const recent = [
  { ref: '1764417600000-5', ts: Date.UTC(2026, 10, 29, 12, 0, 5), kind: 'dns', query: 'q5.example' },
  { ref: '1764417600000-4', ts: Date.UTC(2026, 10, 29, 12, 0, 4), kind: 'dns', query: 'q4.example' },
  { event_id: 'evt-9', kind: 'ids', signature: 'ET SCAN <script>' },
];

describe('reason examples on the host page', () => {
  it('show the event for a ref or an event id, and say when it is no longer kept', () => {
    expect(exampleLine('1764417600000-4', recent)).toBe('12:00:04 dns q4.example');
    expect(exampleLine('evt-9', recent)).toBe('ids ET SCAN <script>');
    expect(exampleLine('1764417600000-0', recent)).toBe(
      '1764417600000-0 (no longer among the recent events)',
    );
  });
});
