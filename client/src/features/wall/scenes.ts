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
 * How the network strip sets out `n` segments, so that each tile stays legible from across the room:
 * - `wide`: up to 8, in rows of at most 4, every tile in full (its alert counts in words);
 * - `rows`: up to {@link ROWS_MAX}, in rows of 5 at the same type size, each tile on two lines (name; score, band
 *   and alert counts as numbers);
 * - `dense`: more, in two rows (three past 24), with smaller type.
 */
export type StripLayout = 'wide' | 'rows' | 'dense';
/** The most segments the strip shows at full type size (`rows`: four rows of five). */
export const ROWS_MAX = 20;

export function stripLayout(n: number): StripLayout {
  return n <= 8 ? 'wide' : n <= ROWS_MAX ? 'rows' : 'dense';
}

/** Columns of the network strip for `n` segments (see {@link stripLayout}). */
export function stripColumns(n: number): number {
  switch (stripLayout(n)) {
    case 'wide':
      return Math.max(1, Math.min(n, 4));
    case 'rows':
      return 5;
    case 'dense':
      return Math.ceil(n / (n <= 24 ? 2 : 3));
  }
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
