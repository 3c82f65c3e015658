/**
 * @module The Socket.IO connection that feeds the live store: validates every payload, detects gaps in
 * frame `seq` and asks for a `resync`, and reports the connection state. A snapshot's series (15 minutes of points
 * per segment) is checked in slices between which the page goes on; frames that come meanwhile wait for it.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.js';
import { EVENTS } from '../../../shared/events.js';
import { alertSchema } from '../../../shared/schemas/alert.js';
import { frameSchema, snapshotHeadSchema, snapshotSchema } from '../../../shared/schemas/frame.js';
import { wallHandoverSchema } from '../../../shared/schemas/handover.js';
import type { LiveStore } from '../state/live-store.js';
import { safeParseInSlices } from './parse-in-slices.js';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a request over the socket may wait for its ack. */
export const ACK_TIMEOUT_MS = 5000;
/** Without recovery the server sends a snapshot on connect; ask for one if it has not come by then. */
const SNAPSHOT_GRACE_MS = 3000;
/** At most one resync per this interval (a server sending broken frames must not cause a storm). */
const RESYNC_MIN_INTERVAL_MS = 2000;

export interface LiveConnection {
  socket: LiveSocket;
  resync(reason: string): void;
  close(): void;
}

export interface LiveConnectionOptions {
  /** The server refused or dropped the socket: recheck the login; resolve true to try again. */
  onRefused(): Promise<boolean>;
  /** Extra `auth` payload, e.g. a display token for the wall. */
  auth?: Record<string, string>;
}

export function connectLive(store: LiveStore, options: LiveConnectionOptions): LiveConnection {
  const socket: LiveSocket = io({
    withCredentials: true,
    autoConnect: false,
    ...(options.auth ? { auth: options.auth } : {}),
  });
  let resyncInFlight = false;
  let lastResyncAt = 0;
  let snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;
  let closed = false;
  /** Frames that came while a snapshot was being checked (null when none is), applied after it in order. */
  let waiting: unknown[] | null = null;
  /** Counts snapshots: one being checked gives way to a newer one. */
  let snapshots = 0;

  /** After a refusal socket.io does not reconnect by itself: ask whether we may, then retry with backoff. */
  const refused = (): void => {
    store.setSocket('offline');
    clearTimeout(retryTimer);
    void options.onRefused().then((again) => {
      if (!again || closed) return;
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(refusals++, 5));
      retryTimer = setTimeout(() => {
        if (!closed && !socket.connected) {
          store.setSocket('reconnecting');
          socket.connect();
        }
      }, delay);
    });
  };
  const warned = new Set<string>();

  const warnOnce = (what: string, detail: unknown): void => {
    if (warned.has(what)) return;
    warned.add(what);
    console.warn(`[watchfloor] ${what}`, detail);
  };

  const resync = (reason: string): void => {
    const now = Date.now();
    if (resyncInFlight || !socket.connected || now - lastResyncAt < RESYNC_MIN_INTERVAL_MS) return;
    resyncInFlight = true;
    lastResyncAt = now;
    socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.resync, {}, (err, answer) => {
      resyncInFlight = false;
      if (err) return warnOnce('resync timed out', reason);
      if (!answer.ok) return warnOnce('resync refused', answer.error);
      void takeSnapshot(answer.data, 'invalid snapshot in resync answer');
    });
  };

  const takeSnapshot = async (payload: unknown, invalid: string): Promise<void> => {
    const n = ++snapshots;
    // frames that came before this snapshot (while an older one was being checked) are older than it
    waiting = [];
    const head = snapshotHeadSchema.safeParse(payload);
    const raw = head.success ? (payload as { series?: unknown }).series : undefined;
    const series = head.success ? await safeParseInSlices(snapshotSchema.shape.series, raw) : null;
    if (closed || n !== snapshots) return;
    const frames = waiting;
    waiting = null;
    if (!head.success || !series?.success) {
      warnOnce(invalid, (head.success ? series?.error : head.error)?.issues.slice(0, 3));
      return;
    }
    clearTimeout(snapshotTimer);
    store.applySnapshot({ ...head.data, series: series.data }, Date.now());
    for (const frame of frames) onFrame(frame);
  };

  const onFrame = (payload: unknown): void => {
    if (waiting) {
      waiting.push(payload);
      return;
    }
    const parsed = frameSchema.safeParse(payload);
    if (!parsed.success) {
      warnOnce('invalid frame', parsed.error.issues.slice(0, 3));
      return;
    }
    const state = store.getState();
    if (!state.hasData) {
      resync('frame before snapshot');
      return;
    }
    if (store.applyFrame(parsed.data, Date.now()) === 'gap') resync(`gap after seq ${state.lastSeq}`);
  };

  socket.on('connect', () => {
    refusals = 0;
    store.setSocket('connected');
    clearTimeout(snapshotTimer);
    // A recovered session resumes the frame sequence; otherwise a snapshot is on its way.
    if (!socket.recovered || !store.getState().hasData) {
      snapshotTimer = setTimeout(() => {
        if (store.getState().lastSeq === null && store.getState().receivedAt === 0) resync('no snapshot');
      }, SNAPSHOT_GRACE_MS);
    }
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    if (reason === 'io server disconnect') refused();
    else store.setSocket('reconnecting');
  });
  socket.on('connect_error', (err) => {
    if (socket.active) store.setSocket('reconnecting');
    else {
      // The auth middleware refused us; socket.io will not retry by itself.
      warnOnce('socket refused', err.message);
      refused();
    }
  });

  socket.on(EVENTS.snapshot, (payload) => void takeSnapshot(payload, 'invalid snapshot'));
  socket.on(EVENTS.frame, onFrame);
  socket.on(EVENTS.alert, (payload) => {
    const parsed = alertSchema.safeParse(payload);
    if (parsed.success) store.applyAlert(parsed.data);
    else warnOnce('invalid alert', parsed.error.issues.slice(0, 3));
  });
  socket.on(EVENTS.handover, (payload) => {
    const parsed = wallHandoverSchema.safeParse(payload);
    if (parsed.success) store.applyHandover(parsed.data);
    else warnOnce('invalid handover', parsed.error.issues.slice(0, 3));
  });

  socket.connect();
  return {
    socket,
    resync,
    close() {
      closed = true;
      clearTimeout(snapshotTimer);
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      store.reset();
    },
  };
}
