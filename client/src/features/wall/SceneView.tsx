/** @module The wall scene for a `Scene`: overview, one segment, or the alert board. */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { AlertBoard } from './AlertBoard.js';
import { OverviewScene } from './OverviewScene.js';
import { SegmentScene } from './SegmentScene.js';
import type { Scene } from './scenes.js';

export function SceneView({
  scene,
  alerts,
  now,
  allowed,
}: {
  scene: Scene;
  alerts: Alert[];
  now: number;
  allowed: Set<string> | null;
}) {
  if (scene.kind === 'alerts') return <AlertBoard alerts={alerts} now={now} />;
  if (scene.kind === 'segment') return <SegmentScene segment={scene.segment} alerts={alerts} />;
  return <OverviewScene alerts={alerts} allowed={allowed} />;
}
