/**
 * @module The wall's footer, read from across the room: which detail the panel shows and which comes next (no tiny
 * tab strip), or that a critical alert has paused the rotation.
 */

import { t } from '../../i18n/index.js';
import type { Scene } from './scenes.js';
import type { WallScenes } from './useWallScenes.js';

const SCENE_KEYS = {
  network: 'wall.sceneNetwork',
  handover: 'wall.sceneHandover',
  alerts: 'wall.sceneAlerts',
} as const;

function sceneName(s: Scene): string {
  return s.kind === 'segment' ? s.segment : t(SCENE_KEYS[s.kind]);
}

export function SceneIndicator({ scenes: w, now }: { scenes: WallScenes; now: number }) {
  const { scenes, sceneIndex, scene, pinnedIndex, rotateMs } = w;
  return (
    <footer className="wall__foot" data-testid="wall-scene-indicator">
      {w.takeover ? (
        <span className="wall__sceneon">{t('wall.paused')}</span>
      ) : (
        <>
          <span className="wall__scenecount">
            {t('wall.detailOf', { n: sceneIndex + 1, total: scenes.length })}
          </span>
          <span className="wall__sceneon">{sceneName(scene)}</span>
          {pinnedIndex >= 0 ? (
            <span className="wall__scenenext">{t('wall.pinned')}</span>
          ) : scenes.length > 1 ? (
            <span className="wall__scenenext">
              {t('wall.next', {
                scene: sceneName(scenes[(sceneIndex + 1) % scenes.length]!),
                seconds: Math.max(1, Math.ceil((rotateMs - (now % rotateMs)) / 1000)),
              })}
            </span>
          ) : null}
        </>
      )}
    </footer>
  );
}
