/**
 * @module The wall's detail panel for a `Scene`: the network's scores, the leads' handover notes, one segment, or the
 * alert board.
 */
import type { Alert } from '../../../../shared/schemas/alert.js';
import { AlertBoard } from './AlertBoard.js';
import { HandoverScene } from './HandoverScene.js';
import { NetworkScene } from './NetworkScene.js';
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
  if (scene.kind === 'segment') return <SegmentScene segment={scene.segment} />;
  if (scene.kind === 'handover') return <HandoverScene />;
  return <NetworkScene allowed={allowed} />;
}
