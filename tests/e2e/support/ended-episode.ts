/**
 * @module An alert whose episode is over (`active: false`), raised critical and never acknowledged: its score is
 * the one it ended at, not its host's now. Written through the alert store as the engine writes one, and broadcast.
 */
import type { Alert } from '../../../shared/schemas/alert.js';
import type { TestServer } from '../../support/server.js';

export async function endedEpisode(
  wf: Pick<TestServer, 'alerts'>,
  o: { host: string; segment: string; score: number; peak: number },
): Promise<Alert> {
  const now = Date.now();
  const reason = {
    detector: 'scan',
    feature: 'distinct_ports_10s',
    observed: 139,
    expected: 2,
    contribution: o.peak,
  };
  const { id } = await wf.alerts.store.create(
    {
      key: `scan:host:${o.host}`,
      detector: 'scan',
      entity: { type: 'host', id: o.host },
      segment: o.segment,
      severity: 'critical',
      state: 'open',
      score: o.score,
      peakScore: o.peak,
      firstSeen: now - 120_000,
      lastSeen: now - 30_000,
      count: 1,
      reasons: [{ ...reason, contribution: o.score }],
      owner: null,
      ackedAt: null,
      ackExpiresAt: null,
      escalated: false,
      snoozedUntil: null,
      notes: [],
      snoozedAbove: null,
      resolvedAt: null,
      resolvedBy: null,
      disposition: null,
      active: false,
      raiseReasons: [reason],
      peakReasons: [reason],
    },
    { at: now - 120_000, actor: 'system', role: 'system', action: 'alert.raise', to: 'open' },
  );
  const alert = await wf.alerts.store.get(id);
  if (!alert) throw new Error(`alert ${id} was not stored`);
  wf.alerts.notify(alert);
  return alert;
}
