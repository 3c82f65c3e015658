/**
 * @module Which scene the wall shows now: the scene list for the segments this display may see, rotation on
 * the clock (`?rotate=SECONDS`) or a pinned scene (`?scene=overview|alerts|segment:NAME`), the critical
 * alert that takes over until acknowledged, and the burn-in shift.
 */
import { useMemo } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { WallInfo } from '../../../../shared/schemas/api.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { burnInOffset, type Scene, sceneKey, sceneList, takeoverAlert } from './scenes.js';

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
  /** Burn-in shift, −1 … 1 on each axis (see `burnInOffset`). */
  offset: readonly [number, number];
}

export function useWallScenes(info: WallInfo | null, now: number): WallScenes {
  const segments = useLiveSelector((s) => s.segments);
  const alerts = useLiveSelector((s) => s.alerts);
  // `?rotate=SECONDS` sets the interval; `?scene=overview|alerts|segment:NAME` pins one scene.
  const { rotateMs, pinned } = useMemo(() => {
    const q = new URLSearchParams(window.location.search);
    const v = Number(q.get('rotate'));
    return { rotateMs: Number.isFinite(v) && v >= 3 ? v * 1000 : 20_000, pinned: q.get('scene') };
  }, []);
  const allowed = info?.segments.length ? new Set(info.segments) : null;
  const names = segments.map((s) => s.segment).filter((s) => !allowed || allowed.has(s));
  const scenes = sceneList(names);
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
  return { allowed, scenes, sceneIndex, scene, pinnedIndex, rotateMs, visibleAlerts, takeover, offset };
}
