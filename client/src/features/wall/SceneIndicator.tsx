/**
 * @module The wall's footer, read from across the room: which detail the panel shows and which comes next (no tiny
 * tab strip), or that a critical alert has paused the rotation.
 */
import type { Scene } from './scenes.js';
import type { WallScenes } from './useWallScenes.js';

const SCENE_NAMES = { network: 'Network scores', handover: 'Shift handover', alerts: 'Alerts' } as const;

function sceneName(s: Scene): string {
  return s.kind === 'segment' ? s.segment : SCENE_NAMES[s.kind];
}

export function SceneIndicator({ scenes: w, now }: { scenes: WallScenes; now: number }) {
  const { scenes, sceneIndex, scene, pinnedIndex, rotateMs } = w;
  return (
    <footer className="wall__foot" data-testid="wall-scene-indicator">
      {w.takeover ? (
        <span className="wall__sceneon">Critical alert · detail rotation paused until acknowledged</span>
      ) : (
        <>
          <span className="wall__scenecount">
            Detail {sceneIndex + 1} of {scenes.length}
          </span>
          <span className="wall__sceneon">{sceneName(scene)}</span>
          {pinnedIndex >= 0 ? (
            <span className="wall__scenenext">pinned</span>
          ) : scenes.length > 1 ? (
            <span className="wall__scenenext">
              next: {sceneName(scenes[(sceneIndex + 1) % scenes.length]!)} in{' '}
              {Math.max(1, Math.ceil((rotateMs - (now % rotateMs)) / 1000))} s
            </span>
          ) : null}
        </>
      )}
    </footer>
  );
}
