import { describe, expect, it } from 'vitest';
import { HealthAlerts } from '../../server/ingest/health-alerts.js';

const T = 1_800_000_000_000;

describe('ingest health alerts', () => {
  it('reports lag above the limit, trimming losses and DLQ growth, and nothing when healthy', () => {
    const h = new HealthAlerts({ lag: 1000, dlqPerMin: 100 });
    for (let i = 0; i <= 10; i++) h.add({ at: T + i * 1000, lag: 10, lostToTrim: 5, rejected: 3 });
    expect(h.observations(T + 10_000)).toEqual([]);
    h.add({ at: T + 11_000, lag: 50_000, lostToTrim: 25, rejected: 900 });
    const obs = h.observations(T + 11_000);
    expect(obs.map((o) => o.entityId).sort()).toEqual(['dlq-growth', 'ingest-lag', 'trimmed-before-read']);
    expect(obs.find((o) => o.entityId === 'trimmed-before-read')!.reasons[0]!.observed).toBe(20);
    expect(obs.every((o) => o.score >= 60)).toBe(true);
  });
});
