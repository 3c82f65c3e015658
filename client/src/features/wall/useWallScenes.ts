/**
 * @module Which detail scene the wall's panel shows now: the scene list for the segments this display may see, rotation on
 * the clock (`?rotate=SECONDS`) or a pinned scene (`?scene=network|handover|alerts|segment:NAME`), the critical
 * alert that takes over until acknowledged, and the burn-in shift.
 */
import { useMemo } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { WallInfo } from '../../../../shared/schemas/api.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import {
  burnInOffset,
  hasWallHandover,
  type Scene,
  sceneKey,
  sceneList,
  stripLayout,
  takeoverAlert,
} from './scenes.js';

const BURN_IN_MS = 60_000;

export interface WallScenes {
  /** Segments this display may show; null: all of them. */
  allowed: Set<string> | null;
  scenes: Scene[];
  sceneIndex: number;
  scene: Scene;
  /** Index of the `?scene=` pin in `scenes`, or -1 when rotating. */
  pinnedIndex: number;
  rotateMs: number;
  /** Alerts in the allowed segments. */
  visibleAlerts: Alert[];
  takeover: { alert: Alert; others: number } | null;
  /** More segments than the strip shows at full size: smaller type on the strip and the legend. */
  dense: boolean;
  /** Burn-in shift, −1 … 1 on each axis (see `burnInOffset`). */
  offset: readonly [number, number];
}

export function useWallScenes(info: WallInfo | null, now: number): WallScenes {
  const segments = useLiveSelector((s) => s.segments);
  const alerts = useLiveSelector((s) => s.alerts);
  const handover = useLiveSelector((s) => s.handover);
  // `?rotate=SECONDS` sets the interval; `?scene=network|handover|alerts|segment:NAME` pins one scene.
  const { rotateMs, pinned } = useMemo(() => {
    const q = new URLSearchParams(window.location.search);
    const v = Number(q.get('rotate'));
    const scene = q.get('scene');
    // `overview` was the network scene's name before the strip of every segment stayed on screen.
    return {
      rotateMs: Number.isFinite(v) && v >= 3 ? v * 1000 : 20_000,
      pinned: scene === 'overview' ? 'network' : scene,
    };
  }, []);
  const allowed = info?.segments.length ? new Set(info.segments) : null;
  const names = segments.map((s) => s.segment).filter((s) => !allowed || allowed.has(s));
  const scenes = sceneList(names, hasWallHandover(handover));
  const pinnedIndex = pinned ? scenes.findIndex((x) => sceneKey(x) === pinned) : -1;
  // Rotation follows the clock, so every wall in the room shows the same scene.
  const sceneIndex = pinnedIndex >= 0 ? pinnedIndex : Math.floor(now / rotateMs) % scenes.length;
  const scene = scenes[sceneIndex]!;
  const visibleAlerts = useMemo(
    () => [...alerts.values()].filter((a) => !allowed || allowed.has(a.segment)),
    [alerts, allowed],
  );
  const takeover = takeoverAlert(visibleAlerts, now);
  const offset = burnInOffset(Math.floor(now / BURN_IN_MS));
  const dense = stripLayout(names.length) !== 'wide';
  return {
    allowed,
    scenes,
    sceneIndex,
    scene,
    pinnedIndex,
    rotateMs,
    visibleAlerts,
    takeover,
    dense,
    offset,
  };
}
