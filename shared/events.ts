/** @module Socket.IO event maps, declared once and used as type parameters by the server and the client. */

import type { Envelope } from './envelope.js';
import type { Role } from './roles.js';
import type { Alert } from './schemas/alert.js';
import type { AlertActionBody, AlertActionName } from './schemas/alert-api.js';
import type { Frame, Snapshot } from './schemas/frame.js';
import type { WallHandover } from './schemas/handover.js';
import type { HostScore } from './schemas/score.js';

export type Ack<T> = (answer: Envelope<T>) => void;

/** Server → client. */
export interface ServerToClientEvents {
  /** Full state: sent on connect when recovery did not restore the session, and on `resync`. */
  snapshot: (snapshot: Snapshot) => void;
  /** Every tick: new series points (including the open bucket), scores, ingest health. */
  frame: (frame: Frame) => void;
  /** One alert changed; sent at once. */
  alert: (alert: Alert) => void;
  /** Detail of a watched host. */
  host: (host: HostScore) => void;
  /** What the wall shows of the written handover changed (screens not limited to some segments). */
  handover: (handover: WallHandover) => void;
}

/** An `alert:*` payload: the alert's id and the action's body as HTTP takes it (`ALERT_ACTION_BODIES`). */
export type AlertActionPayload<A extends AlertActionName> = { id: string } & AlertActionBody<A>;

/** Client → server; every request is answered through its ack callback with an envelope. */
export interface ClientToServerEvents {
  /** Ask for a fresh snapshot (after a gap, or when the client suspects it missed frames). */
  resync: (payload: Record<string, never> | undefined, ack: Ack<Snapshot>) => void;
  /** Receive `host` events for one host (or a segment's frames only). */
  watch: (payload: { host?: string; segment?: string }, ack: Ack<{ watching: string }>) => void;
  unwatch: (payload: { host?: string; segment?: string }, ack: Ack<{ watching: null }>) => void;
  'alert:ack': (payload: AlertActionPayload<'ack'>, ack: Ack<Alert>) => void;
  'alert:escalate': (payload: AlertActionPayload<'escalate'>, ack: Ack<Alert>) => void;
  'alert:resolve': (payload: AlertActionPayload<'resolve'>, ack: Ack<Alert>) => void;
  'alert:snooze': (payload: AlertActionPayload<'snooze'>, ack: Ack<Alert>) => void;
  'alert:note': (payload: AlertActionPayload<'note'>, ack: Ack<Alert>) => void;
  'alert:release': (payload: AlertActionPayload<'release'>, ack: Ack<Alert>) => void;
}

export interface InterServerEvents {
  /** Ends every socket of a user or display token on every instance. */
  kick: (who: { username?: string; tokenId?: string }) => void;
}

/** What the auth middleware attaches to a socket. */
export interface SocketData {
  kind: 'user' | 'display';
  username: string;
  role: Role | 'display';
  sessionId?: string;
  tokenId?: string;
  /** Display tokens may be limited to some segments; empty means all. */
  segments: string[];
}

/** Event names as constants, so no event name is a loose string outside this file. */
export const EVENTS = {
  snapshot: 'snapshot',
  frame: 'frame',
  alert: 'alert',
  host: 'host',
  handover: 'handover',
  resync: 'resync',
  watch: 'watch',
  unwatch: 'unwatch',
} as const satisfies Record<string, keyof ServerToClientEvents | keyof ClientToServerEvents>;
