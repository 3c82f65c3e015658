import { describe, expect, it } from 'vitest';
import { HealthAlerts } from '../../server/ingest/health-alerts.js';

const T = 1_800_000_000_000;

describe('ingest health alerts', () => {
  it('reports lag above the limit, losses and DLQ growth, and nothing when healthy', () => {
    const h = new HealthAlerts({ lag: 1000, dlqPerMin: 100 });
    for (let i = 0; i <= 10; i++) h.add({ at: T + i * 1000, lag: 10, rejected: 3 });
    expect(h.observations(T + 10_000)).toEqual([]);
    h.add({ at: T + 11_000, lag: 50_000, rejected: 900 });
    h.loss('trimmed-before-read', 20, T + 11_000);
    const obs = h.observations(T + 11_000);
    expect(obs.map((o) => o.entityId).sort()).toEqual(['dlq-growth', 'ingest-lag', 'trimmed-before-read']);
    expect(obs.find((o) => o.entityId === 'trimmed-before-read')!.reasons[0]!.observed).toBe(20);
    expect(obs.every((o) => o.score >= 60)).toBe(true);
  });

  it('keeps a loss as evidence for a minute, whenever it happened (a trim found after a restart too)', () => {
    const h = new HealthAlerts({ lag: 1000, dlqPerMin: 100 });
    h.loss('input-stream-deleted', 0, T);
    expect(h.observations(T + 59_000).map((o) => o.entityId)).toEqual(['input-stream-deleted']);
    expect(h.observations(T + 61_000)).toEqual([]);
  });

  it('says a deleted stream with nothing known unread as the deletion, and one that held unread entries as those', () => {
    const h = new HealthAlerts({ lag: 1000, dlqPerMin: 100 });
    h.loss('input-stream-deleted', 0, T);
    const [bare] = h.observations(T + 1_000);
    expect(bare!.reasons[0]).toMatchObject({ feature: 'input_streams_deleted', observed: 1, expected: 0 });
    expect(bare!.score).toBeGreaterThanOrEqual(60);
    h.loss('input-stream-deleted', 350, T + 2_000);
    const [lossy] = h.observations(T + 3_000);
    expect(lossy!.reasons[0]).toMatchObject({
      feature: 'unread_entries_deleted',
      observed: 350,
      expected: 0,
    });
    expect(lossy!.score).toBe(90);
  });

  it('reports ingest stuck on a failure for 5 s, until a minute after it recovers', () => {
    const h = new HealthAlerts({ lag: 1000, dlqPerMin: 100 });
    h.ingest(true, T);
    h.ingest(true, T + 4_000);
    expect(h.observations(T + 4_000)).toEqual([]);
    h.ingest(true, T + 6_000);
    expect(h.observations(T + 6_000).map((o) => o.entityId)).toEqual(['ingest-stalled']);
    h.ingest(false, T + 80_000);
    expect(h.observations(T + 100_000)[0]!.reasons[0]!.observed).toBe(80);
    expect(h.observations(T + 141_000)).toEqual([]);
  });
});
