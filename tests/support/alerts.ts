/** @module Test helper: raise an alert through the real alert engine by feeding it observations. */

import type { Observation } from '../../server/alerts/raise-tracker.js';
import type { Watchfloor } from '../../server/watchfloor.js';
import type { Alert } from '../../shared/schemas/alert.js';

let counter = 0;

export function observation(
  entityId: string,
  score: number,
  at: number,
  detector = 'scan',
  segment = 'energy',
): Observation {
  return {
    entityType: 'host',
    entityId,
    segment,
    score,
    at,
    reasons: [{ detector, feature: 'distinct_ports_10s', observed: 400, expected: 3, contribution: score }],
  };
}

/** Holds a host's score above the raise threshold until the engine raises; returns the stored alert. */
export async function raiseAlert(
  wf: Watchfloor,
  opts: { ip?: string; score?: number; detector?: string; segment?: string } = {},
): Promise<Alert> {
  const ip = opts.ip ?? `10.77.${Math.floor(++counter / 250)}.${counter % 250}`;
  const now = Date.now();
  for (let i = 0; i <= 4; i++) {
    await wf.alertEngine.tick(
      [observation(ip, opts.score ?? 80, now + i * 1000, opts.detector, opts.segment)],
      now + i * 1000,
      now,
    );
  }
  const id = await wf.alerts.store.idForKey(`${opts.detector ?? 'scan'}:host:${ip}`);
  if (!id) throw new Error(`no alert raised for ${ip}`);
  return (await wf.alerts.store.get(id))!;
}
