/** @module An open alert with plain defaults, for unit tests on either side (shared types only). */
import type { Alert } from '../../shared/schemas/alert.js';

export function alertFixture(extra: Partial<Alert> = {}): Alert {
  return {
    id: 'A1',
    key: 'scan:host:10.0.0.1',
    detector: 'scan',
    entity: { type: 'host', id: '10.0.0.1' },
    segment: 'energy',
    severity: 'high',
    state: 'open',
    version: 1,
    score: 80,
    peakScore: 80,
    firstSeen: 1000,
    lastSeen: 1000,
    count: 1,
    reasons: [],
    owner: null,
    ackedAt: null,
    ackExpiresAt: null,
    escalated: false,
    snoozedUntil: null,
    notes: [],
    previousId: null,
    snoozedAbove: null,
    resolvedAt: null,
    resolvedBy: null,
    disposition: null,
    active: true,
    raiseReasons: [],
    peakReasons: [],
    ...extra,
  };
}
