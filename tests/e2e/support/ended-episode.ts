/**
 * @module An alert whose episode is over (`active: false`), raised critical and never acknowledged: its score is
 * the one it ended at, not its host's now. Written through the alert store as the engine writes one, and broadcast.
 */
import type { Alert } from '../../../shared/schemas/alert.js';
import { alertFixture } from '../../support/alert-fixture.js';
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
  const {
    id: _id,
    previousId: _previous,
    version: _version,
    ...fields
  } = alertFixture({
    key: `scan:host:${o.host}`,
    entity: { type: 'host', id: o.host },
    segment: o.segment,
    severity: 'critical',
    score: o.score,
    peakScore: o.peak,
    firstSeen: now - 120_000,
    lastSeen: now - 30_000,
    reasons: [{ ...reason, contribution: o.score }],
    active: false,
    raiseReasons: [reason],
    peakReasons: [reason],
  });
  const { id } = await wf.alerts.store.create(fields, {
    at: now - 120_000,
    actor: 'system',
    role: 'system',
    action: 'alert.raise',
    to: 'open',
  });
  const alert = await wf.alerts.store.get(id);
  if (!alert) throw new Error(`alert ${id} was not stored`);
  wf.alerts.notify(alert);
  return alert;
}
