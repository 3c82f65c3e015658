/** @module Alert actions as the server takes them (`ALERT_ACTION_BODIES` in shared/): which need a note, the body, the call. */
import type { Disposition } from '../../../../shared/schemas/alert.js';
import type { AnyAlertActionBody } from '../../../../shared/schemas/alert-api.js';
import { type AlertAction, API, call } from '../../lib/api.js';

export type DialogAction = AlertAction | 'bulk-ack' | 'bulk-resolve';

/** Every action but `release` is refused without a note (`note` calls it `text`). */
export const NOTE_REQUIRED: ReadonlySet<DialogAction> = new Set<DialogAction>([
  'ack',
  'escalate',
  'resolve',
  'snooze',
  'note',
  'bulk-ack',
  'bulk-resolve',
]);

export interface ActionValues {
  note: string;
  disposition?: Disposition;
  minutes?: number;
  /** Snooze: also wake when the score rises above its peak. */
  untilPeak?: boolean;
  expiresInMinutes?: number;
  takeover?: boolean;
}

/** The POST body for one alert's action at `version`. */
export function actionBody(action: AlertAction, v: ActionValues, version: number): AnyAlertActionBody {
  if (action === 'note') return { text: v.note };
  const body: Record<string, unknown> & { note: string } = { note: v.note, version };
  if (v.disposition) body.disposition = v.disposition;
  if (v.minutes) body.minutes = v.minutes;
  if (v.untilPeak) body.untilPeak = true;
  if (v.expiresInMinutes) body.expiresInMinutes = v.expiresInMinutes;
  if (v.takeover) body.takeover = true;
  return body as AnyAlertActionBody;
}

/** `POST /api/alerts/:id/:action`, keeping the suggested rule a false positive brings. */
export function act(id: string, action: AlertAction, body: AnyAlertActionBody) {
  return call(API.alertAction, { params: { id, action }, body });
}
