/**
 * @module The wall's pure rules: which detail scenes rotate (the network strip stays), how many columns the strip
 * takes, which alert takes over the detail panel, where the burn-in shift goes.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { isSnoozed } from '../../../../shared/schemas/alert.js';
import type { WallHandover } from '../../../../shared/schemas/handover.js';
import { compareAlerts } from '../alerts/queue.js';

export type Scene =
  | { kind: 'network' }
  | { kind: 'handover' }
  | { kind: 'segment'; segment: string }
  | { kind: 'alerts' };

/**
 * The network's scores chart, then what the leads put on the wall from the handover (when there is something),
 * then each segment (by name), then the alert board.
 */
export function sceneList(segments: readonly string[], handover = false): Scene[] {
  return [
    { kind: 'network' },
    ...(handover ? [{ kind: 'handover' } as const] : []),
    ...[...segments].sort().map((segment): Scene => ({ kind: 'segment', segment })),
    { kind: 'alerts' },
  ];
}

export function sceneKey(s: Scene): string {
  return s.kind === 'segment' ? `segment:${s.segment}` : s.kind;
}

/** True when the leads chose something of the handover for the wall. */
export function hasWallHandover(h: WallHandover | null): boolean {
  return h !== null && (h.summary !== null || h.items.length > 0);
}

/**
 * Columns of the network strip for `n` segments: up to 8 in two rows of at most 4 (type read from 5 m), more in
 * two rows (three past 24), with smaller type.
 */
export function stripColumns(n: number): number {
  if (n <= 4) return Math.max(1, n);
  if (n <= 8) return 4;
  return Math.ceil(n / (n <= 24 ? 2 : 3));
}

/** The newest critical alert nobody has acknowledged (and not snoozed): it owns the screen until acknowledged. */
export function takeoverAlert(alerts: Iterable<Alert>, now: number): { alert: Alert; others: number } | null {
  const waiting = [...alerts].filter(
    (a) => a.severity === 'critical' && a.state === 'open' && !isSnoozed(a, now),
  );
  if (waiting.length === 0) return null;
  waiting.sort((a, b) => b.firstSeen - a.firstSeen || a.id.localeCompare(b.id));
  return { alert: waiting[0]!, others: waiting.length - 1 };
}

/** Unresolved alerts for the board, worst first. */
export function boardAlerts(alerts: Iterable<Alert>, limit: number): Alert[] {
  return [...alerts]
    .filter((a) => a.state !== 'resolved')
    .sort(compareAlerts)
    .slice(0, limit);
}

/**
 * Burn-in shift: a slow walk around a small square, in units of the wall's margin (−1 … 1 on each axis),
 * so the content never leaves the margin.
 */
const PATH: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];
export function burnInOffset(step: number): readonly [number, number] {
  return PATH[((step % PATH.length) + PATH.length) % PATH.length]!;
}
