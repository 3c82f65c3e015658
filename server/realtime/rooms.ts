/**
 * @module Every Socket.IO room Watchfloor uses, named, built and parsed here and nowhere else. Names that carry
 * producer or user text (segments, usernames) encode it as JSON, so no text can make one room look like another.
 */

/** What a room is for. */
export type Room =
  /** Every frame of the whole network. */
  | { kind: 'live' }
  /** Frames cut down to some segments (segment-limited display tokens, or a user watching one segment). */
  | { kind: 'live-segments'; segments: string[] }
  /** Every alert change, whole (users' screens). */
  | { kind: 'alerts' }
  /** Alert changes of one segment, whole. */
  | { kind: 'alerts-segment'; segment: string }
  /** Every alert change as a wall gets it (no notes: a display token is not an analyst). */
  | { kind: 'wall-alerts' }
  /** Alert changes of one segment as a wall gets them. */
  | { kind: 'wall-alerts-segment'; segment: string }
  /** `host` detail of one watched host. */
  | { kind: 'host'; ip: string }
  /** Every socket of one user, so that disabling the account ends them. */
  | { kind: 'user'; username: string }
  /** Every socket of one display token, so that revoking it ends them. */
  | { kind: 'token'; tokenId: string };

const PREFIX = {
  live: 'live',
  'live-segments': 'live-seg:',
  alerts: 'alerts',
  'alerts-segment': 'alerts-seg:',
  'wall-alerts': 'wall-alerts',
  'wall-alerts-segment': 'wall-alerts-seg:',
  host: 'host:',
  user: 'user:',
  token: 'token:',
} as const satisfies Record<Room['kind'], string>;

export const rooms = {
  live: PREFIX.live,
  alerts: PREFIX.alerts,
  /** Sorted and de-duplicated, so that two screens limited to the same segments share one room. */
  liveSegments: (segments: readonly string[]) =>
    PREFIX['live-segments'] + JSON.stringify([...new Set(segments)].sort()),
  alertsOf: (segment: string) => PREFIX['alerts-segment'] + JSON.stringify(segment),
  wallAlerts: PREFIX['wall-alerts'],
  wallAlertsOf: (segment: string) => PREFIX['wall-alerts-segment'] + JSON.stringify(segment),
  host: (ip: string) => PREFIX.host + ip,
  user: (username: string) => PREFIX.user + JSON.stringify(username),
  token: (tokenId: string) => PREFIX.token + JSON.stringify(tokenId),
} as const;

/** The name of a room. */
export function roomName(room: Room): string {
  switch (room.kind) {
    case 'live':
      return rooms.live;
    case 'alerts':
      return rooms.alerts;
    case 'live-segments':
      return rooms.liveSegments(room.segments);
    case 'alerts-segment':
      return rooms.alertsOf(room.segment);
    case 'wall-alerts':
      return rooms.wallAlerts;
    case 'wall-alerts-segment':
      return rooms.wallAlertsOf(room.segment);
    case 'host':
      return rooms.host(room.ip);
    case 'user':
      return rooms.user(room.username);
    case 'token':
      return rooms.token(room.tokenId);
  }
}

/** The room a name stands for, or null for names that are not ours (a socket's own id room). */
export function parseRoom(name: string): Room | null {
  if (name === PREFIX.live) return { kind: 'live' };
  if (name === PREFIX.alerts) return { kind: 'alerts' };
  if (name === PREFIX['wall-alerts']) return { kind: 'wall-alerts' };
  if (name.startsWith(PREFIX.host)) return { kind: 'host', ip: name.slice(PREFIX.host.length) };
  if (name.startsWith(PREFIX['live-segments'])) {
    const segments = jsonTail(name, PREFIX['live-segments']);
    return Array.isArray(segments) && segments.every((s) => typeof s === 'string')
      ? { kind: 'live-segments', segments }
      : null;
  }
  const text = (prefix: string) => {
    const v = name.startsWith(prefix) ? jsonTail(name, prefix) : undefined;
    return typeof v === 'string' ? v : null;
  };
  const segment = text(PREFIX['alerts-segment']);
  if (segment !== null) return { kind: 'alerts-segment', segment };
  const wallSegment = text(PREFIX['wall-alerts-segment']);
  if (wallSegment !== null) return { kind: 'wall-alerts-segment', segment: wallSegment };
  const username = text(PREFIX.user);
  if (username !== null) return { kind: 'user', username };
  const tokenId = text(PREFIX.token);
  if (tokenId !== null) return { kind: 'token', tokenId };
  return null;
}

function jsonTail(name: string, prefix: string): unknown {
  try {
    return JSON.parse(name.slice(prefix.length));
  } catch {
    return undefined;
  }
}
