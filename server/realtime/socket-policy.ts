/**
 * @module Socket authorization in one place: which socket kinds, roles and segment limits may send each
 * client → server event and join each room. Handlers are registered only through `handle`, which asks this table
 * first, so an event cannot be served without saying here who may send it.
 */
import { type Envelope, type ErrorBody, fail } from '../../shared/envelope.js';
import type { ClientToServerEvents, SocketData } from '../../shared/events.js';
import type { TextRef } from '../../shared/locale.js';
import { ALERT_ACTION_PERMISSION, may, type Permission } from '../../shared/permissions.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WfSocket } from './io.js';
import { parseRoom, type Room, roomName } from './rooms.js';

/** Who may send an event: display sockets (wall data only) and/or users holding a permission. */
export interface SocketRule {
  /** A display token's socket may send it. */
  display: boolean;
  /** A user's socket may send it when the user holds this permission; null: no user may. */
  user: Permission | null;
}

export const SOCKET_POLICY = {
  /** A fresh snapshot, cut to the socket's segments. */
  resync: { display: true, user: 'data.read' },
  /** Host detail carries raw events (peers, queries, user names): never for a display token. */
  watch: { display: false, user: 'data.read' },
  unwatch: { display: false, user: 'data.read' },
  'alert:ack': { display: false, user: ALERT_ACTION_PERMISSION.ack },
  'alert:escalate': { display: false, user: ALERT_ACTION_PERMISSION.escalate },
  'alert:resolve': { display: false, user: ALERT_ACTION_PERMISSION.resolve },
  'alert:snooze': { display: false, user: ALERT_ACTION_PERMISSION.snooze },
  'alert:note': { display: false, user: ALERT_ACTION_PERMISSION.note },
  'alert:release': { display: false, user: ALERT_ACTION_PERMISSION.release },
} as const satisfies Record<keyof ClientToServerEvents, SocketRule>;

/** Hosts one socket may watch at once (each is a room the tick serves). @default 8 */
export const MAX_WATCHED_HOSTS = 8;

/** Null when the socket may send `event`, else why not. */
export function refusal(data: SocketData, event: keyof ClientToServerEvents): ErrorBody | null {
  const rule: SocketRule = SOCKET_POLICY[event];
  const refuse = (message: string, text: TextRef): ErrorBody => ({ code: 'forbidden', message, ...text });
  // written out rather than isWallSocket: the check narrows `role` to a user's for what follows
  if (data.kind === 'display' || data.role === 'display') {
    return rule.display
      ? null
      : refuse(`a display token may not send ${event}`, { key: 'access.display_may_not', params: { event } });
  }
  if (rule.user === null)
    return refuse(`no user may send ${event}`, { key: 'access.nobody_may', params: { event } });
  return may(data.role, rule.user)
    ? null
    : refuse(`role ${data.role} may not send ${event}`, {
        key: 'access.role_may_not',
        params: { role: data.role, permission: rule.user },
      });
}

/** Whether the socket is a wall's (signed in by a display token): wall data only, alerts without their notes. */
export const isWallSocket = (data: Pick<SocketData, 'kind' | 'role'>): boolean =>
  data.kind === 'display' || data.role === 'display';

/** True when the socket may be in `room`: its own kick room, and only data within its segment limit. */
export function mayJoin(data: SocketData, room: Room): boolean {
  const limited = data.segments.length > 0;
  const within = (segment: string) => !limited || data.segments.includes(segment);
  const display = isWallSocket(data);
  switch (room.kind) {
    case 'live':
      return !limited;
    case 'alerts':
      return !display && !limited;
    case 'wall-alerts':
      return display && !limited;
    case 'live-segments':
      return room.segments.length > 0 && room.segments.every(within);
    case 'alerts-segment':
      return !display && within(room.segment);
    case 'wall-alerts-segment':
      return display && within(room.segment);
    case 'host':
      return !display && !limited;
    case 'user':
      return !display && room.username === data.username;
    case 'token':
      return display && room.tokenId === data.tokenId;
  }
}

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type AckData<E extends keyof ClientToServerEvents> =
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Envelope<infer T> ? T : never;

/**
 * Serves `event` on `socket` after the table allows it: the handler's result or AppError becomes the envelope;
 * a request without an ack callback is dropped; an unexpected error is logged once and answered `internal`.
 */
export function handle<E extends keyof ClientToServerEvents>(
  socket: WfSocket,
  event: E,
  logger: Logger,
  handler: (payload: Payload<E> | undefined) => Promise<AckData<E>> | AckData<E>,
): void {
  const listener = async (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const answer = ack as (a: Envelope<AckData<E>>) => void;
    const refused = refusal(socket.data, event);
    if (refused) return answer({ ok: false, error: refused });
    try {
      answer({ ok: true, data: await handler(payload as Payload<E> | undefined) });
    } catch (err) {
      if (err instanceof AppError) return answer({ ok: false, error: err.toBody() });
      logger.error({ err, event }, 'socket request failed');
      answer(fail('internal', 'internal error'));
    }
  };
  // The typed `on` cannot see through the generic event; the listener answers exactly the event's ack shape.
  (socket as unknown as { on(e: string, l: typeof listener): void }).on(event, listener);
}

/** Joins `room` when the table allows it (forbidden otherwise), holding at most MAX_WATCHED_HOSTS host rooms. */
export function joinRoom(socket: WfSocket, room: Room): void {
  if (!mayJoin(socket.data, room))
    throw new AppError('forbidden', `this socket may not join ${room.kind} rooms`, {
      key: 'access.room_refused',
      params: { room: room.kind },
    });
  const name = roomName(room);
  if (room.kind === 'host' && !socket.rooms.has(name)) {
    let hosts = 0;
    for (const r of socket.rooms) if (parseRoom(r)?.kind === 'host') hosts++;
    if (hosts >= MAX_WATCHED_HOSTS) {
      throw new AppError(
        'bad_request',
        `at most ${MAX_WATCHED_HOSTS} hosts may be watched at once; unwatch one`,
      );
    }
  }
  socket.join(name);
}
