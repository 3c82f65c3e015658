/** @module Socket handlers for alert actions: the same validation and service as HTTP; the policy table decides who. */
import type { ClientToServerEvents } from '../../shared/events.js';
import type { AlertActionName } from '../../shared/schemas/alert-api.js';
import { parseAction } from '../alerts/action-schemas.js';
import type { AlertService } from '../alerts/alert-service.js';
import { badRequest } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WfSocket } from './io.js';
import { handle } from './socket-policy.js';

const EVENTS = {
  ack: 'alert:ack',
  escalate: 'alert:escalate',
  resolve: 'alert:resolve',
  snooze: 'alert:snooze',
  note: 'alert:note',
  release: 'alert:release',
} as const satisfies Record<AlertActionName, keyof ClientToServerEvents>;

export function registerAlertHandlers(socket: WfSocket, alerts: AlertService, logger: Logger): void {
  for (const name of Object.keys(EVENTS) as AlertActionName[]) {
    handle(socket, EVENTS[name], logger, async (payload) => {
      const id = (payload as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string' || id.length > 32) throw badRequest('id is required');
      // Only user sockets get here (the table refuses display tokens), so the role is a user's.
      const { username, role } = socket.data;
      if (role === 'display') throw badRequest('no user on this socket');
      return alerts.act(id, parseAction(name, payload), { name: username, role });
    });
  }
}
