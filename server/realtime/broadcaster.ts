/**
 * @module The tick's fan-out, owned in one place: which rooms a new socket is admitted to, the frame to the whole
 * network's room and each segment-limited room (cut down, without network-wide figures), host detail to watched
 * hosts, alert changes to every instance, and kicks.
 */
import type { Alert } from '../../shared/schemas/alert.js';
import type { Frame } from '../../shared/schemas/frame.js';
import type { WallHandover } from '../../shared/schemas/handover.js';
import type { HostScore } from '../../shared/schemas/score.js';
import type { Kick } from '../auth/kick.js';
import { filterFrame, wallAlert } from './frame-filter.js';
import type { WfServer, WfSocket } from './io.js';
import { parseRoom, type Room, roomName, rooms } from './rooms.js';
import { isWallSocket, joinRoom } from './socket-policy.js';

/**
 * Unsent packets a connection may hold before ticks skip it (a healthy one holds 0–2 for a moment). A connection that
 * stops reading altogether is closed by engine.io's ping timeout. @default 4
 */
export const MAX_QUEUED_PACKETS = 4;

export class Broadcaster {
  /** The last tick's frame, for a screen that comes back between ticks. */
  private last: Frame | null = null;

  constructor(
    private readonly io: WfServer,
    private readonly hostDetail: (ip: string) => HostScore | null,
  ) {}

  /** The rooms a socket starts in: its kick room, and the whole network's or its segments' frames and alerts. */
  admit(socket: WfSocket): void {
    const { kind, segments, username, tokenId } = socket.data;
    const start: Room[] = [
      kind === 'display' ? { kind: 'token', tokenId: tokenId! } : { kind: 'user', username },
    ];
    const wall = isWallSocket(socket.data);
    if (segments.length > 0) {
      start.push({ kind: 'live-segments', segments });
      for (const segment of segments)
        start.push(wall ? { kind: 'wall-alerts-segment', segment } : { kind: 'alerts-segment', segment });
    } else start.push({ kind: 'live' }, wall ? { kind: 'wall-alerts' } : { kind: 'alerts' });
    for (const room of start) joinRoom(socket, room);
  }

  /**
   * One tick: frames are per instance (`local`); every room this instance serves gets its share, each encoded once.
   * A screen whose connection already holds `MAX_QUEUED_PACKETS` unsent packets (it stopped reading) is skipped
   * until it drains, so its memory stays bounded; it then sees the gap in `seq` and asks for a resync. (Socket.IO's
   * `volatile` is not used: it drops a packet whenever the previous write has not finished, so a watched host's
   * detail right after a frame, or a frame while a big one is still being written, would be lost on a healthy
   * connection.)
   */
  frame(frame: Frame): void {
    this.last = frame;
    const congested = this.congestedSockets();
    const local = congested.length ? this.io.local.except(congested) : this.io.local;
    local.to(rooms.live).emit('frame', frame);
    for (const name of this.io.of('/').adapter.rooms.keys()) {
      const room = parseRoom(name);
      if (room?.kind === 'live-segments') local.to(name).emit('frame', filterFrame(frame, room.segments));
      else if (room?.kind === 'host') {
        const host = this.hostDetail(room.ip);
        if (host) local.to(name).emit('host', host);
      }
    }
  }

  /**
   * A recovered socket (its session resumed after a drop, perhaps on another instance) gets the last frame at once,
   * cut to its segments, instead of staying blank until the next tick: frames are per instance and Socket.IO does not
   * replay them. The client reads it as a duplicate, or sees the gap in `seq` and asks for a resync.
   */
  resume(socket: WfSocket): void {
    if (!this.last) return;
    const { segments } = socket.data;
    socket.emit('frame', segments.length > 0 ? filterFrame(this.last, segments) : this.last);
  }

  /** The hosts this instance's screens watch (their detail goes out each tick). */
  watchedHosts(): string[] {
    const out: string[] = [];
    for (const name of this.io.of('/').adapter.rooms.keys()) {
      const room = parseRoom(name);
      if (room?.kind === 'host') out.push(room.ip);
    }
    return out;
  }

  /** Ids of this instance's sockets whose connection holds too many unsent packets. */
  private congestedSockets(): string[] {
    const out: string[] = [];
    for (const [id, socket] of this.io.of('/').sockets) {
      // engine.io's queue of packets not yet handed to the transport (not in its public types)
      const queued = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
      if (queued >= MAX_QUEUED_PACKETS) out.push(id);
    }
    return out;
  }

  /** An alert changed: every instance's screens that see its segment. */
  alert(alert: Alert): void {
    this.io.to(rooms.alerts).to(rooms.alertsOf(alert.segment)).emit('alert', alert);
    this.io.to(rooms.wallAlerts).to(rooms.wallAlertsOf(alert.segment)).emit('alert', wallAlert(alert));
  }

  /**
   * What the wall shows of the handover changed: every instance's screens that see the whole network (the alerts
   * room holds exactly those; a screen limited to some segments does not get the leads' network-wide notes).
   */
  handover(handover: WallHandover): void {
    this.io.to(rooms.alerts).to(rooms.wallAlerts).emit('handover', handover);
  }

  /** Ends this instance's sockets of a disabled user, an ended session or a revoked display token. */
  kick(k: Kick): void {
    if ('sessionId' in k) {
      for (const socket of this.io.of('/').sockets.values()) {
        if (socket.data.sessionId === k.sessionId) socket.disconnect(true);
      }
      return;
    }
    const room: Room =
      'username' in k ? { kind: 'user', username: k.username } : { kind: 'token', tokenId: k.tokenId };
    this.io.local.in(roomName(room)).disconnectSockets(true);
  }
}
