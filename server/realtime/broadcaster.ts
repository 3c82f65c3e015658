/**
 * @module The tick's fan-out, owned in one place: which rooms a new socket is admitted to, the frame to the whole
 * network's room and each segment-limited room (cut down, without network-wide figures), host detail to watched
 * hosts, alert changes to every instance, and kicks.
 */
import type { Alert } from '../../shared/schemas/alert.js';
import type { Frame } from '../../shared/schemas/frame.js';
import type { HostScore } from '../../shared/schemas/score.js';
import type { Kick } from '../auth/kick.js';
import { filterFrame } from './frame-filter.js';
import type { WfServer, WfSocket } from './io.js';
import { parseRoom, type Room, roomName, rooms } from './rooms.js';
import { joinRoom } from './socket-policy.js';

/** Packets a socket may have waiting before a watched host's detail is skipped for it (it stopped reading). */
const HOST_QUEUE_CAP = 8;

export class Broadcaster {
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
    if (segments.length > 0) {
      start.push({ kind: 'live-segments', segments });
      for (const segment of segments) start.push({ kind: 'alerts-segment', segment });
    } else start.push({ kind: 'live' }, { kind: 'alerts' });
    for (const room of start) joinRoom(socket, room);
  }

  /**
   * One tick: frames are per instance (`local`); every room this instance serves gets its share. Frames are volatile:
   * a screen whose connection cannot take more (it stopped reading) skips them instead of queueing them without
   * bound, sees the gap in `seq` and asks for a resync. A watched host's detail follows the frame in the same tick
   * (a volatile one would always be dropped, the connection still busy with the frame): it is sent unless the socket
   * already has `HOST_QUEUE_CAP` packets waiting.
   */
  frame(frame: Frame): void {
    const local = this.io.local.volatile;
    local.to(rooms.live).emit('frame', frame);
    const nsp = this.io.of('/');
    for (const [name, members] of nsp.adapter.rooms) {
      const room = parseRoom(name);
      if (room?.kind === 'live-segments') local.to(name).emit('frame', filterFrame(frame, room.segments));
      else if (room?.kind === 'host') {
        const host = this.hostDetail(room.ip);
        if (!host) continue;
        for (const id of members) {
          const socket = nsp.sockets.get(id);
          const queued =
            (socket?.conn as unknown as { writeBuffer?: unknown[] } | undefined)?.writeBuffer?.length ?? 0;
          if (socket && queued < HOST_QUEUE_CAP) socket.emit('host', host);
        }
      }
    }
  }

  /** An alert changed: every instance's screens that see its segment. */
  alert(alert: Alert): void {
    this.io.to(rooms.alerts).to(rooms.alertsOf(alert.segment)).emit('alert', alert);
  }

  /** Ends this instance's sockets of a disabled user or a revoked display token. */
  kick(k: Kick): void {
    const room: Room =
      'username' in k ? { kind: 'user', username: k.username } : { kind: 'token', tokenId: k.tokenId };
    this.io.local.in(roomName(room)).disconnectSockets(true);
  }
}
