/** @module Socket handlers for alert actions: the same validation, roles and service as HTTP; envelopes back. */

import { fail, ok } from '../../shared/envelope.js';
import type { ClientToServerEvents } from '../../shared/events.js';
import type { Alert } from '../../shared/schemas/alert.js';
import { type ActionName, parseAction } from '../alerts/action-schemas.js';
import type { AlertService } from '../alerts/alert-service.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WfSocket } from './io.js';

const EVENTS: Record<ActionName, keyof ClientToServerEvents> = {
  ack: 'alert:ack',
  escalate: 'alert:escalate',
  resolve: 'alert:resolve',
  snooze: 'alert:snooze',
  note: 'alert:note',
  release: 'alert:release',
};

export function registerAlertHandlers(socket: WfSocket, alerts: AlertService, logger: Logger): void {
  for (const [name, event] of Object.entries(EVENTS) as [ActionName, keyof ClientToServerEvents][]) {
    socket.on(event, async (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const answer = ack as (a: ReturnType<typeof ok<Alert>> | ReturnType<typeof fail>) => void;
      try {
        if (socket.data.kind !== 'user' || socket.data.role === 'display') {
          return answer(fail('forbidden', 'a display token may not act on alerts'));
        }
        const id = (payload as { id?: unknown } | null)?.id;
        if (typeof id !== 'string' || id.length > 32) return answer(fail('bad_request', 'id is required'));
        const alert = await alerts.act(id, parseAction(name, payload), {
          name: socket.data.username,
          role: socket.data.role,
        });
        answer(ok(alert));
      } catch (err) {
        if (err instanceof AppError) return answer(fail(err.code, err.message));
        logger.error({ err, event }, 'socket alert action failed');
        answer(fail('internal', 'internal error'));
      }
    });
  }
}
